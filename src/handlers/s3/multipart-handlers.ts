/**
 * Multipart uploads: create, upload parts, list parts and uploads, complete, abort.
 * Part bodies are decoded while they stream, as PutObject bodies are.
 */
import { checksumAlgorithmHeader, headerChecksums } from '../../s3/body/announced-checksums';
import { openRequestPayload } from '../../s3/body/request-payload';
import { urlEncodingRequested } from '../../s3/documents/key-encoding';
import {
  completeResult,
  initiateResult,
  listPartsResult,
  listUploadsResult,
  parseCompleteRequest,
  type UploadInitiator,
  type UploadsListing,
} from '../../s3/documents/multipart-documents';
import { assertCustomerKeyMatches } from '../../s3/customer-key-check';
import { S3Error } from '../../s3/errors';
import { header, queryValue, type S3HttpRequest } from '../../s3/http-request';
import { checksumHeaders, encryptionHeaders, quoteEtag } from '../../s3/object-headers';
import { assertValidKey, metadataFromRequest, serverSideEncryption } from '../../s3/object-metadata';
import { integerParam, requiredPartNumber } from '../../s3/part-number';
import { discardSource, uploadChecksumType, type ChecksumAlgorithm, type ChecksumType, type MultipartUpload } from '../../s3/store';
import { writeConditions } from '../../s3/write-conditions';
import { writtenObjectAcl } from './access-control-handlers';
import { expirationHeaders } from './expiration-headers';
import { bucketOf, keyOf, objectLocation, originOf, type S3Call, type S3Handler } from './s3-call';
import { sendXml, setHeaders } from './s3-responses';
import { assertPartVerifiable, versionedWriteMetadata, versionHeaders } from './versioned-writes';
import { readXmlBody } from './xml-request-body';

const MAX_LISTED = 1000;

function uploadIdOf(wire: S3HttpRequest): string {
  const uploadId = queryValue(wire.query, 'uploadId');
  if (!uploadId) throw new S3Error('NoSuchUpload', undefined, { UploadId: uploadId ?? '' });
  return uploadId;
}

function checksumTypeOf(wire: S3HttpRequest): ChecksumType | undefined {
  const value = header(wire, 'x-amz-checksum-type')?.toUpperCase();
  if (value === undefined) return undefined;
  if (value !== 'COMPOSITE' && value !== 'FULL_OBJECT') throw new S3Error('InvalidRequest', 'Value for x-amz-checksum-type header is invalid.');
  return value;
}

/**
 * x-amz-mp-object-size on CompleteMultipartUpload: the object's expected size in bytes, a
 * non-negative integer (InvalidRequest otherwise).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html
 */
function expectedObjectSizeOf(wire: S3HttpRequest): number | undefined {
  const value = header(wire, 'x-amz-mp-object-size');
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(Number(value))) {
    throw new S3Error('InvalidRequest', `Value for x-amz-mp-object-size header is invalid: '${value}'`);
  }
  const size = Number(value);
  if (size < 0) throw new S3Error('InvalidRequest', `Value for x-amz-mp-object-size header is less than zero: '${value}'`);
  return size;
}

/** The upload's checksum algorithm and type (uploadChecksumType), checked before its metadata and ACL are. */
function uploadChecksumOf(wire: S3HttpRequest): { checksumAlgorithm?: ChecksumAlgorithm; checksumType?: ChecksumType } {
  const checksumAlgorithm = checksumAlgorithmHeader(wire);
  return { checksumAlgorithm, checksumType: uploadChecksumType(checksumAlgorithm, checksumTypeOf(wire)) };
}

const CreateMultipartUpload: S3Handler = async (call) => {
  const key = keyOf(call);
  assertValidKey(key);
  const upload = await call.services.store.createMultipartUpload({
    bucket: bucketOf(call),
    key,
    // The ACL is the upload's until Complete gives it to the object.
    metadata: { ...(await versionedWriteMetadata(call, metadataFromRequest(call.wire), { needsChecksum: false })), ...(await writtenObjectAcl(call)) },
    ...uploadChecksumOf(call.wire),
  });
  setHeaders(call.res, encryptionHeaders(upload.metadata.sse, call.services.config.region));
  if (upload.checksumAlgorithm) setHeaders(call.res, { 'x-amz-checksum-algorithm': upload.checksumAlgorithm.toUpperCase(), 'x-amz-checksum-type': upload.checksumType ?? 'COMPOSITE' });
  sendXml(call.res, 'InitiateMultipartUploadResult', initiateResult(upload));
};

/**
 * The upload a part goes to, checked before its body is read: an SSE-C upload needs its customer
 * key on every part (as S3 requires). Its encryption is echoed on the part's answer.
 */
export async function uploadOfPart(call: S3Call): Promise<MultipartUpload> {
  const upload = await call.services.store.multipartUpload(bucketOf(call), keyOf(call), uploadIdOf(call.wire));
  assertCustomerKeyMatches(upload.metadata.sse, serverSideEncryption(call.wire));
  setHeaders(call.res, encryptionHeaders(upload.metadata.sse, call.services.config.region));
  return upload;
}

const UploadPart: S3Handler = async (call) => {
  const partNumber = requiredPartNumber(call.wire.query);
  const upload = await uploadOfPart(call);
  await assertPartVerifiable(call, upload);
  const payload = openRequestPayload(call.req, call.wire, call.auth);
  try {
    const part = await call.services.store.uploadPart({
      bucket: upload.bucket,
      key: upload.key,
      uploadId: upload.uploadId,
      partNumber,
      body: payload.body,
      checksumAlgorithms: payload.checksumAlgorithms,
      expect: payload.expect,
      payloadSha256: payload.payloadSha256,
    });
    setHeaders(call.res, { ETag: quoteEtag(part.etag), ...checksumHeaders(part.checksums) });
    call.res.status(200).end();
  } finally {
    discardSource(payload.body);
  }
};

const CompleteMultipartUpload: S3Handler = async (call) => {
  const bucket = bucketOf(call);
  const key = keyOf(call);
  const parts = parseCompleteRequest(await readXmlBody(call, { checksumHeadersDescribeObject: true }));
  const fullObjectChecksums = headerChecksums(call.wire);
  const expectedSize = expectedObjectSizeOf(call.wire);
  const object = await call.services.store.completeMultipartUpload({
    bucket,
    key,
    uploadId: uploadIdOf(call.wire),
    parts,
    ...(expectedSize !== undefined ? { expectedSize } : {}),
    ...(Object.keys(fullObjectChecksums).length > 0 ? { expect: { checksums: fullObjectChecksums } } : {}),
    ...writeConditions(call.wire),
    cause: { eventName: 'ObjectCreated:CompleteMultipartUpload', origin: originOf(call) },
  });
  const location = objectLocation(call, bucket, key);
  setHeaders(call.res, { ...encryptionHeaders(object.sse, call.services.config.region), ...versionHeaders(object), ...(await expirationHeaders(call, object)) });
  sendXml(call.res, 'CompleteMultipartUploadResult', completeResult(object, location));
};

const AbortMultipartUpload: S3Handler = async (call) => {
  await call.services.store.abortMultipartUpload(bucketOf(call), keyOf(call), uploadIdOf(call.wire));
  call.res.status(204).end();
};

/** An upload belongs to whoever will own its object: the writer where ACLs are enabled, else the bucket owner. */
async function uploadInitiators(call: S3Call): Promise<UploadInitiator> {
  const { access } = call.services;
  const bucket = await access.existingBucketAccess(bucketOf(call));
  return (upload) => access.directory.initiator(upload.metadata.acl?.owner ?? bucket.owner);
}

const ListParts: S3Handler = async (call) => {
  const maxParts = Math.min(integerParam(call.wire.query, 'max-parts') ?? MAX_LISTED, MAX_LISTED);
  const partNumberMarker = integerParam(call.wire.query, 'part-number-marker');
  const page = await call.services.store.listParts({ bucket: bucketOf(call), key: keyOf(call), uploadId: uploadIdOf(call.wire), partNumberMarker, maxParts });
  sendXml(call.res, 'ListPartsResult', listPartsResult(page, maxParts, partNumberMarker, await uploadInitiators(call)));
};

const ListMultipartUploads: S3Handler = async (call: S3Call) => {
  const bucket = bucketOf(call);
  const query = call.wire.query;
  const keyMarker = queryValue(query, 'key-marker') || undefined;
  const listing: UploadsListing = {
    prefix: queryValue(query, 'prefix') || undefined,
    delimiter: queryValue(query, 'delimiter') || undefined,
    keyMarker,
    // Without key-marker, S3 ignores upload-id-marker and answers it empty (API_ListMultipartUploads;
    // localstack's recorded answer: test_list_multiparts_next_marker 'list-multiparts-next-upload-only').
    uploadIdMarker: keyMarker !== undefined ? queryValue(query, 'upload-id-marker') || undefined : undefined,
    maxUploads: Math.min(integerParam(query, 'max-uploads') ?? MAX_LISTED, MAX_LISTED),
    urlEncoded: urlEncodingRequested(query),
  };
  const page = await call.services.store.listMultipartUploads({ bucket, ...listing });
  sendXml(call.res, 'ListMultipartUploadsResult', listUploadsResult(bucket, listing, page, await uploadInitiators(call)));
};

export const multipartHandlers = { CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload, ListParts, ListMultipartUploads };
