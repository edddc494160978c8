import { bodyVariants } from './body-variants';
import { keyReadings } from './secret-key';
import { carries, timestampProblem } from './signed-string';
import type { RequestHeaders, SignatureDiagnosis, SignatureScheme, SignedReading } from './types';

/** Past this size a wrong signature is not explained: each variant tried costs an HMAC of the body. */
const DIAGNOSED_UP_TO = 1024 * 1024;

export interface Mismatch {
  /** The scheme the delivery was checked as. */
  scheme: SignatureScheme;
  /** Its reading of the delivery; undefined when its signature header is absent or incomplete. */
  reading?: SignedReading;
  /** True when the client accepts only `scheme`. */
  pinned: boolean;
  headers: RequestHeaders;
  /** The URL the sender addressed, for schemes that sign it (Twilio). */
  url?: string;
  body: Buffer;
  secret: string;
  now: number;
}

/** The sizes of the digests the schemes use: SHA-256, and Twilio's SHA-1. */
const DIGEST_BYTES = [32, 20];

/** Every digest a header value holds, written as hex or base64, whatever the notation around it. */
export function digestsWritten(value: string): Buffer[] {
  const digests: Buffer[] = [];
  for (const token of value.split(/[\s,;]+/)) {
    const bare = token.replace(/^[A-Za-z0-9_-]{1,10}=(?=.)/, '');
    const digest = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(bare) ? Buffer.from(bare, 'hex') : Buffer.from(bare, 'base64');
    if (DIGEST_BYTES.includes(digest.length)) digests.push(digest);
  }
  return digests;
}

/**
 * Explains a wrong signature by trying, on the server, the variants senders commonly get wrong:
 * only whether the received signature matches one of them is reported, never a signature this
 * receiver computed. Checked in order: the right HMAC refused for its timestamp or notation,
 * another scheme's construction, another reading of the secret, another rendering of the body.
 */
export function diagnose(mismatch: Mismatch, schemes: readonly SignatureScheme[]): SignatureDiagnosis | null {
  if (mismatch.body.length > DIAGNOSED_UP_TO) return null;
  return (mismatch.reading && rightSignature(mismatch, mismatch.reading))
    ?? otherScheme(mismatch, schemes)
    ?? (mismatch.reading && (otherKey(mismatch, mismatch.reading) ?? otherBody(mismatch, mismatch.reading)))
    ?? null;
}

function rightSignature({ scheme, body, secret, now }: Mismatch, reading: SignedReading): SignatureDiagnosis | undefined {
  const digest = scheme.digest(scheme.key(secret), reading.prefix, body);
  if (carries(reading.digests, digest)) {
    const late = reading.timestamp && timestampProblem(reading.timestamp, now);
    if (!late) return undefined;
    return {
      cause: 'timestamp_outside_tolerance',
      detail: `the signature is right for this secret and body, and only its timestamp is refused: ${late} (a delayed or replayed delivery, or a sender's clock off by that much)`,
    };
  }
  if (!carries(digestsWritten(reading.received), digest)) return undefined;
  return { cause: 'signature_encoding', detail: `the HMAC is right for this secret and body, but ${scheme.header} must be written ${scheme.notation}` };
}

function otherScheme({ scheme, pinned, headers, url, body, secret }: Mismatch, schemes: readonly SignatureScheme[]): SignatureDiagnosis | undefined {
  const written = schemes.flatMap((candidate) => digestsWritten(receivedBy(candidate, headers, url)));
  for (const other of schemes) {
    const prefix = other === scheme ? undefined : other.signedPrefix(headers, url);
    if (!prefix || !carries(written, other.digest(other.key(secret), prefix, body))) continue;
    const checkedAs = pinned ? `this client accepts only ${scheme.name} signatures` : `the delivery was checked as ${scheme.name}, which signs ${scheme.signs}`;
    return {
      cause: 'other_scheme',
      detail: `the signature is a valid ${other.name} signature (the ${other.mac} of ${other.shape(prefix, body).template}), but ${checkedAs}`,
    };
  }
  return undefined;
}

function otherKey({ scheme, body, secret }: Mismatch, reading: SignedReading): SignatureDiagnosis | undefined {
  const readings = keyReadings(secret);
  const key = scheme.key(secret);
  const used = readings.find((candidate) => candidate.key.equals(key))?.reading ?? 'another reading of it';
  const match = readings.find((candidate) => !candidate.key.equals(key) && carries(reading.digests, scheme.digest(candidate.key, reading.prefix, body)));
  if (!match) return undefined;
  return { cause: 'secret_encoding', detail: `the signature was made with ${match.reading} as the key, and ${scheme.name} uses ${used}` };
}

function otherBody({ scheme, body, secret }: Mismatch, reading: SignedReading): SignatureDiagnosis | undefined {
  const key = scheme.key(secret);
  const match = bodyVariants(body).find((variant) => carries(reading.digests, scheme.digest(key, reading.prefix, variant.body)));
  if (!match) return undefined;
  return { cause: match.cause, detail: `the signature matches the body ${match.change}, not the bytes received: sign exactly the bytes you send` };
}

/** The scheme's signature header as received, or an empty string. */
function receivedBy(scheme: SignatureScheme, headers: RequestHeaders, url: string | undefined): string {
  const reading = scheme.read(headers, url);
  return reading.kind === 'missing' ? '' : reading.received;
}
