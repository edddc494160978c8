import type { HeaderPairs } from '../outbound-request';

/**
 * Forwarding is at least once: an attempt the receiver was stopped or killed in the middle of is
 * sent again (it is counted as it is sent, its answer recorded after), though the app may have
 * got it, even answered it. So every attempt of a forward carries the same Idempotency-Key, the
 * forward's id, for the app to recognise a re-send by (README, "Forward to the app you are
 * writing"); written as a quoted string, as the header's definition has it. A delivery that came
 * with an Idempotency-Key of its own keeps it instead: forwarded unchanged on every attempt, it
 * is as stable, and it is the sender's.
 */
export function withIdempotencyKey(headers: HeaderPairs, forwardId: string): HeaderPairs {
  if (headers.some(([name]) => name.toLowerCase() === 'idempotency-key')) return headers;
  return [...headers, ['Idempotency-Key', `"${forwardId}"`]];
}
