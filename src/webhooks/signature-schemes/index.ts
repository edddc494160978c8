import { github } from './github';
import { standardWebhooks } from './standard-webhooks';
import { stripe } from './stripe';
import type { RequestHeaders, SchemeName, SignatureScheme, SignatureVerdict } from './types';
import { xWebhookSignature } from './x-webhook-signature';

export { SCHEME_NAMES, headerValue, type RequestHeaders, type SchemeName, type SignatureScheme, type SignatureStatus, type SignatureVerdict } from './types';

/** Detection order: the most specific header set first, the seed's plain header last. */
const SCHEMES: readonly SignatureScheme[] = [standardWebhooks, stripe, github, xWebhookSignature];

export function schemeNamed(name: SchemeName): SignatureScheme {
  return SCHEMES.find((scheme) => scheme.name === name) as SignatureScheme;
}

/** The scheme whose signature header the delivery carries, if any. */
export function detectScheme(headers: RequestHeaders): SignatureScheme | undefined {
  return SCHEMES.find((scheme) => scheme.detect(headers));
}

const NO_SIGNATURE: SignatureVerdict = {
  scheme: null,
  status: 'missing',
  reason: 'no signature header (X-Webhook-Signature, X-Hub-Signature-256, webhook-signature, svix-signature or Stripe-Signature)',
  signed_content: null,
  expected: null,
  received: null,
};

/**
 * Verifies a delivery with the scheme its headers name, or with `pinned` when the client is
 * configured for one scheme: then another scheme's signature is refused rather than ignored.
 */
export function verifySignature(rawBody: Buffer, headers: RequestHeaders, secret: string, now: number, pinned?: SchemeName): SignatureVerdict {
  const detected = detectScheme(headers);
  if (!pinned) return detected ? detected.verify(rawBody, headers, secret, now) : NO_SIGNATURE;
  const verdict = schemeNamed(pinned).verify(rawBody, headers, secret, now);
  if (verdict.status === 'missing' && detected) {
    return { ...verdict, status: 'invalid', reason: `this client accepts only ${pinned} signatures, and the delivery is signed with ${detected.name}` };
  }
  return verdict;
}
