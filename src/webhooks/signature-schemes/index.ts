import { standardWebhooksKey, standardWebhooksSecretProblem } from '../../kit/standard-webhooks-secret';
import { diagnose } from './diagnosis';
import { github } from './github';
import { secretSha256Prefix } from './secret-key';
import { shopify } from './shopify';
import { slack } from './slack';
import { judge } from './signed-string';
import { standardWebhooks } from './standard-webhooks';
import { stripe } from './stripe';
import { twilio } from './twilio';
import type { RequestHeaders, SchemeName, SecretFingerprint, SignatureScheme, SignatureVerdict } from './types';
import { xWebhookSignature } from './x-webhook-signature';

export { secretSha256Prefix } from './secret-key';
export {
  SCHEME_NAMES,
  headerValue,
  type DiagnosisCause,
  type RequestHeaders,
  type SchemeName,
  type SecretFingerprint,
  type SignatureDiagnosis,
  type SignatureScheme,
  type SignatureStatus,
  type SignatureVerdict,
  type SignedShape,
} from './types';

/** Detection order: the most specific header set first, the seed's plain header last. */
const SCHEMES: readonly SignatureScheme[] = [standardWebhooks, stripe, slack, twilio, shopify, github, xWebhookSignature];

/**
 * Every signature header a sender may add (lower case): what a re-signed or unsigned request
 * drops. Besides each scheme's own header, the svix- name, and GitHub's X-Hub-Signature, the
 * SHA-1 it still sends beside X-Hub-Signature-256 for older integrations (docs.github.com,
 * "Validating webhook deliveries"): kept, it would still sign the original body.
 */
export const SIGNATURE_HEADERS: readonly string[] = [...SCHEMES.map((scheme) => scheme.header.toLowerCase()), 'svix-signature', 'x-hub-signature'];

export function schemeNamed(name: SchemeName): SignatureScheme {
  return SCHEMES.find((scheme) => scheme.name === name) as SignatureScheme;
}

/**
 * What keeps a secret from serving a scheme, if anything: a whsec_ secret that holds no key where
 * it is decoded (auto may detect a scheme that decodes it), which would sign with an empty key.
 */
export function secretProblemFor(scheme: SchemeName | 'auto', secret: string): string | undefined {
  const decodes = scheme === 'auto' || schemeNamed(scheme).key === standardWebhooksKey;
  return decodes ? standardWebhooksSecretProblem(secret) : undefined;
}

/** The scheme whose signature header the delivery carries, if any. */
export function detectScheme(headers: RequestHeaders): SignatureScheme | undefined {
  return SCHEMES.find((scheme) => scheme.detect(headers));
}

const NO_SIGNATURE: SignatureVerdict = {
  scheme: null,
  status: 'missing',
  reason: 'no signature header (X-Webhook-Signature, X-Hub-Signature-256, webhook-signature, svix-signature, Stripe-Signature, X-Shopify-Hmac-Sha256, X-Slack-Signature or X-Twilio-Signature)',
  received: null,
  signed: null,
  secret: null,
  diagnosis: null,
};

export interface VerifyOptions {
  /** The one scheme the client accepts: another scheme's signature is then refused rather than ignored. */
  pinned?: SchemeName;
  /** Whose secret `secret` is (default global, WEBHOOK_SECRET). */
  secretSource?: SecretFingerprint['source'];
  /** The URL the sender addressed, as the receiver reconstructs it (Twilio signs it). */
  url?: string;
}

/**
 * Verifies a delivery with the scheme its headers name, or with the pinned one. The verdict
 * explains itself (what is signed, which secret, the likely mistake) but never carries a
 * signature this receiver computed.
 */
export function verifySignature(rawBody: Buffer, headers: RequestHeaders, secret: string, now: number, options: VerifyOptions = {}): SignatureVerdict {
  const detected = detectScheme(headers);
  const scheme = options.pinned ? schemeNamed(options.pinned) : detected;
  if (!scheme) return NO_SIGNATURE;
  const reading = scheme.read(headers, options.url);
  // A client pinned to one scheme refuses another's signature rather than take it as unsigned.
  const refusedScheme = reading.kind === 'missing' && options.pinned ? detected : undefined;
  if (reading.kind === 'missing' && !refusedScheme) return { ...NO_SIGNATURE, scheme: scheme.name, reason: reading.reason };

  const signed = reading.kind === 'signed' ? reading : undefined;
  const { status, reason } = signed
    ? judge(scheme, signed, rawBody, secret, now)
    : { status: 'invalid' as const, reason: reading.kind === 'incomplete' ? reading.reason : `this client accepts only ${scheme.name} signatures, and the delivery is signed with ${refusedScheme?.name}` };
  const mismatch = { scheme, reading: signed, pinned: options.pinned !== undefined, headers, url: options.url, body: rawBody, secret, now };
  return {
    scheme: scheme.name,
    status,
    reason,
    received: reading.kind === 'missing' ? null : reading.received,
    signed: signed ? scheme.shape(signed.prefix, rawBody) : null,
    secret: { source: options.secretSource ?? 'global', sha256_prefix: secretSha256Prefix(secret) },
    diagnosis: status === 'invalid' ? diagnose(mismatch, SCHEMES) : null,
  };
}
