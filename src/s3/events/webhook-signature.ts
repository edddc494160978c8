/**
 * Standard Webhooks signatures (standardwebhooks.com) on S3 event notifications, made with the
 * reference `standardwebhooks` library, so the webhook receiver (and any Svix-compatible
 * receiver) verifies them. A `whsec_<base64>` secret is decoded; any other is used as its UTF-8
 * bytes, as the webhook receiver reads WEBHOOK_SECRET.
 */
import { Webhook } from 'standardwebhooks';
import { standardWebhooksKey } from '../../kit/standard-webhooks-secret';

export type SignatureHeaders = Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string>;

export function webhookSigner(secret: string): (messageId: string, sentAt: Date, body: string) => SignatureHeaders {
  const webhook = new Webhook(standardWebhooksKey(secret), { format: 'raw' });
  return (messageId, sentAt, body) => ({
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
    'webhook-signature': webhook.sign(messageId, sentAt, body),
  });
}
