/** The wait before retry `attempt` (1 = the first retry): `baseMs`, doubling each time, never above `maxMs`. */
export function doublingDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * Exponential backoff with jitter for retry number `attempt` (1 = the first retry): the delay
 * doubles each time up to `maxMs`, and a random half of it is jittered ("equal jitter", AWS
 * Architecture Blog, "Exponential Backoff and Jitter") so that many failing jobs or webhooks do
 * not retry in lockstep.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs = 5 * 60_000, random: () => number = Math.random): number {
  const ceiling = doublingDelay(attempt, baseMs, maxMs);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
