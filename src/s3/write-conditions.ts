/**
 * Conditional writes (PutObject, CopyObject, CompleteMultipartUpload): `If-None-Match: *` refuses
 * to overwrite, `If-Match` requires the current ETag. S3 supports no other If-None-Match value.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
 */
import { normaliseEtag } from './conditional-request';
import { S3Error } from './errors';
import { header, type S3HttpRequest } from './http-request';
import type { WriteConditions } from './store/object-store';

export function writeConditions(wire: S3HttpRequest): WriteConditions {
  const ifNoneMatch = header(wire, 'if-none-match');
  const ifMatch = header(wire, 'if-match');
  if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*') {
    throw new S3Error('NotImplemented', 'A header you provided implies functionality that is not implemented', { Header: 'If-None-Match' });
  }
  return { ...(ifNoneMatch !== undefined ? { ifNoneMatch: '*' as const } : {}), ...(ifMatch !== undefined ? { ifMatch: normaliseEtag(ifMatch) } : {}) };
}
