import type { Logger } from '../kit';
import { backoffDelay } from '../kit/backoff';
import { loggedOutboundUrl } from '../kit/request-log';
import { describeFailure } from './fetch-failure';
import { TaskScheduler, type TaskOutcome } from './task-scheduler';
import type { WebhookDelivery, WebhookOutbox } from './webhook-outbox';
import { signWebhook } from './webhook-signing';

export interface WebhookSettings {
  /** `WEBHOOK_URL`; `{client}` is replaced by the delivery's client id. */
  urlTemplate: string;
  secret: string;
  maxAttempts: number;
  retryBaseMs: number;
  timeoutMs: number;
}

const PARALLEL_DELIVERIES = 4;

/**
 * Sends the outbox's webhooks: each attempt is signed afresh (new `webhook-timestamp`, same
 * `webhook-id` and body), a non-2xx answer, a network error or a timeout is retried with
 * exponential backoff and jitter until `maxAttempts`, and the outcome is recorded. Nothing here
 * touches the job: a webhook that cannot be delivered never fails the job it reports.
 */
export class WebhookDispatcher {
  private readonly scheduler: TaskScheduler;

  constructor(
    private readonly outbox: WebhookOutbox,
    private readonly settings: WebhookSettings,
    private readonly logger: Logger,
  ) {
    this.scheduler = new TaskScheduler(PARALLEL_DELIVERIES, (id, signal) => this.attempt(id, signal), (id, error) =>
      this.logger.error({ err: error, deliveryId: id }, 'webhook delivery crashed'));
  }

  /** Resends what a previous run left pending. */
  resume(): void {
    for (const delivery of this.outbox.pending()) this.send(delivery.deliveryId);
  }

  send(deliveryId: string): void {
    this.scheduler.schedule(deliveryId);
  }

  /** Stops sending; deliveries still pending are sent by the next start. */
  stop(): Promise<void> {
    return this.scheduler.stop();
  }

  targetUrl(clientId: string): string {
    return this.settings.urlTemplate.replaceAll('{client}', encodeURIComponent(clientId));
  }

  private async attempt(deliveryId: string, stopping: AbortSignal): Promise<TaskOutcome> {
    const delivery = this.outbox.get(deliveryId);
    if (!delivery || delivery.status !== 'pending') return undefined;
    const url = this.targetUrl(delivery.clientId);
    const log = this.logger.child({ deliveryId, jobId: delivery.jobId, eventType: delivery.eventType, url: loggedOutboundUrl(url) });
    try {
      await this.post(url, delivery, stopping);
      this.outbox.recordAttempt(deliveryId, 'delivered', null);
      log.info({ attempt: delivery.attempts + 1 }, 'webhook delivered');
      return undefined;
    } catch (error) {
      if (stopping.aborted) return undefined;
      const attempts = delivery.attempts + 1;
      const giveUp = attempts >= this.settings.maxAttempts;
      const reason = describeFailure(error);
      this.outbox.recordAttempt(deliveryId, giveUp ? 'failed' : 'pending', reason);
      if (giveUp) {
        log.warn({ attempts, reason }, 'webhook not delivered; giving up');
        return undefined;
      }
      const retryInMs = backoffDelay(attempts, this.settings.retryBaseMs);
      log.info({ attempts, reason, retryInMs }, 'webhook not delivered; will retry');
      return { retryInMs };
    }
  }

  private async post(url: string, delivery: WebhookDelivery, stopping: AbortSignal): Promise<void> {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'standin-image-api',
        ...signWebhook(delivery.body, delivery.deliveryId, new Date(), this.settings.secret),
      },
      body: delivery.body,
      redirect: 'manual',
      signal: AbortSignal.any([stopping, AbortSignal.timeout(this.settings.timeoutMs)]),
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`HTTP ${response.status} from ${loggedOutboundUrl(url)}`);
  }
}
