import { bodyHmacScheme } from './body-hmac';

/** The seed's scheme: `X-Webhook-Signature: <hex HMAC-SHA256 of the raw body>`, `sha256=` allowed. */
export const xWebhookSignature = bodyHmacScheme({ name: 'x-webhook-signature', header: 'X-Webhook-Signature', notation: 'hex, sha256= optional', key: 'standard' });
