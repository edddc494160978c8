/**
 * What every object write (PutObject, CopyObject, CreateMultipartUpload, CompleteMultipartUpload,
 * POST Object) shares about versions and Object Lock: the lock headers it may carry and the
 * version id it answers with.
 */
import { hasBodyChecksum } from '../../s3/body/required-checksums';
import { objectLockFromRequest } from '../../s3/documents/object-lock-documents';
import { S3Error } from '../../s3/errors';
import { NULL_VERSION_ID, type MultipartUpload, type ObjectInfo, type ObjectMetadata } from '../../s3/store';
import { bucketOf, type S3Call } from './s3-call';

/** S3 takes bytes that Object Lock will retain only with Content-MD5 or a checksum to verify them by. */
function integrityRequired(operation: 'Put Object' | 'Upload Part'): S3Error {
  return new S3Error('InvalidRequest', `Content-MD5 OR x-amz-checksum- HTTP header is required for ${operation} requests with Object Lock parameters`);
}

/**
 * The request's metadata with its Object Lock headers, which need an Object Lock bucket. A write
 * that carries the bytes (`needsChecksum`) needs Content-MD5 or a checksum when they will be
 * retained: lock headers, or the bucket's default retention. The bucket is read only when lock
 * headers are present or the request has neither (the AWS SDKs send a checksum by default).
 */
export async function versionedWriteMetadata(call: S3Call, metadata: ObjectMetadata, options: { needsChecksum: boolean }): Promise<ObjectMetadata> {
  const lock = objectLockFromRequest(call.wire);
  const unverified = options.needsChecksum && !hasBodyChecksum(call.wire);
  if (!lock && !unverified) return metadata;
  const config = await call.services.store.getBucketConfig(bucketOf(call), 'objectLock');
  if (lock && !config) throw new S3Error('InvalidRequest', 'Bucket is missing ObjectLockConfiguration', { BucketName: bucketOf(call) });
  if (unverified && (lock || config?.rule)) throw integrityRequired('Put Object');
  return lock ? { ...metadata, lock } : metadata;
}

/** UploadPart: a part of an upload whose object will be retained (its lock headers, or the bucket's default) needs Content-MD5 or a checksum. */
export async function assertPartVerifiable(call: S3Call, upload: MultipartUpload): Promise<void> {
  if (hasBodyChecksum(call.wire)) return;
  if (upload.metadata.lock?.mode || (await call.services.store.getBucketConfig(upload.bucket, 'objectLock'))?.rule) throw integrityRequired('Upload Part');
}

/** The id of a version a versioning-enabled bucket made; none for a null version or an object of a never-versioned bucket. */
export function ownVersionId(object: Pick<ObjectInfo, 'versionId'>): string | undefined {
  return object.versionId !== NULL_VERSION_ID ? object.versionId : undefined;
}

/** x-amz-version-id of a write's answer: a versioning-enabled bucket's new version (none for a null version). */
export function versionHeaders(object: Pick<ObjectInfo, 'versionId'>): Record<string, string> {
  const versionId = ownVersionId(object);
  return versionId !== undefined ? { 'x-amz-version-id': versionId } : {};
}
