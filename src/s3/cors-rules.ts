/**
 * Which CORS rule allows a browser request, as S3 evaluates a bucket's CORS configuration (first
 * matching rule wins; '*' is a wildcard in origins and headers). A bucket without a configuration
 * allows no cross-origin request, as on AWS, unless S3_CORS_DEFAULT=permissive gives it
 * PERMISSIVE_CORS_RULE.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html#cors-eval-criteria
 */
import type { CorsRule } from './store/object-store';
import { wildcardMatch } from './wildcard-match';

/** S3_CORS_DEFAULT: what a bucket without a CORS configuration allows. */
export type CorsDefault = 'none' | 'permissive';

/** Any origin (answered `*`, so never with credentials), the five methods S3 rules can name, any header. */
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

/** Origins and header names compare case-insensitively; `?` is itself. */
function wildcardMatches(pattern: string, value: string): boolean {
  return wildcardMatch(pattern.toLowerCase(), value.toLowerCase());
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

/** The rules that decide for a bucket: its configuration, else the default; undefined when CORS is not enabled. */
export function effectiveCorsRules(configured: readonly CorsRule[] | undefined, fallback: CorsDefault): readonly CorsRule[] | undefined {
  if (configured !== undefined && configured.length > 0) return configured;
  return fallback === 'permissive' ? [PERMISSIVE_CORS_RULE] : undefined;
}

/** RFC 9110 §9.2.1: the methods that change nothing on the server. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether an unsigned request carrying Origin, so sent by a web page, may change something: only
 * where a CORS rule allows its origin and method. Under S3_AUTH=open the mock takes unsigned
 * requests, and a browser sends a cross-origin form POST (or a fetch without preflight) before any
 * CORS check, so without this any page the developer visits could write to or delete from buckets.
 */
export function pageMayChange(rules: readonly CorsRule[] | undefined, request: { origin: string; method: string }): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return true;
  return rules !== undefined && matchCorsRule(rules, { ...request, headers: [] }) !== undefined;
}

