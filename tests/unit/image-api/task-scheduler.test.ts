import { TaskScheduler, type Task } from '../../../src/image-api/task-scheduler';
import { eventually } from '../../support/eventually';

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));
/** Tasks here last 10 to 20 ms: look more often than that. */
const OFTEN = { intervalMs: 5 };

describe('TaskScheduler', () => {
  it('runs at most `concurrency` tasks at a time', async () => {
    let running = 0;
    let peak = 0;
    const done: string[] = [];
    const task: Task = async (id) => {
      running += 1;
      peak = Math.max(peak, running);
      await tick(10);
      running -= 1;
      done.push(id);
      return undefined;
    };
    const scheduler = new TaskScheduler(2, task, () => undefined);
    for (const id of ['a', 'b', 'c', 'd', 'e']) scheduler.schedule(id);
    await eventually(() => done.length === 5, OFTEN);
    expect(peak).toBe(2);
    await scheduler.stop();
  });

  it('runs a task again when it asks for a retry', async () => {
    const runs: string[] = [];
    const scheduler = new TaskScheduler(1, async (id) => {
      runs.push(id);
      return runs.length < 3 ? { retryInMs: 1 } : undefined;
    }, () => undefined);
    scheduler.schedule('job');
    await eventually(() => runs.length === 3, OFTEN);
    await tick(20);
    expect(runs).toEqual(['job', 'job', 'job']);
    await scheduler.stop();
  });

  it('ignores an id that is already queued or running', async () => {
    const runs: string[] = [];
    const scheduler = new TaskScheduler(1, async (id) => {
      runs.push(id);
      await tick(10);
      return undefined;
    }, () => undefined);
    scheduler.schedule('job');
    scheduler.schedule('job');
    await eventually(() => runs.length === 1, OFTEN);
    scheduler.schedule('job');
    await eventually(() => scheduler.size === 0, OFTEN);
    expect(runs).toEqual(['job']);
    await scheduler.stop();
  });

  it('reports a task that throws and keeps going', async () => {
    const crashes: string[] = [];
    const done: string[] = [];
    const scheduler = new TaskScheduler(1, async (id) => {
      if (id === 'bad') throw new Error('boom');
      done.push(id);
      return undefined;
    }, (id) => crashes.push(id));
    scheduler.schedule('bad');
    scheduler.schedule('good');
    await eventually(() => done.length === 1, OFTEN);
    expect(crashes).toEqual(['bad']);
    await scheduler.stop();
  });

  it('on stop, aborts running tasks, waits for them, and drops queued ones', async () => {
    const started: string[] = [];
    let abortedCleanly = false;
    const scheduler = new TaskScheduler(1, async (id, signal) => {
      started.push(id);
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      abortedCleanly = true;
      return { retryInMs: 0 };
    }, () => undefined);
    scheduler.schedule('running');
    scheduler.schedule('queued');
    scheduler.schedule('later', 60_000);
    await eventually(() => started.length === 1, OFTEN);
    await scheduler.stop();
    expect(abortedCleanly).toBe(true);
    expect(scheduler.size).toBe(0);
    scheduler.schedule('after-stop');
    await tick(20);
    expect(started).toEqual(['running']);
  });
});
