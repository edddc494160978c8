import { digestsEqual, hmacSha256 } from './hmac-sha256';
import { secretKey } from './secret-key';
import { headerValue, type RequestHeaders, type SignatureScheme, type SignatureVerdict } from './types';

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

function headerSet(headers: RequestHeaders) {
  return HEADER_SETS.find((set) => headerValue(headers, set.signature) !== undefined);
}

function verdict(status: SignatureVerdict['status'], reason: string, rest: Partial<SignatureVerdict> = {}): SignatureVerdict {
  return { scheme: 'standard-webhooks', status, reason, signed_content: null, expected: null, received: null, ...rest };
}

/** The base64 signatures of the `v1,` entries in a webhook-signature header. */
function v1Signatures(header: string): Buffer[] {
  return header
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => Buffer.from(entry.slice(3), 'base64'));
}

export const standardWebhooks: SignatureScheme = {
  name: 'standard-webhooks',
  detect: (headers) => headerSet(headers) !== undefined,

  verify(rawBody, headers, secret, now) {
    const names = headerSet(headers);
    if (!names) return verdict('missing', 'no webhook-signature (or svix-signature) header');
    const received = headerValue(headers, names.signature) as string;
    const id = headerValue(headers, names.id);
    const timestamp = headerValue(headers, names.timestamp);
    if (id === undefined) return verdict('invalid', `missing ${names.id} header`, { received });
    if (timestamp === undefined) return verdict('invalid', `missing ${names.timestamp} header`, { received });

    const prefix = `${id}.${timestamp}.`;
    const expectedDigest = hmacSha256(secretKey(secret), prefix, rawBody);
    const explained = { signed_content: prefix + rawBody.toString('utf8'), expected: `v1,${expectedDigest.toString('base64')}`, received };
    if (!/^\d+$/.test(timestamp)) {
      return verdict('invalid', `${names.timestamp} must be whole seconds since the epoch, got "${timestamp}"`, explained);
    }
    const ageS = Math.floor(now / 1000) - Number(timestamp);
    if (Math.abs(ageS) > TOLERANCE_S) {
      const when = ageS > 0 ? `${ageS} s old` : `${-ageS} s in the future`;
      return verdict('invalid', `${names.timestamp} is ${when}, outside the ${TOLERANCE_S} s tolerance`, explained);
    }
    const candidates = v1Signatures(received);
    if (candidates.length === 0) return verdict('invalid', `${names.signature} has no v1,<base64> signature`, explained);
    if (!candidates.some((candidate) => digestsEqual(expectedDigest, candidate))) {
      return verdict('invalid', `none of the ${candidates.length} v1 signature(s) in ${names.signature} matches this client's secret`, explained);
    }
    return verdict('valid', `a v1 signature in ${names.signature} matches`, explained);
  },

  sign(rawBody, secret, now, messageId) {
    const timestamp = String(Math.floor(now / 1000));
    const digest = hmacSha256(secretKey(secret), `${messageId}.${timestamp}.`, rawBody);
    return { 'webhook-id': messageId, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${digest.toString('base64')}` };
  },
};
