/**
 * Auth as one layer in front of every S3 operation (s3rver's authentication middleware, without
 * express): picks the scheme a request uses and verifies it against the configured credentials.
 * A request may carry one mechanism only, as in S3.
 */
import { S3Error } from '../errors';
import { hasQueryFlag, header, type S3HttpRequest } from '../http-request';
import type { Credentials } from './credentials';
import { verifySigV2Header, verifySigV2Query } from './sigv2-verifier';
import { SIGV4_ALGORITHM } from './sigv4-signing';
import { verifySigV4Header, verifySigV4Query, type SigV4Context } from './sigv4-verifier';

export type Authentication =
  | { scheme: 'anonymous' }
  | { scheme: 'sigv4'; accessKeyId: string; presigned: boolean; context: SigV4Context }
  | { scheme: 'sigv2'; accessKeyId: string; presigned: boolean };

export interface AuthenticatorOptions {
  credentials: Credentials;
  now?: () => Date;
}

export interface AuthenticateOptions {
  virtualHostBucket?: string;
}

export type Authenticator = (request: S3HttpRequest, options?: AuthenticateOptions) => Authentication;

/**
 * Unsigned requests are anonymous: whether they may proceed is the access decision's
 * (src/s3/access). An Authorization header that is present but empty is no anonymous request;
 * S3 refuses it.
 */
export function createAuthenticator({ credentials, now = () => new Date() }: AuthenticatorOptions): Authenticator {
  return (request, options = {}) => {
    const authorization = header(request, 'authorization');
    const v4Query = hasQueryFlag(request.query, 'X-Amz-Algorithm') || hasQueryFlag(request.query, 'X-Amz-Signature');
    const v2Query = hasQueryFlag(request.query, 'Signature') || hasQueryFlag(request.query, 'AWSAccessKeyId');
    if ([authorization !== undefined, v4Query, v2Query].filter(Boolean).length > 1) {
      throw new S3Error(
        'InvalidArgument',
        'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
        { ArgumentName: 'Authorization', ArgumentValue: authorization ?? '' },
      );
    }
    const time = now();
    if (authorization !== undefined && authorization.trim() === '') throw new S3Error('AccessDenied');
    if (authorization !== undefined) {
      if (authorization.startsWith(`${SIGV4_ALGORITHM} `)) {
        const context = verifySigV4Header(request, authorization, credentials, time);
        return { scheme: 'sigv4', accessKeyId: context.accessKeyId, presigned: false, context };
      }
      if (authorization.startsWith('AWS ')) {
        const accessKeyId = verifySigV2Header({ request, credentials, now: time, virtualHostBucket: options.virtualHostBucket }, authorization);
        return { scheme: 'sigv2', accessKeyId, presigned: false };
      }
      throw new S3Error('InvalidArgument', 'Unsupported Authorization Type', {
        ArgumentName: 'Authorization',
        ArgumentValue: authorization,
      });
    }
    if (v4Query) {
      const context = verifySigV4Query(request, credentials, time);
      return { scheme: 'sigv4', accessKeyId: context.accessKeyId, presigned: true, context };
    }
    if (v2Query) {
      const accessKeyId = verifySigV2Query({ request, credentials, now: time, virtualHostBucket: options.virtualHostBucket });
      return { scheme: 'sigv2', accessKeyId, presigned: true };
    }
    return { scheme: 'anonymous' };
  };
}
