import { bodyHmacScheme } from './body-hmac';

/**
 * GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`
 * (docs.github.com, "Validating webhook deliveries"), keyed with the webhook secret as written:
 * GitHub and @octokit/webhooks-methods never decode a secret, `whsec_` or not.
 */
export const github = bodyHmacScheme({ name: 'github', header: 'X-Hub-Signature-256', notation: 'hex, sha256= required', key: 'as written' });
