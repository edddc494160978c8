/**
 * S3_AUTH=strict covers the mock's own endpoints that hand out or change things (`/presigned-url`,
 * `/admin/*`): their security scheme `awsSigV4` (openapi/s3-mock.yaml) is checked here by the S3
 * authenticator itself, so a request signed as the AWS SDKs sign S3 requests (Authorization
 * header, or a presigned URL's query) passes. Refusals are problem+json: 401 for a request that
 * carries no signature, 403 for one whose signature the authenticator refuses, with S3's error
 * code in `code`, and 403 for a key of another account (S3_PRINCIPALS): these endpoints reset
 * and sign for the owner. Under S3_AUTH=open these endpoints stay open, whatever headers come along.
 */
import type { Context } from 'openapi-backend';
import type { Request } from 'express';
import { HttpProblem, type Handler } from '../../kit';
import type { Authentication } from '../../s3/auth/authenticator';
import { S3Error } from '../../s3/errors';
import type { S3Services } from './s3-call';
import { wireRequestOf } from './wire-request';

/**
 * The awsSigV4 check of one request, also for the routes served ahead of the router (the event
 * stream): true under S3_AUTH=open, else the verified authentication, or a 401/403 problem.
 */
export function authorizeExtra(services: S3Services, req: Request): true | Authentication {
  if (services.config.auth === 'open') return true;
  let auth: Authentication;
  try {
    auth = services.authenticate(wireRequestOf(req));
  } catch (error) {
    if (error instanceof S3Error) throw new HttpProblem(403, 'Forbidden', `${error.code}: ${error.message}`, { code: error.code });
    throw error;
  }
  if (auth.scheme === 'anonymous') {
    throw new HttpProblem(401, 'Unauthorized', 'S3_AUTH=strict: sign the request with SigV4 and a key of S3_CREDENTIALS, as the AWS SDKs sign S3 requests (or use a presigned URL)', {}, {
      'www-authenticate': 'AWS4-HMAC-SHA256',
    });
  }
  const principal = services.access.principalOf(auth);
  if (principal.accountId !== services.access.directory.accountId) {
    throw new HttpProblem(403, 'Forbidden', `S3_AUTH=strict: only the owner account's keys may use the mock's own endpoints; ${principal.arn} is another account (S3_PRINCIPALS)`);
  }
  return auth;
}

export function extrasSecurityHandlers(services: S3Services): Record<string, Handler> {
  return {
    awsSigV4: (_c: Context, req: Request) => authorizeExtra(services, req),
  };
}
