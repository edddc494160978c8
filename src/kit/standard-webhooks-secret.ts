/**
 * How a webhook secret becomes its HMAC key, one reading for every server that signs or verifies
 * Standard Webhooks (standardwebhooks.com): `whsec_<base64>` is decoded, any other secret is used
 * as its UTF-8 bytes (the seed's `webhook-secret-123`).
 */
export const STANDARD_WEBHOOKS_PREFIX = 'whsec_';

const PADDED_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * What is wrong with a secret, if anything, worded without repeating it. Buffer decodes any text
 * after `whsec_` to some key, an empty one for `whsec_` or `whsec_!!!`, which anyone could sign
 * with; the standardwebhooks library refuses such a secret ("Secret can't be empty", "incorrect padding").
 */
export function standardWebhooksSecretProblem(secret: string): string | undefined {
  if (!secret.startsWith(STANDARD_WEBHOOKS_PREFIX)) return undefined;
  const encoded = secret.slice(STANDARD_WEBHOOKS_PREFIX.length);
  if (encoded !== '' && PADDED_BASE64.test(encoded)) return undefined;
  return 'a whsec_ secret is whsec_ and the padded base64 of its key, as the Standard Webhooks libraries read it; this one holds no such key';
}

/** The key bytes of a secret; callers refuse a secret with a problem (above) before it gets here. */
export function standardWebhooksKey(secret: string): Buffer {
  return secret.startsWith(STANDARD_WEBHOOKS_PREFIX)
    ? Buffer.from(secret.slice(STANDARD_WEBHOOKS_PREFIX.length), 'base64')
    : Buffer.from(secret, 'utf8');
}
