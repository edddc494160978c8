/**
 * x-amz-expiration on the answers about an object's current version (writes, GET and HEAD without
 * a versionId): when the bucket's lifecycle rules expire it and by which rule, as S3 tells it.
 */
import { storedLifecycleRules } from '../../s3/documents/lifecycle-documents';
import { hasQueryFlag } from '../../s3/http-request';
import { expirationHeaderValue, expiryOf } from '../../s3/lifecycle-rules';
import type { ObjectInfo } from '../../s3/store';
import type { S3Call } from './s3-call';

/**
 * Asked after a write has committed, so it never fails the request: a bucket deleted meanwhile
 * just gives no header.
 */
export async function expirationHeaders(call: S3Call, object: ObjectInfo): Promise<Record<string, string>> {
  if (hasQueryFlag(call.wire.query, 'versionId')) return {};
  const stored = await call.services.store.getBucketConfig(object.bucket, 'lifecycle').catch(() => undefined);
  const expiry = stored === undefined ? undefined : expiryOf(storedLifecycleRules(stored), object);
  return expiry ? { 'x-amz-expiration': expirationHeaderValue(expiry) } : {};
}
