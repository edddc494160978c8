/**
 * What every object write (PutObject, CopyObject, CreateMultipartUpload, CompleteMultipartUpload,
 * POST Object) shares about versions and Object Lock: the lock headers it may carry and the
 * version id it answers with.
 */
import { objectLockFromRequest } from '../../s3/documents/object-lock-documents';
import { S3Error } from '../../s3/errors';
import { NULL_VERSION_ID, type ObjectInfo, type ObjectMetadata } from '../../s3/store';
import { bucketOf, type S3Call } from './s3-call';

const INTEGRITY_HEADER = /^(content-md5|x-amz-checksum-|x-amz-sdk-checksum-algorithm$|x-amz-trailer$)/i;

/**
 * The request's metadata with its Object Lock headers, which need an Object Lock bucket and,
 * on a write that carries the bytes, Content-MD5 or a checksum (as S3 requires). The bucket is
 * read only when lock headers are present.
 */
export async function versionedWriteMetadata(call: S3Call, metadata: ObjectMetadata, options: { needsChecksum: boolean }): Promise<ObjectMetadata> {
  const lock = objectLockFromRequest(call.wire);
  if (!lock) return metadata;
  if (!(await call.services.store.getBucketConfig(bucketOf(call), 'objectLock'))) {
    throw new S3Error('InvalidRequest', 'Bucket is missing ObjectLockConfiguration', { BucketName: bucketOf(call) });
  }
  if (options.needsChecksum && !call.wire.rawHeaders.some((name, i) => i % 2 === 0 && INTEGRITY_HEADER.test(name))) {
    throw new S3Error('InvalidRequest', 'Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters');
  }
  return { ...metadata, lock };
}

/** x-amz-version-id of a write's answer: a versioning-enabled bucket's new version (none for a null version). */
export function versionHeaders(object: Pick<ObjectInfo, 'versionId'>): Record<string, string> {
  return object.versionId !== undefined && object.versionId !== NULL_VERSION_ID ? { 'x-amz-version-id': object.versionId } : {};
}
