import { createHash } from 'node:crypto';
import { STANDARD_WEBHOOKS_PREFIX } from '../../kit/standard-webhooks-secret';

/**
 * GitHub, Stripe, Shopify, Slack and Twilio use a secret as written, not as Standard Webhooks
 * reads it (standardWebhooksKey): Stripe signs with its `whsec_...` secret exactly as written, the
 * others never decode a secret either.
 */
export function secretAsWritten(secret: string): Buffer {
  return Buffer.from(secret, 'utf8');
}

/** Prefixes of the secrets seen lately: a delivery names the one it was checked with. */
const prefixes = new Map<string, string>();
const PREFIXES_KEPT = 64;

/** The first 8 hex digits of SHA-256 over the secret as configured: enough to tell secrets apart, not to recover one. */
export function secretSha256Prefix(secret: string): string {
  let prefix = prefixes.get(secret);
  if (prefix === undefined) {
    prefix = createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 8);
    if (prefixes.size >= PREFIXES_KEPT) prefixes.clear();
    prefixes.set(secret, prefix);
  }
  return prefix;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The keys senders commonly make of one secret, each with how it was made; for explaining a mismatch. */
export function keyReadings(secret: string): Array<{ key: Buffer; reading: string }> {
  const readings = [{ key: Buffer.from(secret, 'utf8'), reading: 'the whole secret as UTF-8 text' }];
  if (secret.startsWith(STANDARD_WEBHOOKS_PREFIX)) {
    const encoded = secret.slice(STANDARD_WEBHOOKS_PREFIX.length);
    readings.push({ key: Buffer.from(encoded, 'base64'), reading: 'the base64 after whsec_, decoded' });
    readings.push({ key: Buffer.from(encoded, 'utf8'), reading: 'the base64 after whsec_ as text, not decoded' });
  } else if (BASE64.test(secret)) {
    readings.push({ key: Buffer.from(secret, 'base64'), reading: 'the secret base64-decoded' });
  }
  return readings;
}
