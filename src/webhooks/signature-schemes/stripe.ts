import { hmacSha256, parseHexDigest } from './hmac-sha256';
import { secretAsWritten } from './secret-key';
import { EPOCH_SECONDS, shapeOf, signedDigest } from './signed-string';
import { headerValue, type RequestHeaders, type SignatureScheme, type SignedPart } from './types';

/**
 * Stripe (docs.stripe.com/webhooks#verify-manually): `Stripe-Signature: t=<unix s>,v1=<hex>`,
 * possibly several v1 entries; the signed content is `${t}.${body}`; the secret is used as
 * written, `whsec_` included; as in Stripe's library, only a timestamp older than 300 s is
 * refused (one from the future is not).
 */
const TOLERANCE_S = 300;
const HEADER = 'stripe-signature';

/**
 * `t=1,v1=ab,v1=cd,v0=ef` -> every t and every v1. Nothing is trimmed: Stripe's library
 * splits on `,` and `=` as written, so in `t=1, v1=ab` it finds no v1 signature.
 */
function parseHeader(header: string): { timestamps: string[]; v1: string[] } {
  const pairs = header.split(',').map((item) => {
    const at = item.indexOf('=');
    return at < 0 ? ['', ''] : [item.slice(0, at), item.slice(at + 1)];
  });
  const valuesOf = (name: string) => pairs.filter(([key]) => key === name).map(([, value]) => value);
  return { timestamps: valuesOf('t'), v1: valuesOf('v1') };
}

/**
 * The header's one timestamp. Stripe sends one; given two that differ, its libraries check
 * different ones (stripe-node the last, stripe-python and stripe-ruby the first), so a
 * signature over either would verify in some apps and fail in others: such a header is refused.
 */
function timestampOf(header: string): { timestamp: string } | { problem: string } {
  const distinct = [...new Set(parseHeader(header).timestamps)];
  if (distinct.length > 1) {
    return { problem: `Stripe-Signature has ${distinct.length} different t= timestamps, which Stripe's libraries read differently (stripe-node takes the last, stripe-python and stripe-ruby the first): send one` };
  }
  const timestamp = distinct[0];
  if (timestamp === undefined) return { problem: 'Stripe-Signature has no t=<unix seconds> timestamp' };
  return EPOCH_SECONDS.test(timestamp) ? { timestamp } : { problem: `Stripe-Signature's t= must be whole seconds since the epoch, without leading zeros, got "${timestamp}"` };
}

function prefixOf(headers: RequestHeaders): SignedPart[] | undefined {
  const header = headerValue(headers, HEADER);
  const read = header === undefined ? undefined : timestampOf(header);
  return read && 'timestamp' in read ? [{ name: 't', value: read.timestamp }] : undefined;
}

export const stripe: SignatureScheme = {
  name: 'stripe',
  header: 'Stripe-Signature',
  notation: 't=<unix seconds>,v1=<64 lowercase hex characters>',
  signs: '{t}.{body}',
  mac: 'HMAC-SHA256',
  detect: (headers) => headerValue(headers, HEADER) !== undefined,
  key: secretAsWritten,
  signedPrefix: prefixOf,
  digest: signedDigest,
  shape: shapeOf,

  read(headers) {
    const received = headerValue(headers, HEADER);
    if (received === undefined) return { kind: 'missing', reason: 'no Stripe-Signature header' };
    const read = timestampOf(received);
    if ('problem' in read) return { kind: 'incomplete', reason: read.problem, received };
    const prefix = [{ name: 't', value: read.timestamp }];
    const { v1 } = parseHeader(received);
    const digests = v1.map(parseHexDigest).filter((digest): digest is Buffer => digest !== undefined);
    return {
      kind: 'signed',
      received,
      prefix,
      digests,
      malformed: v1.length === 0 ? 'Stripe-Signature has no v1= signature' : 'the v1= signatures in Stripe-Signature are not 64 lowercase hex characters',
      timestamp: { label: 'Stripe-Signature timestamp', seconds: Number(read.timestamp), toleranceS: TOLERANCE_S, refusesFuture: false },
      matches: 'a v1 signature in Stripe-Signature matches',
      differs: "no v1 signature in Stripe-Signature matches this client's secret",
    };
  },

  sign(rawBody, secret, now) {
    const timestamp = Math.floor(now / 1000);
    const digest = hmacSha256(secretAsWritten(secret), `${timestamp}.`, rawBody);
    return { 'Stripe-Signature': `t=${timestamp},v1=${digest.toString('hex')}` };
  },
};
