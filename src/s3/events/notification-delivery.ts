/**
 * The delivery worker of S3 event notifications: posts what the outbox holds to its webhook
 * destination, signed (webhook-signature.ts), with retries and exponential backoff, one key's
 * events of one destination in order (the outbox hands out only the oldest pending one of each).
 * It runs beside the request path and never inside it: the journal wakes it once a transaction
 * that queued events has committed. Rows stay pending until answered, so a restart resumes them.
 */
import type { Logger } from '../../kit';
import { doublingDelay } from '../../kit/backoff';
import type { WebhookDestination } from './destinations';
import { messageBody } from './event-messages';
import type { NotificationOutbox, OutboxMessage } from './notification-outbox';
import { webhookSigner } from './webhook-signature';

export interface DeliverySettings {
  destinations: ReadonlyMap<string, WebhookDestination>;
  /** S3_NOTIFY_SECRET. */
  secret: string;
  /** S3_ACCOUNT_ID, for EventBridge messages. */
  accountId: string;
  maxAttempts: number;
  /** The wait before the second attempt; it doubles for each later one, up to MAX_RETRY_DELAY_MS. */
  retryBaseMs: number;
  timeoutMs: number;
  logger: Logger;
}

const CONCURRENCY = 4;
const MAX_RETRY_DELAY_MS = 5 * 60_000;
/** Delivered and failed notifications kept for GET /admin/notifications; older ones are pruned now and then. */
export const SETTLED_KEPT = 10_000;
const PRUNE_EVERY = 500;

export class NotificationDelivery {
  /** Attempts under way, by message id (a row's id is taken again after the outbox is emptied). */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly stopping = new AbortController();
  private readonly sign: ReturnType<typeof webhookSigner>;
  private timer: NodeJS.Timeout | undefined;
  private wakeQueued = false;
  private settledSincePrune = 0;

  constructor(
    private readonly outbox: NotificationOutbox,
    private readonly settings: DeliverySettings,
  ) {
    this.sign = webhookSigner(settings.secret);
    outbox.onQueued(() => this.wake());
  }

  /** Starts with whatever is pending (events a crash or a stop left behind). */
  start(): void {
    this.wake();
  }

  /** Stops taking rows and cancels attempts under way; their rows stay pending for the next start. */
  async stop(): Promise<void> {
    this.stopping.abort();
    clearTimeout(this.timer);
    await Promise.allSettled(this.inFlight.values());
  }

  private wake(): void {
    if (this.wakeQueued || this.stopping.signal.aborted) return;
    this.wakeQueued = true;
    setImmediate(() => {
      this.wakeQueued = false;
      this.pump();
    });
  }

  private pump(): void {
    if (this.stopping.signal.aborted) return;
    // One clock reading for both questions: a row due at exactly `now` is taken, never left between them.
    const now = Date.now();
    const free = CONCURRENCY - this.inFlight.size;
    if (free > 0) {
      for (const message of this.outbox.due(now, free, new Set(this.inFlight.keys()))) {
        const attempt = this.attempt(message).finally(() => {
          this.inFlight.delete(message.messageId);
          this.pruneNowAndThen();
          this.wake();
        });
        this.inFlight.set(message.messageId, attempt);
      }
    }
    // A retry waiting for its time; rows due now but held behind one of their key are woken when it settles.
    clearTimeout(this.timer);
    const next = this.outbox.nextDueAfter(now);
    if (next !== undefined) this.timer = setTimeout(() => this.wake(), next - now).unref();
  }

  private pruneNowAndThen(): void {
    this.settledSincePrune += 1;
    if (this.settledSincePrune < PRUNE_EVERY || this.stopping.signal.aborted) return;
    this.settledSincePrune = 0;
    this.outbox.prune(SETTLED_KEPT);
  }

  private async attempt(message: OutboxMessage): Promise<void> {
    const destination = this.settings.destinations.get(message.destination);
    if (!destination) {
      this.outbox.recordFailure(message, { error: `No webhook destination ${message.destination} is configured (S3_NOTIFY_WEBHOOK_${message.destination})` }, Date.now(), undefined);
      return;
    }
    const body = messageBody(message.notification, message.format ?? destination.format, this.settings.accountId);
    const sentAt = new Date();
    let failure: { status?: number; error: string };
    try {
      const response = await fetch(destination.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'standin-s3-notifications', ...this.sign(message.messageId, sentAt, body) },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.settings.timeoutMs)]),
      });
      await response.body?.cancel();
      if (response.ok) {
        this.outbox.recordDelivered(message, response.status, Date.now());
        return;
      }
      failure = { status: response.status, error: `The destination answered ${response.status}` };
    } catch (error) {
      if (this.stopping.signal.aborted) return;
      failure = { error: describeFailure(error, this.settings.timeoutMs) };
    }
    const attempts = message.attempts + 1;
    const now = Date.now();
    const retryAt = attempts < this.settings.maxAttempts ? now + doublingDelay(attempts, this.settings.retryBaseMs, MAX_RETRY_DELAY_MS) : undefined;
    this.outbox.recordFailure(message, failure, now, retryAt);
    this.settings.logger.warn({ destination: message.destination, messageId: message.messageId, attempts, ...failure }, retryAt ? 'S3 event notification failed; will retry' : 'S3 event notification failed for good');
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return `No answer within ${timeoutMs} ms`;
  // fetch says "fetch failed"; its cause says why (ECONNREFUSED, a port fetch refuses).
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (!cause?.message) return (error as Error).message;
  return cause.code && !cause.message.includes(cause.code) ? `${cause.code}: ${cause.message}` : cause.message;
}
