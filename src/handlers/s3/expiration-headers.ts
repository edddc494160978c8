/**
 * x-amz-expiration on the answers about an object's current version (writes, GET and HEAD without
 * a versionId): when the bucket's lifecycle rules expire it and by which rule, as S3 tells it.
 */
import { storedLifecycleRules } from '../../s3/documents/lifecycle-documents';
import { expirationHeaderValue, expiryOf } from '../../s3/lifecycle-rules';
import type { ObjectInfo } from '../../s3/store';
import { versionIdParam } from '../../s3/version-id';
import type { S3Call } from './s3-call';

export async function expirationHeaders(call: S3Call, object: ObjectInfo): Promise<Record<string, string>> {
  if (versionIdParam(call.wire.query) !== undefined) return {};
  const stored = await call.services.store.getBucketConfig(object.bucket, 'lifecycle');
  const expiry = stored === undefined ? undefined : expiryOf(storedLifecycleRules(stored), object);
  return expiry ? { 'x-amz-expiration': expirationHeaderValue(expiry) } : {};
}
