import { bodyHmacScheme } from './body-hmac';

/**
 * Shopify (shopify.dev, "Deliver webhooks through HTTPS", verify the webhook):
 * `X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the raw body>`, keyed with the app's client
 * secret as written.
 */
export const shopify = bodyHmacScheme({ name: 'shopify', header: 'X-Shopify-Hmac-Sha256', notation: 'base64', key: 'as written' });
