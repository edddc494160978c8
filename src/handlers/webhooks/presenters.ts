import { isUtf8 } from 'node:buffer';
import type { components } from '../../../generated/webhook-receiver';
import type { ClientSettings, ListedClient } from '../../webhooks/client-settings';
import { payloadCheckOf, type ReplayRecord, type StoredEvent } from '../../webhooks/event-record';
import type { ForwardRecord } from '../../webhooks/forwarding/forward-queue';
import type { OutboundAnswer } from '../../webhooks/outbound-request';
import type { TestEventTemplate } from '../../webhooks/test-events/templates';
import { templateHeaders } from '../../webhooks/test-events/test-event-sender';
import type { WebhookStats } from '../../webhooks/event-stats';
import { parseJsonObject } from '../../webhooks/event-type';
import { parseJsonText } from '../../webhooks/json-text';
import { secretSha256Prefix, type SchemeName } from '../../webhooks/signature-schemes';
import { inputKeyedRecord } from '../../kit/input-keyed-record';

/** Domain records -> the shapes openapi/webhook-receiver.yaml declares. */
type Schemas = components['schemas'];

const iso = (epochMs: number) => new Date(epochMs).toISOString();

/** Header names in lower case, repeats joined with ", " (what the seed's dict(request.headers) gave). */
function headerObject(pairs: Array<[string, string]>): Record<string, string> {
  const headers = inputKeyedRecord<string>();
  for (const [name, value] of pairs) {
    const key = name.toLowerCase();
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
  }
  return headers;
}

/** The body parsed as JSON, whatever its type; null when it is not JSON or nests too deep to present. */
function jsonPayload(body: Buffer): unknown {
  const object = parseJsonObject(body);
  if (object !== undefined) return object;
  return parseJsonText(body.toString('utf8'))?.value ?? null;
}

/** What identifies an event and how it was answered: the first fields of an event and of its summary. */
function eventHeadline(event: StoredEvent) {
  return {
    event_id: event.eventId,
    client_id: event.clientId,
    timestamp: iso(event.receivedAt),
    event_type: event.eventType,
    outcome: event.outcome,
    response_status: event.responseStatus,
  };
}

export function presentEvent(event: StoredEvent): Schemas['Event'] {
  const body = textOrBase64(event.body);
  return {
    ...eventHeadline(event),
    method: event.method,
    path: event.path,
    headers: headerObject(event.headers),
    raw_headers: event.headers,
    content_type: event.contentType,
    ...body,
    body_size: event.body.length,
    payload: body.body_encoding === 'utf8' ? jsonPayload(event.body) : null,
    signature_verified: event.signature.status === 'valid',
    signature: event.signature,
    delivery_id: event.deliveryId,
    duplicates: event.duplicates,
    last_duplicate_at: event.lastDuplicateAt === null ? null : iso(event.lastDuplicateAt),
    payload_check: payloadCheckOf(event.payload),
    payload_valid: event.payload.valid,
    payload_schema: event.payload.schema,
    payload_errors: event.payload.errors,
    payload_not_judged: event.payload.notJudged,
  };
}

/** Bytes as the spec's text-or-base64 pair. */
function textOrBase64(bytes: Buffer): { body: string; body_encoding: 'utf8' | 'base64' } {
  const utf8 = isUtf8(bytes);
  return { body: bytes.toString(utf8 ? 'utf8' : 'base64'), body_encoding: utf8 ? 'utf8' : 'base64' };
}

export function presentAnswer(answer: OutboundAnswer | null): Schemas['TargetAnswer'] {
  return answer && { status: answer.status, headers: answer.headers, ...textOrBase64(answer.body), latency_ms: answer.latencyMs };
}

export function presentForward(forward: ForwardRecord): Schemas['Forward'] {
  const optionalIso = (epochMs: number | null) => (epochMs === null ? null : iso(epochMs));
  return {
    forward_id: forward.forwardId,
    event_id: forward.eventId,
    target_url: forward.targetUrl,
    state: forward.state,
    attempts: forward.attempts,
    created_at: iso(forward.createdAt),
    next_attempt_at: optionalIso(forward.nextAttemptAt),
    last_attempt_at: optionalIso(forward.lastAttemptAt),
    response: presentAnswer(forward.response),
    error: forward.error,
  };
}

export function presentTemplate(template: TestEventTemplate): Schemas['Template'] {
  return { name: template.name, sender: template.sender, event_type: template.eventType, scheme: template.scheme, headers: templateHeaders(template), body: template.body };
}

/** What the live stream sends for a new event: everything but the body and headers. */
export function presentEventSummary(event: StoredEvent) {
  const { scheme, status, reason } = event.signature;
  return {
    ...eventHeadline(event),
    body_size: event.body.length,
    signature_verified: status === 'valid',
    signature: { scheme, status, reason },
    delivery_id: event.deliveryId,
    duplicates: event.duplicates,
    payload_check: payloadCheckOf(event.payload),
    payload_valid: event.payload.valid,
  };
}

export function presentReplay(replay: ReplayRecord): Schemas['Replay'] {
  return {
    replay_id: replay.replayId,
    kind: replay.kind,
    signing: replay.signing as Schemas['Replay']['signing'],
    target_url: replay.targetUrl,
    scheme: replay.scheme as SchemeName | null,
    replayed_at: iso(replay.replayedAt),
    response_status: replay.responseStatus,
    latency_ms: replay.latencyMs,
    response_excerpt: replay.responseExcerpt,
    error: replay.error,
  };
}

/** `unusable`: why stored settings the receiver refuses are never used (only the list shows such a client). */
export function presentClient(settings: ClientSettings, unusable: ListedClient['unusable'] = null): Schemas['ClientSettings'] {
  return {
    client_id: settings.clientId,
    scheme: settings.scheme,
    // Never the secret itself: whether there is one, and its fingerprint as verdicts show it.
    secret_set: settings.secret !== null,
    secret_sha256_prefix: settings.secret === null ? null : secretSha256Prefix(settings.secret),
    require_signature: settings.requireSignature,
    response: { status: settings.response.status, delay_ms: settings.response.delayMs, failure_rate: settings.response.failureRate },
    forward_url: settings.forwardUrl,
    payload_schema: settings.payloadSchema,
    configured: settings.updatedAt !== null,
    updated_at: settings.updatedAt === null ? null : iso(settings.updatedAt),
    unusable: unusable?.message ?? null,
  };
}

export function presentStats(stats: WebhookStats): Schemas['Stats'] {
  const clientStats = inputKeyedRecord<Schemas['Stats']['client_stats'][string]>();
  for (const [clientId, client] of Object.entries(stats.clients)) {
    clientStats[clientId] = {
      total_events: client.totalEvents,
      first_event: iso(client.firstEvent),
      last_event: iso(client.lastEvent),
      event_types: client.eventTypes,
    };
  }
  return {
    total_events: stats.totalEvents,
    unique_clients: stats.uniqueClients,
    event_type_distribution: stats.eventTypes,
    client_stats: clientStats,
    timestamp: iso(stats.computedAt),
    per_verification_status: stats.perVerification,
    per_outcome: stats.perOutcome,
    duplicates: stats.duplicates,
    last_received_at: stats.lastReceivedAt === null ? null : iso(stats.lastReceivedAt),
    events_last_minute: stats.eventsLastMinute,
    events_per_minute: stats.perMinute.map(({ minute, count }) => ({ minute: iso(minute), count })),
  };
}
