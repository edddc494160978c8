/**
 * The operations S3 refuses without a checksum of their body, and what counts as one: Content-MD5,
 * an x-amz-checksum-* value, or an x-amz-checksum-* trailer announced in x-amz-trailer. The AWS
 * SDKs send one wherever their model asks for it; S3 itself insists only here (PutBucketAcl,
 * PutBucketPolicy, PutBucketVersioning, PutObjectTagging and others take a body without one).
 * PutObject and UploadPart need one only for bytes Object Lock will retain (versioned-writes.ts).
 */
import type { S3Operation } from '../dispatch';
import { S3Error } from '../errors';
import { header, type S3HttpRequest } from '../http-request';
import { CHECKSUM_ALGORITHMS } from '../store/object-store';
import { announcedTrailers, headerChecksums } from './announced-checksums';

const MISSING = 'Missing required header for this request: Content-MD5 OR x-amz-checksum-*';

/** What S3 answers each operation that arrives without a checksum (lifecycle keeps S3's older wording). */
const CHECKSUM_REQUIRED: ReadonlyMap<S3Operation, string> = new Map([
  ['DeleteObjects', MISSING],
  ['PutBucketCors', MISSING],
  ['PutBucketTagging', MISSING],
  ['PutObjectLockConfiguration', MISSING],
  ['PutObjectRetention', MISSING],
  ['PutObjectLegalHold', MISSING],
  ['PutBucketLifecycleConfiguration', 'Missing required header for this request: Content-MD5'],
]);

const CHECKSUM_TRAILERS = new Set(CHECKSUM_ALGORITHMS.map((algorithm) => `x-amz-checksum-${algorithm}`));

/** Whether the request carries a checksum of its body (an algorithm named without a value is none). */
export function hasBodyChecksum(request: Pick<S3HttpRequest, 'rawHeaders'>): boolean {
  if (header(request, 'content-md5') !== undefined || Object.keys(headerChecksums(request)).length > 0) return true;
  return announcedTrailers(request).some((name) => CHECKSUM_TRAILERS.has(name));
}

/** InvalidRequest for an operation S3 takes only with a checksum, sent without one. */
export function assertRequiredChecksum(operation: S3Operation, request: S3HttpRequest): void {
  const message = CHECKSUM_REQUIRED.get(operation);
  if (message !== undefined && !hasBodyChecksum(request)) throw new S3Error('InvalidRequest', message);
}
