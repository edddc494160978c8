/**
 * Exponential backoff with jitter for retry number `attempt` (1 = the first retry): the delay
 * doubles each time up to `maxMs`, and a random half of it is jittered ("equal jitter", AWS
 * Architecture Blog, "Exponential Backoff and Jitter") so that many failing jobs or webhooks do
 * not retry in lockstep.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs = 5 * 60_000, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
