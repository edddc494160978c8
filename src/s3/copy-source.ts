/**
 * CopyObject and UploadPartCopy: the `x-amz-copy-source` header, its conditions, the metadata and
 * tagging directives, and S3's rule against copying an object onto itself unchanged.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html
 */
import { evaluatePreconditions } from './conditional-request';
import { S3Error } from './errors';
import { header, type S3HttpRequest } from './http-request';
import type { ObjectInfo, ObjectMetadata, RangeRequest } from './store/object-store';

export interface CopySource {
  bucket: string;
  key: string;
  /** ?versionId= of the copy source: that version instead of the latest. */
  versionId?: string;
}

const invalid = (message: string, value: string) =>
  new S3Error('InvalidArgument', message, { ArgumentName: 'x-amz-copy-source', ArgumentValue: value });

/** `bucket/key`, `/bucket/key` or `bucket/key?versionId=id`, URL-encoded. */
export function parseCopySource(request: S3HttpRequest): CopySource {
  const raw = header(request, 'x-amz-copy-source') ?? '';
  const [path, query = ''] = raw.split('?');
  const versionId = /(?:^|&)versionId=([^&]*)/.exec(query)?.[1];
  if (versionId === '') throw invalid('Invalid version id specified', raw);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path).replace(/^\//, '');
  } catch {
    throw invalid('Invalid copy source encoding', raw);
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) {
    // S3 gives the header's name as its value here (localstack's recorded answer:
    // test_s3_copy_object_wrong_format 'copy-object-wrong-copy-source').
    throw invalid('Invalid copy source object key', 'x-amz-copy-source');
  }
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1), ...(versionId !== undefined ? { versionId } : {}) };
}

/**
 * x-amz-copy-source-if-*: any failing condition (including a "not modified") is a 412 whose
 * Condition names the header that failed, as S3's does (x-amz-copy-source-If-None-Match).
 */
export function assertCopySourceConditions(request: S3HttpRequest, source: ObjectInfo): void {
  const outcome = evaluatePreconditions(
    {
      ifMatch: header(request, 'x-amz-copy-source-if-match'),
      ifNoneMatch: header(request, 'x-amz-copy-source-if-none-match'),
      ifModifiedSince: header(request, 'x-amz-copy-source-if-modified-since'),
      ifUnmodifiedSince: header(request, 'x-amz-copy-source-if-unmodified-since'),
    },
    source.etag,
    source.lastModified,
  );
  if (outcome.kind !== 'proceed') throw new S3Error('PreconditionFailed', undefined, { Condition: `x-amz-copy-source-${outcome.condition}` });
}

function directive(request: S3HttpRequest, name: string): 'COPY' | 'REPLACE' {
  const value = (header(request, name) ?? 'COPY').toUpperCase();
  if (value !== 'COPY' && value !== 'REPLACE') throw new S3Error('InvalidArgument', `Unknown ${name}.`, { ArgumentName: name, ArgumentValue: value });
  return value;
}

/**
 * The copy's metadata: the source's (COPY, the default) or the request's (REPLACE); tags likewise
 * by x-amz-tagging-directive; encryption and storage class from the request when it names them.
 * A website redirect location is never copied: the copy has the one its request gives, if any.
 */
export function copyMetadata(request: S3HttpRequest, source: ObjectInfo, requested: ObjectMetadata, target: CopySource): ObjectMetadata {
  const metadataDirective = directive(request, 'x-amz-metadata-directive');
  const taggingDirective = directive(request, 'x-amz-tagging-directive');
  // Copying a named version onto its own key restores it: that is a change.
  const namesVersion = /[?&]versionId=/.test(header(request, 'x-amz-copy-source') ?? '');
  const sameObject = source.bucket === target.bucket && source.key === target.key && !namesVersion;
  // A new checksum algorithm is a change too: S3's way to add a checksum to an existing object.
  const newChecksum = header(request, 'x-amz-checksum-algorithm') !== undefined;
  // So is a copy of an SSE-C object that names no customer key for itself: it decrypts it in place.
  const dropsCustomerKey = source.sse?.customerAlgorithm !== undefined && requested.sse?.customerAlgorithm === undefined;
  if (sameObject && metadataDirective === 'COPY' && !requested.sse && !requested.storageClass && !requested.websiteRedirectLocation && !newChecksum && !dropsCustomerKey) {
    throw new S3Error(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  const base: ObjectMetadata =
    metadataDirective === 'REPLACE'
      ? requested
      : {
          contentType: source.contentType,
          contentEncoding: source.contentEncoding,
          contentDisposition: source.contentDisposition,
          contentLanguage: source.contentLanguage,
          cacheControl: source.cacheControl,
          expires: source.expires,
          userMetadata: source.userMetadata,
        };
  return {
    ...base,
    sse: requested.sse,
    storageClass: requested.storageClass ?? source.storageClass,
    websiteRedirectLocation: requested.websiteRedirectLocation,
    tags: taggingDirective === 'REPLACE' ? requested.tags : source.tags,
  };
}

/** x-amz-copy-source-range: `bytes=first-last`, both required (UploadPartCopy). */
export function copySourceRange(request: S3HttpRequest, sourceSize: number): RangeRequest | undefined {
  const value = header(request, 'x-amz-copy-source-range');
  if (value === undefined) return undefined;
  const match = /^bytes=(\d+)-(\d+)$/.exec(value.trim());
  const argument = { ArgumentName: 'x-amz-copy-source-range', ArgumentValue: value };
  if (!match || Number(match[2]) < Number(match[1])) {
    throw new S3Error('InvalidArgument', 'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy', argument);
  }
  // A well-formed range beyond the source is a 400 on S3, not GetObject's 416 InvalidRange: one that
  // starts beyond it InvalidRequest, one that only ends beyond it InvalidArgument naming the size.
  if (Number(match[1]) >= sourceSize) throw new S3Error('InvalidRequest', 'The specified copy range is invalid for the source object size');
  if (Number(match[2]) >= sourceSize) throw new S3Error('InvalidArgument', `Range specified is not valid for source object of size: ${sourceSize}`, argument);
  return { start: Number(match[1]), end: Number(match[2]) };
}
