import { digestsEqual, hmacSha256, parseHexDigest } from './hmac-sha256';
import { secretKey } from './secret-key';
import { headerValue, type RequestHeaders, type SchemeName, type SignatureScheme, type SignatureVerdict } from './types';

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
  const format = prefix === 'required' ? 'sha256=<64 hex characters>' : '64 hex characters, optionally prefixed sha256=';

  function verdict(status: SignatureVerdict['status'], reason: string, rest: Partial<SignatureVerdict> = {}): SignatureVerdict {
    return { scheme: name, status, reason, signed_content: null, expected: null, received: null, ...rest };
  }

  return {
    name,
    detect: (headers: RequestHeaders) => headerValue(headers, headerName) !== undefined,

    verify(rawBody, headers, secret) {
      const received = headerValue(headers, headerName);
      if (received === undefined) return verdict('missing', `no ${header} header`);
      const expectedDigest = hmacSha256(secretKey(secret), rawBody);
      const explained = {
        signed_content: rawBody.toString('utf8'),
        expected: (prefix === 'required' ? 'sha256=' : '') + expectedDigest.toString('hex'),
        received,
      };
      const trimmed = received.trim();
      const hasPrefix = trimmed.toLowerCase().startsWith('sha256=');
      const receivedDigest = parseHexDigest(hasPrefix ? trimmed.slice('sha256='.length) : trimmed);
      if (!receivedDigest || (prefix === 'required' && !hasPrefix)) {
        return verdict('invalid', `${header} is malformed: expected ${format}`, explained);
      }
      if (!digestsEqual(expectedDigest, receivedDigest)) {
        return verdict('invalid', `${header} does not match the HMAC-SHA256 of the body with this client's secret`, explained);
      }
      return verdict('valid', `${header} matches the HMAC-SHA256 of the body`, explained);
    },

    sign(rawBody, secret) {
      const hex = hmacSha256(secretKey(secret), rawBody).toString('hex');
      return { [header]: prefix === 'required' ? `sha256=${hex}` : hex };
    },
  };
}
