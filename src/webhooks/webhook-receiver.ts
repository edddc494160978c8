import { checkpointInBackground, type BackgroundCheckpoints } from '../kit/background-checkpoints';
import { ClientSettingsStore, type ClientSettings, type ClientSettingsInput } from './client-settings';
import type { WebhookConfig } from './config';
import { openDatabase } from './database';
import { DeliveryReceiver, type Delivery, type DeliveryReceipt } from './delivery-receiver';
import { EventFeed } from './event-feed';
import { EventLog } from './event-log';
import type { ReplayRecord } from './event-record';
import { computeStats, type WebhookStats } from './event-stats';
import { ForwardQueue } from './forwarding/forward-queue';
import { Forwarder } from './forwarding/forwarder';
import { ForwardingHop } from './forwarding/forwarding-hop';
import { PayloadChecker, type PayloadSchemaInput } from './payload-checker';
import { ReplayTargetPolicy } from './replay-target-policy';
import { Replayer, type ReplayOptions } from './replayer';
import { Resender, type ResendRequest } from './resender';
import { TestEventSender, type TriggerRequest, type TriggerResult } from './test-events/test-event-sender';

export type ReceiverConfig = Pick<WebhookConfig,
  'storage' | 'dataDir' | 'secret' | 'requireSignature' | 'replayAllow' | 'replayTimeoutMs' | 'forwardTo' | 'forwardMaxAttempts' | 'forwardRetryBaseMs' | 'forwardTimeoutMs'>;

export interface ReceiverOptions {
  /** Epoch milliseconds; tests pin it. */
  now?: () => number;
  /** Picks injected failures (client failure_rate); tests pin it. */
  random?: () => number;
}

/** Client settings as given: a payload schema as registered (a JSON Schema, or an OpenAPI document and callback). */
export type ClientConfiguration = Omit<ClientSettingsInput, 'payloadSchema'> & { payloadSchema?: PayloadSchemaInput | null };

/**
 * The webhook receiver's domain, free of HTTP: the durable event log, signature verification,
 * per-client settings, payload checks, replays, resends, test events, forwarding and the live
 * feed. The HTTP adapter calls only this.
 */
export class WebhookReceiver {
  readonly events: EventLog;
  readonly clients: ClientSettingsStore;
  readonly forwards: ForwardQueue;
  readonly feed = new EventFeed();
  private readonly db;
  private readonly checkpoints: BackgroundCheckpoints;
  private readonly deliveries: DeliveryReceiver;
  private readonly replayer: Replayer;
  private readonly resender: Resender;
  private readonly testEvents: TestEventSender;
  private readonly forwarder: Forwarder;
  private readonly payloads = new PayloadChecker();
  private readonly policy: ReplayTargetPolicy;
  private readonly now: () => number;
  /** WEBHOOK_FORWARD_TO, or what setDefaultForward put in its place (in memory only). */
  private defaultForward: string | null;

  constructor(config: ReceiverConfig, options: ReceiverOptions = {}) {
    this.now = options.now ?? Date.now;
    this.policy = new ReplayTargetPolicy(config.replayAllow);
    this.defaultForward = config.forwardTo === '' ? null : this.policy.check(config.forwardTo).href;
    this.db = openDatabase(config);
    this.checkpoints = checkpointInBackground(this.db);
    this.forwards = new ForwardQueue(this.db);
    this.events = new EventLog(this.db, (event) => {
      if (event.forwardTo) this.forwarder.due(this.forwards.enqueue(event.eventId, event.forwardTo, event.receivedAt));
    });
    this.clients = new ClientSettingsStore(this.db);
    const forwardingHop = new ForwardingHop();
    this.deliveries = new DeliveryReceiver(this.events, this.clients, this.feed, { ...config, forwardTo: () => this.defaultForward, forwardingHop, payloads: this.payloads }, options.random);
    const outbound = { secret: config.secret, timeoutMs: config.replayTimeoutMs };
    this.replayer = new Replayer(this.events, this.clients, this.feed, this.policy, outbound, this.now);
    this.resender = new Resender(this.events, this.clients, this.feed, this.policy, outbound, this.now);
    this.testEvents = new TestEventSender(this.clients, this.policy, config.replayTimeoutMs, this.now);
    this.forwarder = new Forwarder(this.forwards, this.events, this.feed, this.policy, {
      maxAttempts: config.forwardMaxAttempts, retryBaseMs: config.forwardRetryBaseMs, timeoutMs: config.forwardTimeoutMs,
    }, forwardingHop, this.now);
  }

  /** Records a delivery (committed when the promise resolves); rejects with DeliveryRejectedError for a bad signature. */
  receive(delivery: Delivery): Promise<DeliveryReceipt> {
    return this.deliveries.receive(delivery, this.now());
  }

  replay(eventId: string, targetUrl: string, options: ReplayOptions): Promise<ReplayRecord> {
    return this.replayer.replay(eventId, targetUrl, options);
  }

  resend(request: ResendRequest): Promise<ReplayRecord> {
    return this.resender.resend(request);
  }

  trigger(request: TriggerRequest): Promise<TriggerResult> {
    return this.testEvents.send(request);
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

  /** Replaces a client's settings (fields left out take their defaults); a forward URL must be an allowed target. */
  async configureClient(clientId: string, input: ClientConfiguration): Promise<ClientSettings> {
    const forwardUrl = input.forwardUrl ? this.policy.check(input.forwardUrl).href : null;
    const payloadSchema = input.payloadSchema ? await this.payloads.resolve(input.payloadSchema, this.clients.stored(clientId).payloadSchema) : null;
    return this.clients.put(clientId, { ...input, forwardUrl, payloadSchema }, this.now());
  }

  /** Where deliveries of clients without their own forward URL are forwarded; null: nowhere. */
  get defaultForwardTarget(): string | null {
    return this.defaultForward;
  }

  /**
   * Replaces the default forward target until the next change or restart (`standin listen` sets
   * it while it runs); the URL must be an allowed target. Forwards already queued keep theirs.
   */
  setDefaultForward(url: string | null): string | null {
    this.defaultForward = url === null ? null : this.policy.check(url).href;
    return this.defaultForward;
  }

  stats(): WebhookStats {
    return computeStats(this.db, this.now());
  }

  async close(): Promise<void> {
    this.payloads.close();
    this.forwarder.close();
    await this.checkpoints.stop();
    this.db.close();
  }
}
