import { bodyHmacScheme } from './body-hmac';

/**
 * GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`
 * (docs.github.com, "Validating webhook deliveries").
 */
export const github = bodyHmacScheme({ name: 'github', header: 'X-Hub-Signature-256', notation: 'hex, sha256= required', key: 'standard' });
