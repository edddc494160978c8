/**
 * The response headers that describe an object (GetObject, HeadObject) and the encryption headers
 * S3 echoes on writes, including the `response-*` query overrides.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html#API_GetObject_ResponseSyntax
 */
import { objectLockHeaders } from './documents/object-lock-documents';
import { restoreHeader } from './documents/restore-documents';
import { S3Error } from './errors';
import { beyondLatin1, queryValue, type QueryPairs } from './http-request';
import { mailSafeMetadata } from './metadata-encoding';
import type { ChecksumType, Checksums, ObjectInfo, ServerSideEncryption } from './store/object-store';

/** The mock's stand-in for the account's aws/s3 KMS key, echoed when aws:kms names no key. */
export function defaultKmsKeyId(region: string): string {
  return `arn:aws:kms:${region}:000000000000:alias/aws/s3`;
}

export const quoteEtag = (etag: string) => `"${etag}"`;
export const httpDate = (date: Date) => date.toUTCString();

/** `response-content-type=...` and friends replace the stored header in a GetObject answer. */
const OVERRIDES: ReadonlyArray<[query: string, header: string]> = [
  ['response-content-type', 'Content-Type'],
  ['response-content-language', 'Content-Language'],
  ['response-expires', 'Expires'],
  ['response-cache-control', 'Cache-Control'],
  ['response-content-disposition', 'Content-Disposition'],
  ['response-content-encoding', 'Content-Encoding'],
];

/** Whether the request asks for any response-* override. */
export function hasResponseOverrides(query: QueryPairs): boolean {
  return OVERRIDES.some(([name]) => queryValue(query, name) !== undefined);
}

export type HeaderMap = Record<string, string>;

export function encryptionHeaders(sse: ServerSideEncryption | undefined, region: string): HeaderMap {
  if (!sse) return {};
  const headers: HeaderMap = {};
  if (sse.algorithm) headers['x-amz-server-side-encryption'] = sse.algorithm;
  if (sse.algorithm?.startsWith('aws:kms')) headers['x-amz-server-side-encryption-aws-kms-key-id'] = sse.kmsKeyId ?? defaultKmsKeyId(region);
  if (sse.bucketKeyEnabled !== undefined) headers['x-amz-server-side-encryption-bucket-key-enabled'] = String(sse.bucketKeyEnabled);
  if (sse.customerAlgorithm) headers['x-amz-server-side-encryption-customer-algorithm'] = sse.customerAlgorithm;
  if (sse.customerKeyMd5) headers['x-amz-server-side-encryption-customer-key-MD5'] = sse.customerKeyMd5;
  return headers;
}

/** x-amz-checksum-* headers, and how the checksum was formed when `checksumType` is given. */
export function checksumHeaders(checksums: Checksums, checksumType?: ChecksumType): HeaderMap {
  const headers: HeaderMap = {};
  for (const [algorithm, value] of Object.entries(checksums)) if (value) headers[`x-amz-checksum-${algorithm}`] = value;
  if (checksumType && Object.keys(headers).length > 0) headers['x-amz-checksum-type'] = checksumType;
  return headers;
}

export function objectChecksumHeaders(object: Pick<ObjectInfo, 'checksums' | 'checksumType'>): HeaderMap {
  return checksumHeaders(object.checksums, object.checksumType ?? 'FULL_OBJECT');
}

/**
 * The checksums of what is served: the object's, or with partNumber the part's (with the object's
 * checksum type), as S3 answers part reads; none for a byte range, which no checksum describes.
 * A part's checksums count only in the object's algorithm (an upload created without one reports
 * none, as ListParts shows), and part 1 of an object uploaded whole is all of it (localstack's
 * recorded answers: test_get_object_part 'get-object-part', 'get-obj-no-multipart').
 */
function servedChecksumHeaders(object: ObjectInfo, options: ObjectHeaderOptions): HeaderMap {
  if (options.partNumber !== undefined && object.parts) {
    const part = object.parts.find((boundary) => boundary.partNumber === options.partNumber);
    const served = Object.entries(part?.checksums ?? {}).filter(([algorithm]) => algorithm in object.checksums);
    return checksumHeaders(Object.fromEntries(served), object.checksumType ?? 'FULL_OBJECT');
  }
  return options.partial && options.partNumber === undefined ? {} : objectChecksumHeaders(object);
}

export interface ObjectHeaderOptions {
  region: string;
  /** x-amz-checksum-mode: ENABLED asks for the stored checksums. */
  checksumMode: boolean;
  /** GetObject/HeadObject with partNumber report the part count of a multipart object. */
  partNumber?: number;
  /** A range or part is served: whole-object checksums do not describe it, so S3 omits them. */
  partial: boolean;
  query?: QueryPairs;
}

export function objectHeaders(object: ObjectInfo, options: ObjectHeaderOptions): HeaderMap {
  const headers: HeaderMap = {
    ETag: quoteEtag(object.etag),
    'Last-Modified': httpDate(object.lastModified),
    'Accept-Ranges': 'bytes',
    'Content-Type': object.contentType ?? 'binary/octet-stream',
  };
  if (object.contentEncoding) headers['Content-Encoding'] = object.contentEncoding;
  if (object.contentDisposition) headers['Content-Disposition'] = object.contentDisposition;
  if (object.contentLanguage) headers['Content-Language'] = object.contentLanguage;
  if (object.cacheControl) headers['Cache-Control'] = object.cacheControl;
  if (object.expires) headers.Expires = object.expires;
  for (const [name, value] of Object.entries(object.userMetadata ?? {})) headers[`x-amz-meta-${name}`] = mailSafeMetadata(value);
  if (object.storageClass && object.storageClass !== 'STANDARD') headers['x-amz-storage-class'] = object.storageClass;
  Object.assign(headers, restoreHeader(object.restoreExpiry));
  if (object.websiteRedirectLocation) headers['x-amz-website-redirect-location'] = object.websiteRedirectLocation;
  if (object.tags && object.tags.length > 0) headers['x-amz-tagging-count'] = String(object.tags.length);
  if (options.partNumber !== undefined && object.parts) headers['x-amz-mp-parts-count'] = String(object.parts.length);
  if (object.versionId !== undefined) headers['x-amz-version-id'] = object.versionId;
  Object.assign(headers, objectLockHeaders(object.lock));
  Object.assign(headers, encryptionHeaders(object.sse, options.region));
  if (options.checksumMode) Object.assign(headers, servedChecksumHeaders(object, options));
  // A response-* value is text decoded from the query's percent-encoded UTF-8, and S3 writes
  // headers in ISO-8859-1: 'é' is served as its one byte, a value it cannot hold is refused.
  for (const [query, name] of OVERRIDES) {
    const value = options.query && queryValue(options.query, query);
    if (value === undefined) continue;
    if (beyondLatin1(value)) {
      throw new S3Error('InvalidArgument', 'Header value cannot be represented using ISO-8859-1.', { ArgumentName: query, ArgumentValue: value });
    }
    headers[name] = value;
  }
  return headers;
}
