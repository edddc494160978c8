import { digestsEqual, hmacSha256, parseHexDigest } from './hmac-sha256';
import { stripeKey } from './secret-key';
import { headerValue, type SignatureScheme, type SignatureVerdict } from './types';

/**
 * Stripe (docs.stripe.com/webhooks#verify-manually): `Stripe-Signature: t=<unix s>,v1=<hex>`,
 * possibly several v1 entries; the signed content is `${t}.${body}`; the secret is used as
 * written, `whsec_` included; as in Stripe's library, only a timestamp older than 300 s is
 * refused (one from the future is not).
 */
const TOLERANCE_S = 300;
const HEADER = 'stripe-signature';

function verdict(status: SignatureVerdict['status'], reason: string, rest: Partial<SignatureVerdict> = {}): SignatureVerdict {
  return { scheme: 'stripe', status, reason, signed_content: null, expected: null, received: null, ...rest };
}

/** `t=1,v1=ab,v1=cd,v0=ef` -> the first t and every v1. */
function parseHeader(header: string): { timestamp: string | undefined; v1: string[] } {
  const pairs = header.split(',').map((item) => {
    const at = item.indexOf('=');
    return at < 0 ? ['', ''] : [item.slice(0, at).trim(), item.slice(at + 1).trim()];
  });
  return {
    timestamp: pairs.find(([key]) => key === 't')?.[1],
    v1: pairs.filter(([key]) => key === 'v1').map(([, value]) => value),
  };
}

export const stripe: SignatureScheme = {
  name: 'stripe',
  detect: (headers) => headerValue(headers, HEADER) !== undefined,

  verify(rawBody, headers, secret, now) {
    const received = headerValue(headers, HEADER);
    if (received === undefined) return verdict('missing', 'no Stripe-Signature header');
    const { timestamp, v1 } = parseHeader(received);
    if (timestamp === undefined || !/^\d+$/.test(timestamp)) {
      return verdict('invalid', 'Stripe-Signature has no t=<unix seconds> timestamp', { received });
    }
    const prefix = `${timestamp}.`;
    const expectedDigest = hmacSha256(stripeKey(secret), prefix, rawBody);
    const explained = { signed_content: prefix + rawBody.toString('utf8'), expected: `v1=${expectedDigest.toString('hex')}`, received };
    if (v1.length === 0) return verdict('invalid', 'Stripe-Signature has no v1= signature', explained);
    const ageS = Math.floor(now / 1000) - Number(timestamp);
    if (ageS > TOLERANCE_S) {
      return verdict('invalid', `Stripe-Signature timestamp is ${ageS} s old, outside the ${TOLERANCE_S} s tolerance`, explained);
    }
    const matches = v1.some((hex) => {
      const digest = parseHexDigest(hex);
      return digest !== undefined && digestsEqual(expectedDigest, digest);
    });
    if (!matches) return verdict('invalid', "no v1 signature in Stripe-Signature matches this client's secret", explained);
    return verdict('valid', 'a v1 signature in Stripe-Signature matches', explained);
  },

  sign(rawBody, secret, now) {
    const timestamp = Math.floor(now / 1000);
    const digest = hmacSha256(stripeKey(secret), `${timestamp}.`, rawBody);
    return { 'Stripe-Signature': `t=${timestamp},v1=${digest.toString('hex')}` };
  },
};
