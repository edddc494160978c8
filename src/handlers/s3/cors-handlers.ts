/**
 * CORS for browsers: preflight answers (PreflightBucket / PreflightObject) and the
 * Access-Control-* headers on actual requests, from the bucket's CORS rules or the permissive
 * default when it has none.
 */
import type { Request, Response } from 'express';
import { matchCorsRule, PERMISSIVE_CORS_RULE, type CorsRequest } from '../../s3/cors-rules';
import { S3Error } from '../../s3/errors';
import { header } from '../../s3/http-request';
import type { CorsRule } from '../../s3/store';
import type { S3Call, S3Handler, S3Services } from './s3-call';

async function bucketRules(services: S3Services, bucket: string | undefined): Promise<readonly CorsRule[]> {
  if (bucket === undefined) return [PERMISSIVE_CORS_RULE];
  const rules = await services.store.getBucketConfig(bucket, 'cors').catch(() => undefined);
  return rules && rules.length > 0 ? rules : [PERMISSIVE_CORS_RULE];
}

function allowOrigin(res: Response, rule: CorsRule, origin: string): void {
  const wildcard = rule.allowedOrigins.includes('*');
  res.setHeader('Access-Control-Allow-Origin', wildcard && rule !== PERMISSIVE_CORS_RULE ? '*' : origin);
  if (!(wildcard && rule !== PERMISSIVE_CORS_RULE)) res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Vary', 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method');
}

/** Adds Access-Control-* headers to a cross-origin request that a rule allows. */
export async function applyCors(services: S3Services, req: Request, res: Response, bucket: string | undefined): Promise<void> {
  const origin = req.headers.origin;
  if (!origin || req.method === 'OPTIONS') return;
  const rule = matchCorsRule(await bucketRules(services, bucket), { origin, method: req.method, headers: [] });
  if (!rule) return;
  allowOrigin(res, rule, origin);
  if (rule.exposeHeaders && rule.exposeHeaders.length > 0) res.setHeader('Access-Control-Expose-Headers', rule.exposeHeaders.join(', '));
}

const preflight: S3Handler = async ({ services, wire, res, address }: S3Call) => {
  const origin = header(wire, 'origin');
  const method = header(wire, 'access-control-request-method');
  if (!origin || !method) {
    throw new S3Error('BadRequest', 'Insufficient information. Origin request header needed.');
  }
  const requested: CorsRequest = {
    origin,
    method,
    headers: (header(wire, 'access-control-request-headers') ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
  };
  const rule = matchCorsRule(await bucketRules(services, address.bucket), requested);
  if (!rule) throw new S3Error('AccessForbidden', undefined, { Method: method, ResourceType: address.key === undefined ? 'BUCKET' : 'OBJECT' });
  allowOrigin(res, rule, origin);
  res.setHeader('Access-Control-Allow-Methods', rule.allowedMethods.join(', '));
  if (requested.headers.length > 0) res.setHeader('Access-Control-Allow-Headers', requested.headers.join(', '));
  if (rule.exposeHeaders && rule.exposeHeaders.length > 0) res.setHeader('Access-Control-Expose-Headers', rule.exposeHeaders.join(', '));
  if (rule.maxAgeSeconds !== undefined) res.setHeader('Access-Control-Max-Age', String(rule.maxAgeSeconds));
  res.status(200).end();
};

export const corsHandlers = { PreflightBucket: preflight, PreflightObject: preflight };
