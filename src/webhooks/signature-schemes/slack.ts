import { hmacSha256, parseHexDigest } from './hmac-sha256';
import { secretAsWritten } from './secret-key';
import { shapeOf, signedDigest } from './signed-string';
import { headerValue, type RequestHeaders, type SignatureScheme, type SignedPart } from './types';

/**
 * Slack (api.slack.com, "Verifying requests from Slack"): `X-Slack-Signature: v0=<hex>`, the
 * HMAC-SHA256, keyed with the signing secret as written, of `v0:{X-Slack-Request-Timestamp}:{body}`;
 * a request whose timestamp is more than five minutes from now is refused (a replay).
 */
const TOLERANCE_S = 5 * 60;
const SIGNATURE = 'x-slack-signature';
const TIMESTAMP = 'x-slack-request-timestamp';
const VERSION = 'v0';

function prefixOf(headers: RequestHeaders): SignedPart[] | undefined {
  const timestamp = headerValue(headers, TIMESTAMP);
  if (timestamp === undefined || !/^\d+$/.test(timestamp)) return undefined;
  return [{ name: 'version', value: VERSION, joiner: ':' }, { name: 'X-Slack-Request-Timestamp', value: timestamp, joiner: ':' }];
}

export const slack: SignatureScheme = {
  name: 'slack',
  header: 'X-Slack-Signature',
  notation: 'v0=<64 lowercase hex characters>',
  signs: 'v0:{X-Slack-Request-Timestamp}:{body}',
  mac: 'HMAC-SHA256',
  detect: (headers) => headerValue(headers, SIGNATURE) !== undefined,
  key: secretAsWritten,
  signedPrefix: prefixOf,
  digest: signedDigest,
  shape: shapeOf,

  read(headers) {
    const received = headerValue(headers, SIGNATURE);
    if (received === undefined) return { kind: 'missing', reason: 'no X-Slack-Signature header' };
    const timestamp = headerValue(headers, TIMESTAMP);
    if (timestamp === undefined) return { kind: 'incomplete', reason: 'missing X-Slack-Request-Timestamp header', received };
    const prefix = prefixOf(headers);
    if (!prefix) return { kind: 'incomplete', reason: `X-Slack-Request-Timestamp must be whole seconds since the epoch, got "${timestamp}"`, received };
    const trimmed = received.trim();
    const digest = trimmed.startsWith(`${VERSION}=`) ? parseHexDigest(trimmed.slice(VERSION.length + 1)) : undefined;
    return {
      kind: 'signed',
      received,
      prefix,
      digests: digest ? [digest] : [],
      malformed: `X-Slack-Signature is malformed: expected ${slack.notation}`,
      timestamp: { label: 'X-Slack-Request-Timestamp', seconds: Number(timestamp), toleranceS: TOLERANCE_S, refusesFuture: true },
      matches: 'X-Slack-Signature matches',
      differs: "X-Slack-Signature does not match this client's signing secret",
    };
  },

  sign(rawBody, secret, now) {
    const timestamp = String(Math.floor(now / 1000));
    const digest = hmacSha256(secretAsWritten(secret), `${VERSION}:${timestamp}:`, rawBody);
    return { 'X-Slack-Request-Timestamp': timestamp, 'X-Slack-Signature': `${VERSION}=${digest.toString('hex')}` };
  },
};
