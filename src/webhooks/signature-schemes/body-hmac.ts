import { standardWebhooksKey } from '../../kit/standard-webhooks-secret';
import { hmacSha256, parseBase64Digest, parseHexDigest } from './hmac-sha256';
import { secretAsWritten } from './secret-key';
import { shapeOf, signedDigest } from './signed-string';
import { headerValue, type SchemeName, type SignatureScheme } from './types';

interface BodyHmacOptions {
  name: SchemeName;
  /** The header as senders write it (its lower-case form is looked up). */
  header: string;
  /**
   * How the digest is written: hex, with the `sha256=` prefix required (GitHub) or optional (the
   * seed), or base64 (Shopify).
   */
  notation: 'hex, sha256= required' | 'hex, sha256= optional' | 'base64';
  /** How the secret becomes the key: `whsec_` decoded (the seed), or as written (GitHub, Shopify). */
  key: 'standard' | 'as written';
}

const NOTATIONS = {
  'hex, sha256= required': 'sha256=<64 lowercase hex characters>',
  'hex, sha256= optional': '64 lowercase hex characters, optionally prefixed sha256=',
  base64: 'the base64 of the 32-byte digest',
} as const;

/**
 * The schemes that sign nothing but the body: an HMAC-SHA256 in one header, with no timestamp.
 * The seed's X-Webhook-Signature, GitHub's X-Hub-Signature-256 and Shopify's
 * X-Shopify-Hmac-Sha256 differ only in the header name, how the digest is written and how the
 * secret is read.
 */
export function bodyHmacScheme({ name, header, notation, key: keyReading }: BodyHmacOptions): SignatureScheme {
  const headerName = header.toLowerCase();
  const key = keyReading === 'standard' ? standardWebhooksKey : secretAsWritten;

  function parse(received: string): Buffer | undefined {
    const trimmed = received.trim();
    if (notation === 'base64') return parseBase64Digest(trimmed);
    // GitHub writes `sha256=` in lower case, and octokit's verify compares the whole header.
    const hasPrefix = trimmed.startsWith('sha256=');
    const digest = parseHexDigest(hasPrefix ? trimmed.slice('sha256='.length) : trimmed);
    return notation === 'hex, sha256= required' && !hasPrefix ? undefined : digest;
  }

  function write(digest: Buffer): string {
    if (notation === 'base64') return digest.toString('base64');
    return notation === 'hex, sha256= required' ? `sha256=${digest.toString('hex')}` : digest.toString('hex');
  }

  return {
    name,
    header,
    notation: NOTATIONS[notation],
    signs: '{body}',
    mac: 'HMAC-SHA256',
    detect: (headers) => headerValue(headers, headerName) !== undefined,
    key,
    signedPrefix: () => [],
    digest: signedDigest,
    shape: shapeOf,

    read(headers) {
      const received = headerValue(headers, headerName);
      if (received === undefined) return { kind: 'missing', reason: `no ${header} header` };
      const digest = parse(received);
      return {
        kind: 'signed',
        received,
        prefix: [],
        digests: digest ? [digest] : [],
        malformed: `${header} is malformed: expected ${NOTATIONS[notation]}`,
        matches: `${header} matches the HMAC-SHA256 of the body`,
        differs: `${header} does not match the HMAC-SHA256 of the body with this client's secret`,
      };
    },

    sign(rawBody, secret) {
      return { [header]: write(hmacSha256(key(secret), rawBody)) };
    },
  };
}
