/**
 * Objects here are unversioned: each has exactly one version, `null`, as in an S3 bucket that
 * never had versioning enabled (ListObjectVersions lists them so). A versionId other than `null`
 * names no version this server could have issued, and S3 answers such an id with InvalidArgument.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/AddingObjectstoVersionSuspendedBuckets.html
 */
import { S3Error } from './errors';
import { queryValue, type QueryPairs } from './http-request';

export const NULL_VERSION_ID = 'null';

export function isNullVersion(versionId: string | undefined): boolean {
  return versionId === undefined || versionId === NULL_VERSION_ID;
}

/** The ?versionId of an object request: absent or `null`, else InvalidArgument. */
export function assertNullVersionId(query: QueryPairs): void {
  const versionId = queryValue(query, 'versionId');
  if (!isNullVersion(versionId)) {
    throw new S3Error('InvalidArgument', 'Invalid version id specified', { ArgumentName: 'versionId', ArgumentValue: versionId ?? '' });
  }
}
