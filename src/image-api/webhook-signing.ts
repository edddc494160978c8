import { createHmac } from 'node:crypto';

/**
 * The key bytes of a webhook secret, as the webhook receiver reads them: a Standard Webhooks
 * `whsec_<base64>` secret is decoded, any other secret is used as its UTF-8 bytes.
 */
export function webhookSigningKey(secret: string): Buffer {
  return secret.startsWith('whsec_') ? Buffer.from(secret.slice('whsec_'.length), 'base64') : Buffer.from(secret, 'utf8');
}

const PADDED_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * What is wrong with a secret for signing, if anything. Buffer decodes any text after `whsec_` to
 * some key, an empty one for `whsec_` or `whsec_!!!`, which anyone could sign with; the
 * standardwebhooks library refuses such a secret ("Secret can't be empty", "incorrect padding").
 */
export function webhookSecretProblem(secret: string): string | undefined {
  if (!secret.startsWith('whsec_')) return undefined;
  const encoded = secret.slice('whsec_'.length);
  if (encoded !== '' && PADDED_BASE64.test(encoded)) return undefined;
  return 'a whsec_ secret is whsec_ and the padded base64 of its key, as the Standard Webhooks libraries read it; this one holds no such key';
}

/**
 * The signature headers of one delivery attempt, in two schemes so any receiver can verify:
 * - `X-Webhook-Signature`: hex HMAC-SHA256 of the raw body (the seed's scheme);
 * - Standard Webhooks (standardwebhooks.com, Svix): `webhook-id` (stable across retries),
 *   `webhook-timestamp` (seconds, this attempt), `webhook-signature: v1,<base64 HMAC-SHA256 of
 *   "<id>.<timestamp>.<body>">`.
 */
export function signWebhook(body: string, webhookId: string, sentAt: Date, secret: string): Record<string, string> {
  const key = webhookSigningKey(secret);
  const timestamp = Math.floor(sentAt.getTime() / 1000).toString();
  const standardSignature = createHmac('sha256', key).update(`${webhookId}.${timestamp}.${body}`).digest('base64');
  return {
    'X-Webhook-Signature': createHmac('sha256', key).update(body).digest('hex'),
    'webhook-id': webhookId,
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${standardSignature}`,
  };
}
