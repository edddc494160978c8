import type { IncomingMessage } from 'node:http';
import { withPresignedAmzHeaders } from '../../s3/auth/sigv2-verifier';
import { S3Error } from '../../s3/errors';
import { splitRequestTarget, type S3HttpRequest } from '../../s3/http-request';

/**
 * The kit hands every request over in origin-form (an absolute-form target is rewritten to it,
 * http-server.ts); what is left (`*`, a URI with user info) names no object.
 */
function originForm(target: string): string {
  if (target.startsWith('/')) return target;
  throw new S3Error('InvalidURI');
}

/** The raw path of a request target, read without parsing its query. */
export function rawPathOf(target: string): string {
  return originForm(target).split('?')[0];
}

/**
 * The request as its signature covers it: raw path, ordered query, raw headers (with those a
 * SigV2 presigned URL carries in its query).
 */
export function wireRequestOf(req: IncomingMessage): S3HttpRequest {
  return withPresignedAmzHeaders({ method: req.method ?? 'GET', rawHeaders: req.rawHeaders, ...splitRequestTarget(originForm(req.url ?? '/')) });
}
