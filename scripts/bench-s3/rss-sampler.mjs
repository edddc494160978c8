// Samples a process's resident set size with `ps -o rss= -p <pid>` (independent of the process's
// own event loop, so a busy server is still measured) while some work runs.
import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Current RSS of `pid` in bytes. */
export async function rssOf(pid) {
  const { stdout } = await run('ps', ['-o', 'rss=', '-p', String(pid)]);
  return Number(stdout.trim()) * 1024;
}

/** Runs `work()` while sampling `pid` every `intervalMs`; resolves to { result, peakRss, samples }. */
export async function withRssSampling(pid, work, intervalMs = 100) {
  let done = false;
  let peakRss = 0;
  let samples = 0;
  const sampling = (async () => {
    while (!done) {
      peakRss = Math.max(peakRss, await rssOf(pid));
      samples += 1;
      await sleep(intervalMs);
    }
  })();
  let result;
  try {
    result = await work();
  } finally {
    done = true;
    await sampling;
  }
  return { result, peakRss, samples };
}
