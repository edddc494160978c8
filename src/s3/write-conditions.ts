/**
 * Conditional writes (PutObject, CopyObject, CompleteMultipartUpload): `If-None-Match: *` refuses
 * to overwrite, `If-Match` requires the current ETag. S3 takes one of the two, never both, and no
 * other value of If-None-Match nor `*` for If-Match: it answers those 501 NotImplemented.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
 */
import { normaliseEtag } from './conditional-request';
import { S3Error } from './errors';
import { header, type S3HttpRequest } from './http-request';
import type { WriteConditions } from './store/object-store';

function notImplemented(headerNames: string, additionalMessage: string): S3Error {
  return new S3Error('NotImplemented', 'A header you provided implies functionality that is not implemented', { Header: headerNames, additionalMessage });
}

export function writeConditions(wire: S3HttpRequest): WriteConditions {
  const ifNoneMatch = header(wire, 'if-none-match');
  const ifMatch = header(wire, 'if-match');
  if (ifNoneMatch !== undefined && ifMatch !== undefined) {
    throw notImplemented('If-Match,If-None-Match', 'Multiple conditional request headers present in the request');
  }
  if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*') {
    throw notImplemented('If-None-Match', "We don't accept the provided value of If-None-Match header for this API");
  }
  if (ifMatch !== undefined && ifMatch.trim() === '*') {
    throw notImplemented('If-Match', "We don't accept the provided value of If-Match header for this API");
  }
  return { ...(ifNoneMatch !== undefined ? { ifNoneMatch: '*' as const } : {}), ...(ifMatch !== undefined ? { ifMatch: normaliseEtag(ifMatch) } : {}) };
}
