import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { components } from '../../../generated/webhook-receiver';
import { HttpProblem, answerError, assignRequestId, forbidSniffing, readBody, unsupportedContentCoding, type Logger, type PreRoute } from '../../kit';
import { checkClientId, isReservedClientId, type ReservedClientId } from '../../webhooks/client-id';
import { BodyTooLargeError } from '../../webhooks/errors';
import type { WebhookReceiver } from '../../webhooks/webhook-receiver';
import { webhookProblem } from './problems';
import { invalidField } from './request-parameters';

type DeliveryReceipt = components['schemas']['DeliveryReceipt'];

/** req.rawHeaders is flat: name, value, name, value... */
function headerPairs(rawHeaders: string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) pairs.push([rawHeaders[index], rawHeaders[index + 1]]);
  return pairs;
}

/** `/webhooks/{client_id}` with one path segment (`/webhooks/replay/{id}` has two). */
const DELIVERY_PATH = /^\/webhooks\/([^/?]+)(?:\?.*)?$/;

/** The client-id segment of a POST that is a delivery (or a reserved name's path), else undefined. */
function deliverySegment(req: IncomingMessage): string | undefined {
  const segment = req.method === 'POST' ? DELIVERY_PATH.exec(req.url ?? '')?.[1] : undefined;
  // POST /webhooks/trigger is an operation of the receiver's own, routed (and guarded) as any other.
  return segment === 'trigger' ? undefined : segment;
}

/** Deliveries come from servers, not pages, so any Origin may post them (README, "Security model"). */
export function isDelivery(req: IncomingMessage): boolean {
  return deliverySegment(req) !== undefined;
}

/**
 * The methods the spec declares on each reserved name's own path, HEAD wherever GET, and OPTIONS,
 * which the kit answers there, for the Allow header of a POST's 405 (RFC 9110 §15.5.6), as the
 * router's 405 names them; `replay` has no resource of its own, only /webhooks/replay/{event_id}.
 */
const ALLOWED_ON_RESERVED_PATH: Record<ReservedClientId, string | null> = {
  events: 'GET, HEAD, DELETE, OPTIONS',
  stats: 'GET, HEAD, OPTIONS',
  clients: 'GET, HEAD, OPTIONS',
  stream: 'GET, HEAD, OPTIONS',
  replay: null,
  trigger: 'POST, OPTIONS',
  forwards: 'GET, HEAD, OPTIONS',
};

/**
 * POST /webhooks/{client_id} (operationId receiveWebhook): read the raw bytes (never
 * re-serialised), record them, then answer. It is the receiver's hot path, so it runs ahead of
 * express (the kit's PreRoute; the deliveries benchmark measures why): its body is any bytes
 * (nothing for a schema to check) and its one parameter is checked here against the spec.
 */
export function deliveryPreRoute(receiver: WebhookReceiver, limits: DeliveryLimits, logger: Logger): PreRoute {
  return (req, res) => {
    const segment = deliverySegment(req);
    if (segment === undefined) return false;
    assignRequestId(req, res);
    const answered = decodeClientId(segment).then((clientId) => answerDelivery(receiver, limits, clientId, req, res));
    answered.catch((error: unknown) => answerError(req, res, error, logger, webhookProblem));
    return true;
  };
}

async function decodeClientId(segment: string): Promise<string> {
  let clientId: string;
  try {
    clientId = decodeURIComponent(segment);
  } catch {
    throw invalidField('path.client_id', 'is not valid percent-encoding');
  }
  if (isReservedClientId(clientId)) throw notADelivery(clientId);
  checkClientId(clientId);
  return clientId;
}

/** A POST to one of the receiver's own paths: 405 where the path exists, 404 where it does not. */
function notADelivery(name: ReservedClientId): HttpProblem {
  const allowed = ALLOWED_ON_RESERVED_PATH[name];
  const reserved = `"${name}" is a reserved name, not a client id`;
  if (allowed === null) return new HttpProblem(404, 'Not Found', `No operation matches POST /webhooks/${name}: ${reserved}`);
  return new HttpProblem(405, 'Method Not Allowed', `POST is not allowed on /webhooks/${name} (${allowed} is): ${reserved}`, {}, { allow: allowed });
}

export interface DeliveryLimits {
  maxBodyBytes: number;
}

/**
 * Statuses a client's response settings may pick that carry no content: 204 and 304 have none
 * (and a 204 no Content-Length), a 205 must say it has none (RFC 9110 §8.6, §15.3.5, §15.3.6,
 * §15.4.5). The receipt would break the framing a sender's HTTP client expects.
 */
const WITHOUT_CONTENT = new Set([204, 205, 304]);

/** Only node:http is used here, so this can run ahead of any framework; domain errors are thrown. */
async function answerDelivery(receiver: WebhookReceiver, limits: DeliveryLimits, clientId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // The body is kept and verified as the bytes it arrived as, so a content coding is not decoded.
  const undecoded = unsupportedContentCoding(req, []);
  if (undecoded) throw undecoded;
  const limit = limits.maxBodyBytes;
  const body = await readBody(req, { limit, tooLarge: () => new BodyTooLargeError(limit) });
  const receipt = await receiver.receive({
    clientId,
    method: req.method ?? 'POST',
    path: req.url ?? '',
    headers: req.headers,
    rawHeaders: headerPairs(req.rawHeaders),
    body,
  });
  if (receipt.delayMs > 0) await sleep(receipt.delayMs);
  const { event } = receipt;
  const { scheme, status, reason } = event.signature;
  const failed = event.outcome === 'failed';
  const answer: DeliveryReceipt = {
    status: failed ? 'failed' : 'received',
    event_id: event.eventId,
    timestamp: new Date(event.receivedAt).toISOString(),
    signature_verified: status === 'valid',
    signature: { scheme, status, reason },
    duplicate: receipt.duplicate,
    ...(failed ? { detail: `answered ${receipt.status} by this client's response settings` } : {}),
  };
  if (WITHOUT_CONTENT.has(receipt.status)) {
    res.writeHead(receipt.status, receipt.status === 205 ? { 'content-length': 0 } : {}).end();
    return;
  }
  const json = JSON.stringify(answer);
  forbidSniffing(res);
  res.writeHead(receipt.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  }).end(json);
}
