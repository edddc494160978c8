import { hmacSha256, parseHexDigest } from './hmac-sha256';
import { secretAsWritten } from './secret-key';
import { shapeOf, signedDigest } from './signed-string';
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
 * `t=1,v1=ab,v1=cd,v0=ef` -> the first t and every v1. Nothing is trimmed: Stripe's library
 * splits on `,` and `=` as written, so in `t=1, v1=ab` it finds no v1 signature.
 */
function parseHeader(header: string): { timestamp: string | undefined; v1: string[] } {
  const pairs = header.split(',').map((item) => {
    const at = item.indexOf('=');
    return at < 0 ? ['', ''] : [item.slice(0, at), item.slice(at + 1)];
  });
  return {
    timestamp: pairs.find(([key]) => key === 't')?.[1],
    v1: pairs.filter(([key]) => key === 'v1').map(([, value]) => value),
  };
}

function prefixOf(headers: RequestHeaders): SignedPart[] | undefined {
  const header = headerValue(headers, HEADER);
  const timestamp = header === undefined ? undefined : parseHeader(header).timestamp;
  return timestamp !== undefined && /^\d+$/.test(timestamp) ? [{ name: 't', value: timestamp }] : undefined;
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
    const prefix = prefixOf(headers);
    if (!prefix) return { kind: 'incomplete', reason: 'Stripe-Signature has no t=<unix seconds> timestamp', received };
    const { v1 } = parseHeader(received);
    const digests = v1.map(parseHexDigest).filter((digest): digest is Buffer => digest !== undefined);
    return {
      kind: 'signed',
      received,
      prefix,
      digests,
      malformed: v1.length === 0 ? 'Stripe-Signature has no v1= signature' : 'the v1= signatures in Stripe-Signature are not 64 lowercase hex characters',
      timestamp: { label: 'Stripe-Signature timestamp', seconds: Number(prefix[0].value), toleranceS: TOLERANCE_S, refusesFuture: false },
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
