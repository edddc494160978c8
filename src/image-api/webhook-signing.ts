import { createHmac } from 'node:crypto';
import { standardWebhooksKey } from '../kit/standard-webhooks-secret';

/**
 * The signature headers of one delivery attempt, in two schemes so any receiver can verify:
 * - `X-Webhook-Signature`: hex HMAC-SHA256 of the raw body (the seed's scheme);
 * - Standard Webhooks (standardwebhooks.com, Svix): `webhook-id` (stable across retries),
 *   `webhook-timestamp` (seconds, this attempt), `webhook-signature: v1,<base64 HMAC-SHA256 of
 *   "<id>.<timestamp>.<body>">`.
 */
export function signWebhook(body: string, webhookId: string, sentAt: Date, secret: string): Record<string, string> {
  const key = standardWebhooksKey(secret);
  const timestamp = Math.floor(sentAt.getTime() / 1000).toString();
  const standardSignature = createHmac('sha256', key).update(`${webhookId}.${timestamp}.${body}`).digest('base64');
  return {
    'X-Webhook-Signature': createHmac('sha256', key).update(body).digest('hex'),
    'webhook-id': webhookId,
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${standardSignature}`,
  };
}
