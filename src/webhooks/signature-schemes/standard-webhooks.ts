import { standardWebhooksKey } from '../../kit/standard-webhooks-secret';
import { hmacSha256, parseBase64Digest } from './hmac-sha256';
import { EPOCH_SECONDS, shapeOf, signedDigest } from './signed-string';
import { headerValue, type RequestHeaders, type SignatureScheme, type SignedPart } from './types';

/**
 * Standard Webhooks (standardwebhooks.com; Svix sends the same with `svix-` header names):
 * the signed content is `${webhook-id}.${webhook-timestamp}.${body}`, `webhook-signature` is a
 * space-separated list of `v1,<base64 HMAC-SHA256>` (several during key rotation; other
 * versions such as v1a are ignored), and the timestamp must be within 5 minutes of now.
 */
const TOLERANCE_S = 5 * 60;
const HEADER_SETS = [
  { id: 'webhook-id', timestamp: 'webhook-timestamp', signature: 'webhook-signature' },
  { id: 'svix-id', timestamp: 'svix-timestamp', signature: 'svix-signature' },
] as const;
type HeaderSet = (typeof HEADER_SETS)[number];

/** id.timestamp, when both headers of the set are there and the timestamp is epoch seconds. */
function prefixOf(headers: RequestHeaders, names: HeaderSet): SignedPart[] | undefined {
  const id = headerValue(headers, names.id);
  const timestamp = headerValue(headers, names.timestamp);
  if (id === undefined || timestamp === undefined || !EPOCH_SECONDS.test(timestamp)) return undefined;
  return [{ name: names.id, value: id }, { name: names.timestamp, value: timestamp }];
}

/** The header set whose signature the delivery carries (webhook- before svix-): its id and timestamp are the signed ones. */
function signedSet(headers: RequestHeaders): HeaderSet | undefined {
  return HEADER_SETS.find((set) => headerValue(headers, set.signature) !== undefined);
}

/**
 * The signatures of the `v1,` entries in a webhook-signature header. The libraries compare each
 * entry with the signature they compute as strings, so only the standard, padded base64 of a
 * 32-byte HMAC can match: base64url or unpadded entries are refused there, and so here.
 */
function v1Signatures(header: string): Buffer[] {
  return header
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => parseBase64Digest(entry.slice(3)))
    .filter((digest): digest is Buffer => digest !== undefined);
}

export const standardWebhooks: SignatureScheme = {
  name: 'standard-webhooks',
  header: 'webhook-signature',
  notation: 'v1,<base64> entries separated by spaces',
  signs: '{webhook-id}.{webhook-timestamp}.{body}',
  mac: 'HMAC-SHA256',
  detect: (headers) => HEADER_SETS.some((set) => headerValue(headers, set.signature) !== undefined),
  key: standardWebhooksKey,
  digest: signedDigest,
  shape: shapeOf,

  signedPrefix(headers) {
    for (const names of HEADER_SETS) {
      const prefix = prefixOf(headers, names);
      if (prefix) return prefix;
    }
    return undefined;
  },

  signedMessageId(headers) {
    const names = signedSet(headers);
    return names && headerValue(headers, names.id);
  },

  read(headers) {
    const names = signedSet(headers);
    if (!names) return { kind: 'missing', reason: 'no webhook-signature (or svix-signature) header' };
    const received = headerValue(headers, names.signature) as string;
    const timestamp = headerValue(headers, names.timestamp);
    if (headerValue(headers, names.id) === undefined) return { kind: 'incomplete', reason: `missing ${names.id} header`, received };
    if (timestamp === undefined) return { kind: 'incomplete', reason: `missing ${names.timestamp} header`, received };
    const prefix = prefixOf(headers, names);
    if (!prefix) return { kind: 'incomplete', reason: `${names.timestamp} must be whole seconds since the epoch, without leading zeros, got "${timestamp}"`, received };
    const digests = v1Signatures(received);
    return {
      kind: 'signed',
      received,
      prefix,
      digests,
      malformed: received.split(' ').some((entry) => entry.startsWith('v1,'))
        ? `the v1 signatures in ${names.signature} are not the base64 of a 32-byte HMAC-SHA256`
        : `${names.signature} has no v1,<base64> signature`,
      timestamp: { label: names.timestamp, seconds: Number(timestamp), toleranceS: TOLERANCE_S, refusesFuture: true },
      matches: `a v1 signature in ${names.signature} matches`,
      differs: `none of the ${digests.length} v1 signature(s) in ${names.signature} matches this client's secret`,
    };
  },

  sign(rawBody, secret, now, messageId) {
    const timestamp = String(Math.floor(now / 1000));
    const digest = hmacSha256(standardWebhooksKey(secret), `${messageId}.${timestamp}.`, rawBody);
    return { 'webhook-id': messageId, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${digest.toString('base64')}` };
  },
};
