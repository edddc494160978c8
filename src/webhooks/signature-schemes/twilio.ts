import { createHash, createHmac } from 'node:crypto';
import { parseBase64Of } from './hmac-sha256';
import { secretAsWritten } from './secret-key';
import { headerValue, type SignatureScheme, type SignedPart, type SignedShape } from './types';

/**
 * Twilio (twilio.com/docs/usage/security, "Validating signatures from Twilio"):
 * `X-Twilio-Signature` is the base64 HMAC-SHA1, keyed with the auth token, of the full URL Twilio
 * called followed by each POST parameter's name and value, sorted by name (a repeated name's
 * values de-duplicated and sorted, as twilio-node does). A request with a JSON body instead
 * carries `bodySHA256=<hex SHA-256 of the body>` in its URL's query, and only the URL is signed.
 */
const HEADER = 'x-twilio-signature';
const BODY_HASH_PARAMETER = 'bodySHA256';
const SHA1_BYTES = 20;

function bodyHashOf(url: string): string | null {
  try {
    return new URL(url).searchParams.get(BODY_HASH_PARAMETER);
  } catch {
    return null;
  }
}

const sha256Hex = (body: Buffer) => createHash('sha256').update(body).digest('hex');

/** Each form parameter's name and value, names sorted, concatenated as Twilio signs them. */
function sortedParameters(body: Buffer): string {
  const values = new Map<string, Set<string>>();
  for (const [name, value] of new URLSearchParams(body.toString('utf8'))) {
    values.set(name, (values.get(name) ?? new Set()).add(value));
  }
  return [...values.keys()].sort().map((name) => [...(values.get(name) as Set<string>)].sort().map((value) => name + value).join('')).join('');
}

/** The string Twilio signs, or undefined when bodySHA256 names another body than this one. */
function signedString(url: string, body: Buffer): string | undefined {
  const bodyHash = bodyHashOf(url);
  if (bodyHash === null) return url + sortedParameters(body);
  return bodyHash.toLowerCase() === sha256Hex(body) ? url : undefined;
}

/**
 * The URL without its port, or with the scheme's default port when it has none. Whether a Twilio
 * signature covers `:443` depends on how the webhook URL was written, and a proxy or tunnel may
 * add or drop the port, so twilio-node's validateRequest accepts a signature over the URL as
 * received or over either of these (its removePort and addPort). An IPv6 host ends at its `]`.
 */
function portVariants(url: string): string[] {
  const match = /^(https?:\/\/)([^/?#]*)(.*)$/is.exec(url);
  if (!match) return [];
  const [, scheme, authority, rest] = match;
  const portAt = authority.indexOf(':', authority.lastIndexOf(']') + 1);
  if (portAt < 0) return [`${scheme}${authority}:${scheme.toLowerCase() === 'https://' ? 443 : 80}${rest}`];
  return [`${scheme}${authority.slice(0, portAt)}${rest}`];
}

const hmacSha1 = (key: Buffer, text: string) => createHmac('sha1', key).update(text, 'utf8').digest();

export const twilio: SignatureScheme = {
  name: 'twilio',
  header: 'X-Twilio-Signature',
  notation: 'the base64 of the 20-byte HMAC-SHA1',
  signs: '{url}{form parameters sorted by name, each name then value} ({url} alone for a JSON body, whose SHA-256 the URL carries as bodySHA256)',
  mac: 'HMAC-SHA1',
  detect: (headers) => headerValue(headers, HEADER) !== undefined,
  key: secretAsWritten,
  signedPrefix: (_headers, url) => (url === undefined ? undefined : [{ name: 'url', value: url, joiner: '' }]),

  digest(key, prefix, body) {
    const text = signedString(prefix[0].value, body);
    // No signature can be right for a body its URL's bodySHA256 does not name.
    return text === undefined ? Buffer.alloc(0) : hmacSha1(key, text);
  },

  shape(prefix, body): SignedShape {
    const url = { name: 'url', bytes: Buffer.byteLength(prefix[0].value) };
    if (bodyHashOf(prefix[0].value) !== null) return { template: '{url}', parts: [url], bytes: url.bytes };
    const parameters = { name: 'sorted form parameters', bytes: Buffer.byteLength(sortedParameters(body)) };
    return { template: '{url}{sorted form parameters}', parts: [url, parameters], bytes: url.bytes + parameters.bytes };
  },

  read(headers, url) {
    const received = headerValue(headers, HEADER);
    if (received === undefined) return { kind: 'missing', reason: 'no X-Twilio-Signature header' };
    if (url === undefined) return { kind: 'incomplete', reason: 'X-Twilio-Signature signs the URL the sender called, which is unknown here', received };
    const digest = parseBase64Of(received.trim(), SHA1_BYTES);
    const prefix: SignedPart[] = [{ name: 'url', value: url, joiner: '' }];
    const bodyHashed = bodyHashOf(url) !== null;
    return {
      kind: 'signed',
      received,
      prefix,
      alsoSigned: portVariants(url).map((variant) => [{ name: 'url', value: variant, joiner: '' }]),
      digests: digest ? [digest] : [],
      malformed: `X-Twilio-Signature is malformed: expected ${twilio.notation}`,
      matches: `X-Twilio-Signature matches the HMAC-SHA1 of ${url}${bodyHashed ? ' (whose bodySHA256 is the SHA-256 of the body)' : ' and the sorted form parameters'}`,
      differs: bodyHashed
        ? `X-Twilio-Signature does not match the HMAC-SHA1 of ${url} with this client's auth token, or its bodySHA256 is not the SHA-256 of the body received`
        : `X-Twilio-Signature does not match the HMAC-SHA1 of ${url} and the sorted form parameters with this client's auth token (the URL must be the one the sender called, query string included)`,
    };
  },

  sign(rawBody, secret, _now, _messageId, url) {
    const text = signedString(url, rawBody) ?? url;
    return { 'X-Twilio-Signature': hmacSha1(secretAsWritten(secret), text).toString('base64') };
  },

  address(url, body, contentType) {
    if (contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) return url;
    const addressed = new URL(url);
    addressed.searchParams.set(BODY_HASH_PARAMETER, sha256Hex(body));
    return addressed;
  },
};
