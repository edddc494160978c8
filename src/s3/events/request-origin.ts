import type { Principal } from '../access/principals';
import type { S3RequestIds } from '../request-id';
import type { RequestOrigin } from './object-change';

/**
 * AWS's userIdentity.principalId: `AWS:<IAM user>` for an IAM user, the account for its root,
 * `Anonymous` for an unsigned request.
 */
function principalIdOf(principal: Principal): string {
  if (principal.kind === 'anonymous') return 'Anonymous';
  const user = /:user\/(.+)$/.exec(principal.arn)?.[1];
  return user ? `AWS:${user}` : principal.accountId;
}

/** The request behind a change, as its event reports it. */
export function requestOrigin(ids: S3RequestIds, principal: Principal, remoteAddress: string | undefined): RequestOrigin {
  return {
    requestId: ids.requestId,
    hostId: ids.hostId,
    principalId: principalIdOf(principal),
    // An IPv4 client of a dual-stack socket shows as ::ffff:a.b.c.d; S3 reports a.b.c.d.
    sourceIp: (remoteAddress ?? '').replace(/^::ffff:/, ''),
  };
}
