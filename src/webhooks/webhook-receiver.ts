import { ClientSettingsStore, type ClientSettings, type ClientSettingsInput } from './client-settings';
import type { WebhookConfig } from './config';
import { openDatabase } from './database';
import { DeliveryReceiver, type Delivery, type DeliveryReceipt } from './delivery-receiver';
import { EventFeed } from './event-feed';
import { EventLog } from './event-log';
import type { ReplayRecord } from './event-record';
import { computeStats, type WebhookStats } from './event-stats';
import { ReplayTargetPolicy } from './replay-target-policy';
import { Replayer, type ReplayOptions } from './replayer';

export type ReceiverConfig = Pick<WebhookConfig, 'storage' | 'dataDir' | 'secret' | 'requireSignature' | 'replayAllow' | 'replayTimeoutMs'>;

export interface ReceiverOptions {
  /** Epoch milliseconds; tests pin it. */
  now?: () => number;
  /** Picks injected failures (client failure_rate); tests pin it. */
  random?: () => number;
}

/**
 * The webhook receiver's domain, free of HTTP: the durable event log, signature verification,
 * per-client settings, replays and the live feed. The HTTP adapter calls only this.
 */
export class WebhookReceiver {
  readonly events: EventLog;
  readonly clients: ClientSettingsStore;
  readonly feed = new EventFeed();
  private readonly db;
  private readonly deliveries: DeliveryReceiver;
  private readonly replayer: Replayer;
  private readonly now: () => number;

  constructor(config: ReceiverConfig, options: ReceiverOptions = {}) {
    this.now = options.now ?? Date.now;
    this.db = openDatabase(config);
    this.events = new EventLog(this.db);
    this.clients = new ClientSettingsStore(this.db);
    this.deliveries = new DeliveryReceiver(this.events, this.clients, this.feed, config, options.random);
    const policy = new ReplayTargetPolicy(config.replayAllow);
    this.replayer = new Replayer(this.events, this.clients, this.feed, policy, { secret: config.secret, timeoutMs: config.replayTimeoutMs }, this.now);
  }

  /** Records a delivery (committed when the promise resolves); rejects with DeliveryRejectedError for a bad signature. */
  receive(delivery: Delivery): Promise<DeliveryReceipt> {
    return this.deliveries.receive(delivery, this.now());
  }

  replay(eventId: string, targetUrl: string, options: ReplayOptions): Promise<ReplayRecord> {
    return this.replayer.replay(eventId, targetUrl, options);
  }

  /** Deletes every event, or one client's; returns how many were deleted. */
  deleteEvents(clientId?: string): number {
    const count = this.events.delete(clientId);
    this.feed.publish({ type: 'deleted', clientId: clientId ?? null, eventId: null, count });
    return count;
  }

  deleteEvent(eventId: string): void {
    this.events.deleteOne(eventId);
    this.feed.publish({ type: 'deleted', clientId: null, eventId, count: 1 });
  }

  /** Replaces a client's settings (fields left out take their defaults). */
  configureClient(clientId: string, input: ClientSettingsInput): ClientSettings {
    return this.clients.put(clientId, input, this.now());
  }

  stats(): WebhookStats {
    return computeStats(this.db, this.now());
  }

  close(): void {
    this.db.close();
  }
}
