import { doublingDelay } from '../../kit/backoff';
import type { EventFeed } from '../event-feed';
import type { EventLog } from '../event-log';
import { postExactly, type OutboundAnswer } from '../outbound-request';
import type { ReplayTargetPolicy } from '../replay-target-policy';
import type { ForwardQueue } from './forward-queue';
import type { ForwardingHop } from './forwarding-hop';
import { withIdempotencyKey } from './idempotency-key';

export interface ForwardingSettings {
  maxAttempts: number;
  retryBaseMs: number;
  timeoutMs: number;
}

/** Backoff doubles from retryBaseMs, and never waits longer than this between attempts. */
const MAX_BACKOFF_MS = 5 * 60_000;

const UNANSWERED = 'no answer recorded: the receiver stopped during the attempt';

/**
 * Forwards queued events to the app under development: the exact bytes and headers received
 * (hop-by-hop headers aside, see outbound-request.ts), so the app verifies the sender's own
 * signature, plus the forward's Idempotency-Key (idempotency-key.ts) and this receiver's Via
 * (forwarding-hop.ts). A 2xx answer delivers; any other answer, no answer or a timeout is retried with
 * exponential backoff up to maxAttempts. Each attempt's answer is kept on the forward and
 * published on the feed. An attempt is counted before it is sent, so one cut off by a crash counts
 * too and its retry keeps the backoff; pending forwards are picked up again at start, so a
 * restart resumes. The app may so get a forward twice: delivery is at least once.
 */
export class Forwarder {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<string>();
  private closed = false;

  constructor(
    private readonly queue: ForwardQueue,
    private readonly log: EventLog,
    private readonly feed: EventFeed,
    private readonly policy: ReplayTargetPolicy,
    private readonly settings: ForwardingSettings,
    private readonly hop: ForwardingHop,
    private readonly now: () => number = Date.now,
  ) {
    for (const forward of queue.pending()) {
      // Its last attempt was sent, and the receiver stopped before recording an answer.
      if (forward.attempts >= settings.maxAttempts) queue.record(forward.forwardId, { at: forward.lastAttemptAt ?? now(), answer: null, error: UNANSWERED, state: 'failed', nextAttemptAt: null });
      else this.schedule(forward.forwardId, forward.nextAttemptAt);
    }
  }

  /**
   * A forward just queued, in its event's transaction: attempted on a later turn of the event
   * loop, once that transaction has committed (a forward whose event was rolled back is not found).
   */
  due(forwardId: string): void {
    this.schedule(forwardId, null);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(forwardId: string, at: number | null): void {
    if (this.closed || this.timers.has(forwardId) || this.inFlight.has(forwardId)) return;
    const wait = Math.max(0, (at ?? this.now()) - this.now());
    const timer = setTimeout(() => {
      this.timers.delete(forwardId);
      void this.attempt(forwardId);
    }, wait);
    timer.unref();
    this.timers.set(forwardId, timer);
  }

  private async attempt(forwardId: string): Promise<void> {
    const forward = this.queue.get(forwardId);
    if (!forward || forward.state !== 'pending') return;
    const attempts = forward.attempts + 1;
    const exhausted = attempts >= this.settings.maxAttempts;
    const retryAt = (at: number) => (exhausted ? null : at + doublingDelay(attempts, this.settings.retryBaseMs, MAX_BACKOFF_MS));
    const sentAt = this.now();
    this.queue.begin(forwardId, sentAt, retryAt(sentAt) ?? sentAt);
    this.inFlight.add(forwardId);
    let answer: OutboundAnswer | null = null;
    let error: string | null = null;
    try {
      const event = this.log.get(forward.eventId);
      answer = await postExactly(this.policy.check(forward.targetUrl), [...withIdempotencyKey(event.headers, forwardId), this.hop.via], event.body, this.settings.timeoutMs);
    } catch (failure) {
      // Unreachable or too slow (OutboundFailure), or a target the policy no longer allows.
      error = (failure as Error).message;
    } finally {
      this.inFlight.delete(forwardId);
    }
    if (this.closed) return;
    const at = this.now();
    const delivered = answer !== null && answer.status >= 200 && answer.status < 300;
    const nextAttemptAt = delivered ? null : retryAt(at);
    const updated = this.queue.record(forwardId, { at, answer, error, state: delivered ? 'delivered' : exhausted ? 'failed' : 'pending', nextAttemptAt });
    if (!updated) return;
    this.feed.publish({ type: 'forward', forward: updated });
    if (updated.state === 'pending') this.schedule(forwardId, updated.nextAttemptAt);
  }
}
