import { hmacSha256, parseHexDigest } from './hmac-sha256';
import { secretKey } from './secret-key';
import { headerValue, type SchemeName, type SignatureScheme } from './types';

interface BodyHmacOptions {
  name: SchemeName;
  /** The header as senders write it (its lower-case form is looked up). */
  header: string;
  /** Whether the hex digest must carry the `sha256=` prefix (GitHub) or may (the seed). */
  prefix: 'required' | 'optional';
}

/**
 * The schemes that sign nothing but the body: a hex HMAC-SHA256 in one header, with no
 * timestamp. The seed's X-Webhook-Signature and GitHub's X-Hub-Signature-256 differ only in
 * the header name and whether `sha256=` is mandatory.
 */
export function bodyHmacScheme({ name, header, prefix }: BodyHmacOptions): SignatureScheme {
  const headerName = header.toLowerCase();
  const notation = prefix === 'required' ? 'sha256=<64 hex characters>' : '64 hex characters, optionally prefixed sha256=';

  return {
    name,
    header,
    notation,
    signs: '{body}',
    detect: (headers) => headerValue(headers, headerName) !== undefined,
    key: secretKey,
    signedPrefix: () => [],

    read(headers) {
      const received = headerValue(headers, headerName);
      if (received === undefined) return { kind: 'missing', reason: `no ${header} header` };
      const trimmed = received.trim();
      const hasPrefix = trimmed.toLowerCase().startsWith('sha256=');
      const digest = parseHexDigest(hasPrefix ? trimmed.slice('sha256='.length) : trimmed);
      const wellFormed = digest !== undefined && (prefix === 'optional' || hasPrefix);
      return {
        kind: 'signed',
        received,
        prefix: [],
        digests: wellFormed ? [digest] : [],
        malformed: `${header} is malformed: expected ${notation}`,
        matches: `${header} matches the HMAC-SHA256 of the body`,
        differs: `${header} does not match the HMAC-SHA256 of the body with this client's secret`,
      };
    },

    sign(rawBody, secret) {
      const hex = hmacSha256(secretKey(secret), rawBody).toString('hex');
      return { [header]: prefix === 'required' ? `sha256=${hex}` : hex };
    },
  };
}
