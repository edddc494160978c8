import { setTimeout as sleep } from 'node:timers/promises';

export interface EventuallyOptions {
  /** How long to keep asking before failing (10 s). */
  timeoutMs?: number;
  /** The pause between two questions (25 ms). */
  intervalMs?: number;
  /** What the failure says was awaited; a function is asked only then (to show the last value seen). */
  what?: string | (() => string);
}

/**
 * The one way tests wait for what a timer, a worker or another process brings about: asks `probe`
 * until it answers something other than undefined or false, and resolves to that; fails, naming
 * `what`, once `timeoutMs` have passed.
 */
export async function eventually<T>(probe: () => T | Promise<T>, options: EventuallyOptions = {}): Promise<Exclude<T, undefined | false>> {
  const { timeoutMs = 10_000, intervalMs = 25, what = 'the condition' } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value as Exclude<T, undefined | false>;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${typeof what === 'function' ? what() : what} after ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}
