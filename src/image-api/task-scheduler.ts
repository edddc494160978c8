/**
 * What a task says when it ends: done, or run me again after `retryInMs`.
 * Returning instead of rescheduling from inside keeps one id from ever running twice at once.
 */
export type TaskOutcome = { retryInMs: number } | undefined;

export type Task = (id: string, signal: AbortSignal) => Promise<TaskOutcome>;

/**
 * A small job engine: runs tasks by id, at most `concurrency` at a time, each after an optional
 * delay, and re-runs the ones that ask for a retry. It keeps no state of its own worth saving:
 * the caller persists what each task did and schedules unfinished ids again at start-up.
 */
export class TaskScheduler {
  private readonly waiting = new Map<string, NodeJS.Timeout>();
  private readonly ready: string[] = [];
  private readonly running = new Map<string, Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(
    private readonly concurrency: number,
    private readonly task: Task,
    private readonly onCrash: (id: string, error: unknown) => void,
  ) {}

  /** Queues `id` to run after `delayMs`; an id already queued or running is left as it is. */
  schedule(id: string, delayMs = 0): void {
    if (this.stopping.signal.aborted || this.isKnown(id)) return;
    const timer = setTimeout(() => {
      this.waiting.delete(id);
      this.ready.push(id);
      this.pump();
    }, Math.max(0, delayMs));
    timer.unref();
    this.waiting.set(id, timer);
  }

  /** How many tasks are queued, waiting for a retry, or running. */
  get size(): number {
    return this.waiting.size + this.ready.length + this.running.size;
  }

  /** Stops starting tasks, asks running ones to abort, and waits for them to settle. */
  async stop(): Promise<void> {
    this.stopping.abort();
    for (const timer of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
    this.ready.length = 0;
    await Promise.allSettled(this.running.values());
  }

  private isKnown(id: string): boolean {
    return this.waiting.has(id) || this.running.has(id) || this.ready.includes(id);
  }

  private pump(): void {
    while (this.running.size < this.concurrency && this.ready.length > 0) {
      const id = this.ready.shift() as string;
      this.running.set(id, this.run(id));
    }
  }

  private async run(id: string): Promise<void> {
    let outcome: TaskOutcome;
    try {
      outcome = await this.task(id, this.stopping.signal);
    } catch (error) {
      this.onCrash(id, error);
    }
    this.running.delete(id);
    if (outcome) this.schedule(id, outcome.retryInMs);
    this.pump();
  }
}
