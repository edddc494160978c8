/**
 * Which CORS rule allows a browser request, as S3 evaluates a bucket's CORS configuration (first
 * matching rule wins; '*' is a wildcard in origins and headers). A bucket without a configuration
 * gets a permissive default, so a browser can use presigned URLs against the mock out of the box.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html#cors-eval-criteria
 */
import type { CorsRule } from './store/object-store';

export const PERMISSIVE_CORS_RULE: CorsRule = {
  allowedOrigins: ['*'],
  allowedMethods: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  allowedHeaders: ['*'],
  exposeHeaders: [
    'ETag', 'Content-Length', 'Content-Range', 'Content-Type', 'Last-Modified', 'x-amz-request-id', 'x-amz-id-2',
    'x-amz-version-id', 'x-amz-server-side-encryption', 'x-amz-checksum-crc32', 'x-amz-checksum-crc32c',
    'x-amz-checksum-crc64nvme', 'x-amz-checksum-sha1', 'x-amz-checksum-sha256',
  ],
  maxAgeSeconds: 3000,
};

function wildcardMatches(pattern: string, value: string): boolean {
  const escaped = pattern.toLowerCase().split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`).test(value.toLowerCase());
}

export interface CorsRequest {
  origin: string;
  method: string;
  /** Access-Control-Request-Headers of a preflight, lower-cased. */
  headers: string[];
}

export function matchCorsRule(rules: readonly CorsRule[], request: CorsRequest): CorsRule | undefined {
  return rules.find(
    (rule) =>
      rule.allowedOrigins.some((origin) => wildcardMatches(origin, request.origin)) &&
      rule.allowedMethods.includes(request.method.toUpperCase()) &&
      request.headers.every((name) => (rule.allowedHeaders ?? []).some((allowed) => wildcardMatches(allowed, name))),
  );
}
