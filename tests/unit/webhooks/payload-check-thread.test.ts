import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { MAX_WAITING_CHECKS, PayloadCheckThread } from '../../../src/webhooks/payload-check-thread';
import { doublingSchema } from '../../support/slow-payload-schema';

const SWC_REGISTER = path.join(__dirname, '../../support/swc-register.js');
const PAYLOAD_CHECK_THREAD = path.join(__dirname, '../../../src/webhooks/payload-check-thread.ts');

describe('the payload check thread', () => {
  it('never keeps the process alive: a process that leaves its thread running ends once the rest of its work is done', () => {
    const script = `
      const { PayloadCheckThread } = require(${JSON.stringify(PAYLOAD_CHECK_THREAD)});
      // The process's own work: held open until the check has answered, then let go.
      const work = setInterval(() => undefined, 1000);
      new PayloadCheckThread().check({ type: 'object' }, { a: 1 }).then((judgement) => {
        console.log(JSON.stringify(judgement));
        clearInterval(work);
      });
    `;
    const child = spawnSync(process.execPath, ['-r', SWC_REGISTER, '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect({ signal: child.signal, status: child.status, stderr: child.stderr }).toEqual({ signal: null, status: 0, stderr: '' });
    expect(JSON.parse(child.stdout)).toMatchObject({ valid: true });
  });
});

describe('the payload check thread under a burst for a slow schema', () => {
  const TIME_LIMIT_MS = 200;
  let thread: PayloadCheckThread;
  beforeEach(() => {
    thread = new PayloadCheckThread(TIME_LIMIT_MS);
  });
  afterEach(() => thread.close());

  it('lets a fixed number wait behind the running check, and answers each beyond them at once, not judged: check queue full', async () => {
    // A quick check first, so that the worker is running and the burst's first check starts at once.
    await expect(thread.check({ type: 'object' }, {})).resolves.toMatchObject({ valid: true });
    const slow = doublingSchema(22);
    const started = performance.now();
    const answers = Array.from({ length: MAX_WAITING_CHECKS + 4 }, () => thread.check(slow, { id: 1 }).then((judgement) => ({ judgement, ms: performance.now() - started })));
    const settled = await Promise.all(answers);
    const queueFull = settled.filter(({ judgement }) => judgement.notJudged?.startsWith('check queue full'));
    const stopped = settled.filter(({ judgement }) => judgement.notJudged?.startsWith('the check exceeded'));
    // The running check and MAX_WAITING_CHECKS behind it run to their limit; the 3 beyond them are answered before the first limit is up.
    expect({ stopped: stopped.length, queueFull: queueFull.length }).toEqual({ stopped: MAX_WAITING_CHECKS + 1, queueFull: 3 });
    expect(queueFull.every(({ judgement, ms }) => judgement.valid === null && ms < TIME_LIMIT_MS)).toBe(true);
  }, 20_000);
});
