/**
 * Conditional deletes: If-Match (an ETag or `*`), as S3 has them on general purpose buckets, and
 * the last-modified time and size it documents for directory buckets, evaluated against the
 * version the delete removes (the current one without a versionId). A missing object (or a delete
 * marker) fails If-Match with NoSuchKey; the time and size alone let a delete of nothing succeed,
 * as S3 documents.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-deletes.html
 */
import { NoSuchKey, PreconditionFailed } from './errors';
import type { DeleteConditions, ObjectInfo } from './object-store';

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** Throws what S3 answers when `conditions` do not hold for `target` (undefined: no such object, or a delete marker). */
export function assertDeleteConditions(conditions: DeleteConditions, bucket: string, key: string, target: ObjectInfo | undefined): void {
  if (!target) {
    if (conditions.ifMatch !== undefined) throw new NoSuchKey(key);
    return;
  }
  if (conditions.ifMatch !== undefined && conditions.ifMatch !== '*' && conditions.ifMatch !== target.etag) throw new PreconditionFailed('If-Match');
  if (conditions.lastModified !== undefined && seconds(conditions.lastModified) !== seconds(target.lastModified)) {
    throw new PreconditionFailed('x-amz-if-match-last-modified-time');
  }
  if (conditions.size !== undefined && conditions.size !== target.size) throw new PreconditionFailed('x-amz-if-match-size');
}
