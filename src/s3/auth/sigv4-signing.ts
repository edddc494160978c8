/**
 * The SigV4 signing computations shared by the verifier, the chunk-signature checker and the
 * presigned-URL generator: canonical request, string to sign, signing key, signature.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
 */
import { createHmac, hash } from 'node:crypto';
import { beyondLatin1, headerValues, type QueryPairs, type S3HttpRequest } from '../http-request';
import { canonicalQueryString, canonicalUri } from './uri-encoding';

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export function sha256Hex(data: string | Buffer): string {
  return hash('sha256', data, 'hex');
}

export function hmacSha256(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** `20240102/eu-west-1/s3/aws4_request` */
export interface CredentialScope {
  date: string;
  region: string;
  service: string;
}

export function scopeString(scope: CredentialScope): string {
  return `${scope.date}/${scope.region}/${scope.service}/aws4_request`;
}

/** Derived keys by secret and scope: a key is the same all day, so SDKs derive it once a day too. */
const derivedKeys = new Map<string, Buffer>();
const DERIVED_KEYS_KEPT = 256;

export function signingKey(secret: string, scope: CredentialScope): Buffer {
  const cacheKey = `${scopeString(scope)}\n${secret}`;
  const cached = derivedKeys.get(cacheKey);
  if (cached) return cached;
  const dateKey = hmacSha256(`AWS4${secret}`, scope.date);
  const regionKey = hmacSha256(dateKey, scope.region);
  const serviceKey = hmacSha256(regionKey, scope.service);
  const key = hmacSha256(serviceKey, 'aws4_request');
  // Bounded: scopes come from requests, so a flood of made-up dates must not grow it without end.
  if (derivedKeys.size >= DERIVED_KEYS_KEPT) derivedKeys.clear();
  derivedKeys.set(cacheKey, key);
  return key;
}

/** A value trimming and collapsing would change: whitespace at either end, in a run, or other than a space. */
const UNTRIMMED = /^\s|\s$|\s\s|[^\S ]/;

/** Header values trimmed with inner runs of spaces collapsed; repeated headers joined by ','. */
function canonicalHeaderValue(request: Pick<S3HttpRequest, 'rawHeaders'>, name: string): string {
  const values = headerValues(request, name);
  if (values.length === 1 && !UNTRIMMED.test(values[0])) return values[0];
  return values.map((value) => value.trim().replace(/\s+/g, ' ')).join(',');
}

export interface CanonicalRequestInput {
  request: S3HttpRequest;
  signedHeaders: readonly string[];
  payloadHash: string;
  /** Query parameters left out of the canonical query (X-Amz-Signature for presigned URLs). */
  excludeQuery?: ReadonlySet<string>;
  /** Overrides request.query (the generator signs a query it has not sent yet). */
  query?: QueryPairs;
}

export function canonicalRequest(input: CanonicalRequestInput): string {
  const { request, signedHeaders, payloadHash } = input;
  const headerLines = signedHeaders.map((name) => `${name}:${canonicalHeaderValue(request, name)}\n`).join('');
  return [
    request.method.toUpperCase(),
    canonicalUri(request.rawPath),
    canonicalQueryString(input.query ?? request.query, input.excludeQuery),
    headerLines,
    signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
}

/**
 * The bytes a canonical request stands for. node:http hands header values over one character per
 * byte received, and S3 signs the bytes: a client that sends UTF-8 metadata (botocore) verifies,
 * one that signs UTF-8 but sends Latin-1 bytes (the JS SDK with 'é' in metadata) is refused, as
 * S3 refuses it. Text beyond one byte per character never comes off the wire; it is UTF-8.
 */
export function canonicalRequestBytes(canonical: string): Buffer {
  return Buffer.from(canonical, beyondLatin1(canonical) ? 'utf8' : 'latin1');
}

export function stringToSign(amzDate: string, scope: CredentialScope, canonical: string): string {
  return [SIGV4_ALGORITHM, amzDate, scopeString(scope), sha256Hex(canonicalRequestBytes(canonical))].join('\n');
}

export function signatureOf(key: Buffer, toSign: string): string {
  return createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
}

/** S3 shows signed strings byte by byte in SignatureDoesNotMatch errors: "41 57 53 34 ...". */
export function spacedHexBytes(text: string | Buffer): string {
  return Array.from(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
}
