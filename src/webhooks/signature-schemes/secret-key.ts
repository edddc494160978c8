const STANDARD_WEBHOOKS_PREFIX = 'whsec_';

/**
 * The HMAC key a secret stands for. Standard Webhooks writes secrets as `whsec_<base64>` and
 * signs with the decoded bytes; any other secret (the seed's `webhook-secret-123`) is used as
 * its UTF-8 bytes. Stripe is the exception and calls `stripeKey` instead: it signs with its
 * `whsec_...` secret exactly as written.
 */
export function secretKey(secret: string): Buffer {
  return secret.startsWith(STANDARD_WEBHOOKS_PREFIX)
    ? Buffer.from(secret.slice(STANDARD_WEBHOOKS_PREFIX.length), 'base64')
    : Buffer.from(secret, 'utf8');
}

export function stripeKey(secret: string): Buffer {
  return Buffer.from(secret, 'utf8');
}
