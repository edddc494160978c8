/**
 * Generates SigV4 presigned URLs (path style, host signed, UNSIGNED-PAYLOAD), the same URLs
 * @aws-sdk/s3-request-presigner's S3RequestPresigner makes, for the mock's `GET /presigned-url` extra.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
 */
import type { QueryPairs } from '../http-request';
import { formatAmzDate } from './request-time';
import {
  canonicalRequest,
  scopeString,
  signatureOf,
  signingKey,
  stringToSign,
  SIGV4_ALGORITHM,
  UNSIGNED_PAYLOAD,
  type CredentialScope,
} from './sigv4-signing';
import { awsUriEncode } from './uri-encoding';

export interface PresignRequest {
  method: 'GET' | 'PUT';
  /** Where clients reach the mock, e.g. http://localhost:9000 (PRESIGNED_URL_BASE). */
  baseUrl: string;
  bucket: string;
  key: string;
  expiresInSeconds: number;
  accessKeyId: string;
  secret: string;
  region: string;
  now?: Date;
}

/**
 * The key as a URL path, its '/' kept for readable URLs; but a key with a '.' or '..' segment
 * ('a/../b.txt') has every '/' encoded: URL parsers remove such segments (RFC 3986 §5.2.4; the
 * WHATWG URL parser of fetch and browsers removes '%2E' ones too), so the URL would name another
 * path, whose signature fails. S3 reads '%2F' in a key as '/', and the signature covers the path
 * as sent. A key that is only '.' or '..' has no path a browser keeps.
 */
function keyPathOf(key: string): string {
  const segments = key.split('/');
  return segments.some((segment) => segment === '.' || segment === '..') ? awsUriEncode(key) : segments.map(awsUriEncode).join('/');
}

export function presignUrl(input: PresignRequest): string {
  const base = new URL(input.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const keyPath = keyPathOf(input.key);
  const rawPath = `${basePath}/${awsUriEncode(input.bucket)}/${keyPath}`;
  const now = input.now ?? new Date();
  const amzDate = formatAmzDate(now);
  const scope: CredentialScope = { date: amzDate.slice(0, 8), region: input.region, service: 's3' };
  const query: QueryPairs = [
    ['X-Amz-Algorithm', SIGV4_ALGORITHM],
    ['X-Amz-Content-Sha256', UNSIGNED_PAYLOAD],
    ['X-Amz-Credential', `${input.accessKeyId}/${scopeString(scope)}`],
    ['X-Amz-Date', amzDate],
    ['X-Amz-Expires', String(input.expiresInSeconds)],
    ['X-Amz-SignedHeaders', 'host'],
  ];
  const canonical = canonicalRequest({
    request: { method: input.method, rawPath, query, rawHeaders: ['host', base.host] },
    signedHeaders: ['host'],
    payloadHash: UNSIGNED_PAYLOAD,
  });
  const signature = signatureOf(signingKey(input.secret, scope), stringToSign(amzDate, scope, canonical));
  const queryString = [...query, ['X-Amz-Signature', signature] as const]
    .map(([name, value]) => `${name}=${awsUriEncode(value)}`)
    .join('&');
  return `${base.protocol}//${base.host}${rawPath}?${queryString}`;
}
