/**
 * The `versionId` query parameter of object requests. Which ids name a version is the store's
 * to say (a malformed one is InvalidArgument, a missing one NoSuchVersion); an empty one is
 * refused here, as S3 does.
 */
import { S3Error } from './errors';
import { queryValue, type QueryPairs } from './http-request';

export function versionIdParam(query: QueryPairs): string | undefined {
  const versionId = queryValue(query, 'versionId');
  if (versionId === '') throw new S3Error('InvalidArgument', 'Version id cannot be the empty string', { ArgumentName: 'versionId', ArgumentValue: '' });
  return versionId;
}
