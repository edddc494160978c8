/**
 * CORS for browsers, from the bucket's CORS rules (or the S3_CORS_DEFAULT=permissive default for a
 * bucket without any): preflight answers (PreflightBucket / PreflightObject), the
 * Access-Control-* headers on actual requests, and the refusal of writes from pages those rules
 * do not allow.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors-troubleshooting.html
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { effectiveCorsRules, matchCorsRule, pageMayChange, type CorsRequest } from '../../s3/cors-rules';
import { S3Error } from '../../s3/errors';
import { header, type S3HttpRequest } from '../../s3/http-request';
import type { CorsRule } from '../../s3/store';
import type { S3Call, S3Handler, S3Services } from './s3-call';

/** The rules that decide for `bucket`; undefined when CORS is not enabled for it. */
async function bucketRules(services: S3Services, bucket: string | undefined): Promise<readonly CorsRule[] | undefined> {
  const configured = bucket === undefined ? undefined : await services.store.getBucketConfig(bucket, 'cors').catch(() => undefined);
  return effectiveCorsRules(configured, services.config.corsDefault);
}

/** A rule allowing any origin answers `*` (which browsers never combine with credentials); a named origin is echoed with credentials, as S3 does. */
function allowOrigin(res: ServerResponse, rule: CorsRule, origin: string): void {
  const anyOrigin = rule.allowedOrigins.includes('*');
  res.setHeader('Access-Control-Allow-Origin', anyOrigin ? '*' : origin);
  if (!anyOrigin) res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Vary', 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method');
}

/** What the rule answers to any request it allows: its methods, the headers it exposes, its max age. */
function ruleHeaders(res: ServerResponse, rule: CorsRule): void {
  res.setHeader('Access-Control-Allow-Methods', rule.allowedMethods.join(', '));
  if (rule.exposeHeaders && rule.exposeHeaders.length > 0) res.setHeader('Access-Control-Expose-Headers', rule.exposeHeaders.join(', '));
  if (rule.maxAgeSeconds !== undefined) res.setHeader('Access-Control-Max-Age', String(rule.maxAgeSeconds));
}

/** Access-Control-Request-Headers as a list of lower-case names. */
function requestedHeaders(value: string | undefined): string[] {
  return (value ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
}

/**
 * Adds Access-Control-* headers to a cross-origin request that a rule allows: the rule's methods
 * and max age too, as S3 sends them on actual requests as on preflights. A request that carries
 * Access-Control-Request-Method or -Headers is judged by them, as its preflight would be: a GET
 * naming a method or header no rule allows gets no CORS headers (the answers localstack recorded
 * from S3).
 */
export async function applyCors(services: S3Services, req: IncomingMessage, res: ServerResponse, bucket: string | undefined): Promise<void> {
  const origin = req.headers.origin;
  if (!origin || req.method === 'OPTIONS') return;
  const method = req.headers['access-control-request-method'] ?? req.method ?? 'GET';
  const headers = requestedHeaders(req.headers['access-control-request-headers']);
  const rule = matchCorsRule((await bucketRules(services, bucket)) ?? [], { origin, method, headers });
  if (!rule) return;
  allowOrigin(res, rule, origin);
  ruleHeaders(res, rule);
}

/**
 * Refuses a request from a web page (it carries Origin) that would change something the bucket's
 * CORS rules do not allow that page to change, before any side effect (README, "S3 mock:
 * browsers"). A signed request is refused only as a POST from a page of an origin CORS_ORIGIN
 * does not trust: the default credentials are public, so any page can sign a POST form or a
 * presigned POST with them, and browsers send a POST without a preflight. Every other signed
 * write from a page is preflighted first, and the bucket's rules answer that preflight.
 */
export async function assertPageMayChange(services: S3Services, wire: S3HttpRequest, bucket: string | undefined, signed: boolean): Promise<void> {
  const origin = header(wire, 'origin');
  if (origin === undefined) return;
  if (signed && (wire.method !== 'POST' || services.trustedOrigin(origin))) return;
  if (pageMayChange(await bucketRules(services, bucket), { origin, method: wire.method })) return;
  throw new S3Error('AccessDenied', `${signed ? 'Signed' : 'Unsigned'} requests from pages of ${origin} may not ${wire.method} here: no CORS rule of the bucket allows it`);
}

/**
 * S3 refuses a preflight to a bucket without CORS rules, or without existence, as one of the
 * bucket whatever the key, and whether or not it names a method (OPTIONS when it names none).
 */
async function refusalWithoutRules(services: S3Services, bucket: string | undefined, method: string | undefined): Promise<S3Error> {
  const exists = bucket !== undefined && (await services.store.headBucket(bucket).then(() => true, () => false));
  const message = exists ? 'CORSResponse: CORS is not enabled for this bucket.' : 'CORSResponse: Bucket not found';
  return new S3Error('AccessForbidden', message, { Method: method ?? 'OPTIONS', ResourceType: 'BUCKET' });
}

const preflight: S3Handler = async ({ services, wire, res, address }: S3Call) => {
  const origin = header(wire, 'origin');
  const method = header(wire, 'access-control-request-method');
  if (!origin) throw new S3Error('BadRequest', 'Insufficient information. Origin request header needed.');
  const rules = await bucketRules(services, address.bucket);
  if (rules === undefined) throw await refusalWithoutRules(services, address.bucket, method);
  if (!method) throw new S3Error('BadRequest', 'Insufficient information. Origin request header needed.');
  const requested: CorsRequest = {
    origin,
    method,
    headers: requestedHeaders(header(wire, 'access-control-request-headers')),
  };
  const fields = { Method: method, ResourceType: address.key === undefined ? 'BUCKET' : 'OBJECT' };
  const rule = matchCorsRule(rules, requested);
  if (!rule) throw new S3Error('AccessForbidden', undefined, fields);
  allowOrigin(res, rule, origin);
  ruleHeaders(res, rule);
  if (requested.headers.length > 0) res.setHeader('Access-Control-Allow-Headers', requested.headers.join(', '));
  res.status(200).end();
};

export const corsHandlers = { PreflightBucket: preflight, PreflightObject: preflight };
