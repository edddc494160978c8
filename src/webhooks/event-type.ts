import { parseJsonText } from './json-text';
import { headerValue, type RequestHeaders } from './signature-schemes';

/** Bodies larger than this are not parsed just to find their type. */
const PARSED_UP_TO = 1024 * 1024;
/** The spec's maxLength for event_type: a longer value is not taken as the type. */
const MAX_EVENT_TYPE_LENGTH = 200;

const usableType = (value: unknown): value is string => typeof value === 'string' && value !== '' && value.length <= MAX_EVENT_TYPE_LENGTH;

/**
 * The body as a JSON object, or undefined when it is not one or nests too deep (json-text.ts). A
 * delivery parses its body once and passes the object on (its type, its payload check).
 */
export function parseJsonObject(body: Buffer): Record<string, unknown> | undefined {
  if (body.length > PARSED_UP_TO) return undefined;
  const text = body.toString('utf8').trimStart();
  if (!text.startsWith('{')) return undefined;
  const value = parseJsonText(text)?.value;
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * What kind of event a delivery is: the seed's `event_type` field, else `type` (Standard
 * Webhooks, Stripe, Svix), else GitHub's X-GitHub-Event header or Shopify's X-Shopify-Topic
 * (`orders/create`: Shopify's bodies are the resource alone and name no type), else an S3 event
 * notification's (s3EventType); `unknown` as in the seed.
 */
export function eventTypeOf(json: Record<string, unknown> | undefined, headers: RequestHeaders): string {
  const candidates = [json?.event_type, json?.type, headerValue(headers, 'x-github-event'), headerValue(headers, 'x-shopify-topic'), json && s3EventType(json)];
  return candidates.find(usableType) ?? 'unknown';
}

/**
 * S3's three notification bodies: `Records[0].eventName` (`s3:ObjectCreated:Put`), a test
 * event's `Event` (`s3:TestEvent`), an EventBridge message's `detail-type` (`Object Created`).
 */
function s3EventType(json: Record<string, unknown>): unknown {
  const records = json.Records;
  const first: unknown = Array.isArray(records) ? records[0] : undefined;
  const eventName = typeof first === 'object' && first !== null ? (first as Record<string, unknown>).eventName : undefined;
  if (typeof eventName === 'string') return `s3:${eventName}`;
  if (json.Service === 'Amazon S3') return json.Event;
  return json.source === 'aws.s3' ? json['detail-type'] : undefined;
}
