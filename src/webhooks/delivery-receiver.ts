import { timeOrderedId } from '../kit/time-ordered-id';
import type { ClientSettingsStore } from './client-settings';
import { DeliveryRejectedError } from './errors';
import type { EventFeed } from './event-feed';
import type { EventLog } from './event-log';
import type { ForwardingHop } from './forwarding/forwarding-hop';
import type { Outcome, StoredEvent } from './event-record';
import type { PayloadChecker } from './payload-checker';
import { eventTypeOf, parseJsonObject } from './event-type';
import { headerValue, schemeNamed, verifySignature, type RequestHeaders, type SignatureVerdict } from './signature-schemes';

export interface Delivery {
  clientId: string;
  method: string;
  /** Path and query string as requested. */
  path: string;
  /** Lower-case names, as node parses them (used for verification). */
  headers: RequestHeaders;
  /** Name/value pairs in the order and case they arrived (what is stored). */
  rawHeaders: Array<[string, string]>;
  body: Buffer;
}

export interface DeliveryReceipt {
  event: StoredEvent;
  /** True when this was a retry of a verified message already accepted (same webhook-id). */
  duplicate: boolean;
  /** The status to answer with. */
  status: number;
  /** How long to wait before answering (client response settings). */
  delayMs: number;
}

export interface ReceiverDefaults {
  secret: string;
  requireSignature: boolean;
  /** Where deliveries of clients without their own forward_url go now; null: nowhere. */
  forwardTo: () => string | null;
  /** Tells this receiver's own forwards, which are never forwarded again. */
  forwardingHop: ForwardingHop;
  payloads: PayloadChecker;
}

/** A failure picked by the client's failure_rate is answered like a crashing consumer. */
const INJECTED_FAILURE_STATUS = 500;

/**
 * `evt_` + an id ordered by the receive time (timeOrderedId, with 48 random bits): ids sort by
 * time, and new ones land at the end of the event_id index, which keeps inserts cheap.
 */
export const newEventId = (now: number): string => `evt_${timeOrderedId(12, now)}`;

/** The sender's message id as the delivery names it: Standard Webhooks (and Svix) retry with the same one. */
function deliveryIdOf(headers: RequestHeaders): string | null {
  return headerValue(headers, 'webhook-id') ?? headerValue(headers, 'svix-id') ?? null;
}

/**
 * The message id a verified signature covers, if any: only that one is the sender's. Standard
 * Webhooks signs `id.timestamp.body`; the other schemes sign no id, and an id header beside
 * their signature (or none) is anyone's to write, so a forged delivery sent first with a
 * genuine message's id would have that message folded into it as a retry.
 */
function signedMessageIdOf(verdict: SignatureVerdict, headers: RequestHeaders): string | null {
  if (verdict.status !== 'valid' || verdict.scheme === null) return null;
  return schemeNamed(verdict.scheme).signedMessageId?.(headers) ?? null;
}

/**
 * The URL the sender called, as far as the request tells (Twilio signs it): the scheme and host a
 * proxy or tunnel reports in X-Forwarded-Proto and X-Forwarded-Host, else http and Host.
 */
export function addressedUrl(delivery: Pick<Delivery, 'headers' | 'path'>): string | undefined {
  const host = headerValue(delivery.headers, 'x-forwarded-host') ?? headerValue(delivery.headers, 'host');
  if (host === undefined) return undefined;
  const protocol = headerValue(delivery.headers, 'x-forwarded-proto') === 'https' ? 'https' : 'http';
  return `${protocol}://${host}${delivery.path}`;
}

function rejection(verdict: SignatureVerdict, required: boolean): SignatureVerdict | undefined {
  if (verdict.status === 'invalid') return verdict;
  if (verdict.status === 'missing' && required) return { ...verdict, reason: `${verdict.reason}; this receiver requires a signature` };
  return undefined;
}

/**
 * Verifies, de-duplicates and records one delivery; the returned promise resolves once the
 * event is committed, so the caller answers only then. A rejected delivery is recorded too (the
 * dashboard shows failed deliveries) and then thrown.
 */
export class DeliveryReceiver {
  /** Verified messages being committed, by client and message id: a retry racing its original waits for it. */
  private readonly inFlight = new Map<string, Promise<StoredEvent>>();

  constructor(
    private readonly log: EventLog,
    private readonly clients: ClientSettingsStore,
    private readonly feed: EventFeed,
    private readonly defaults: ReceiverDefaults,
    private readonly random: () => number = Math.random,
  ) {}

  async receive(delivery: Delivery, now: number): Promise<DeliveryReceipt> {
    const settings = this.clients.get(delivery.clientId);
    const secret = settings.secret ?? this.defaults.secret;
    const required = settings.requireSignature ?? this.defaults.requireSignature;
    const pinned = settings.scheme === 'auto' ? undefined : settings.scheme;
    const verdict = verifySignature(delivery.body, delivery.headers, secret, now, {
      pinned,
      secretSource: settings.secret === null ? 'global' : 'client',
      url: addressedUrl(delivery),
    });
    const retryId = signedMessageIdOf(verdict, delivery.headers);
    const deliveryId = retryId ?? deliveryIdOf(delivery.headers);

    const rejected = rejection(verdict, required);
    if (rejected) {
      const event = await this.record(delivery, now, deliveryId, rejected, 401, 'rejected');
      throw new DeliveryRejectedError(event.eventId, rejected);
    }

    // Only a message id a verified signature covers is the sender's: any other may be anyone's,
    // so its delivery is neither a retry nor something a later, verified delivery can be a retry of.
    // From the look-up to registering in inFlight nothing awaits, so two copies of a message
    // arriving together cannot both be stored.
    const key = retryId === null ? null : `${delivery.clientId}\n${retryId}`;
    const pending = key === null ? undefined : this.inFlight.get(key);
    const original = pending ? await pending : retryId === null ? undefined : this.log.findDelivery(delivery.clientId, retryId);
    if (original) {
      const event = this.log.recordDuplicate(original.eventId, now);
      this.feed.publish({ type: 'duplicate', event });
      return { event, duplicate: true, status: 200, delayMs: 0 };
    }

    const { response } = settings;
    const status = response.failureRate > 0 && this.random() < response.failureRate ? INJECTED_FAILURE_STATUS : response.status;
    const outcome = status < 300 ? 'accepted' : 'failed';
    const recording = this.record(delivery, now, deliveryId, verdict, status, outcome);
    if (key !== null && outcome === 'accepted') {
      this.inFlight.set(key, recording);
      recording.finally(() => this.inFlight.delete(key)).catch(() => undefined);
    }
    return { event: await recording, duplicate: false, status, delayMs: response.delayMs };
  }

  private async record(delivery: Delivery, now: number, deliveryId: string | null, signature: SignatureVerdict, status: number, outcome: Outcome): Promise<StoredEvent> {
    const settings = this.clients.get(delivery.clientId);
    const json = parseJsonObject(delivery.body);
    const eventType = eventTypeOf(json, delivery.headers);
    const payload = await this.defaults.payloads.verdict(settings.payloadSchema, eventType, json);
    const event = await this.log.append({
      eventId: newEventId(now),
      clientId: delivery.clientId,
      receivedAt: now,
      method: delivery.method,
      path: delivery.path,
      headers: delivery.rawHeaders,
      contentType: headerValue(delivery.headers, 'content-type') ?? null,
      body: delivery.body,
      eventType,
      outcome,
      responseStatus: status,
      signature,
      deliveryId,
      payload,
      duplicates: 0,
      lastDuplicateAt: null,
      forwardTo: this.defaults.forwardingHop.forwardedHere(delivery.rawHeaders) ? null : settings.forwardUrl ?? this.defaults.forwardTo(),
    });
    this.feed.publish({ type: 'event', event });
    return event;
  }
}
