/** CopyObject and UploadPartCopy: read the source through the store, write the copy through it. */
import { checksumAlgorithmHeader } from '../../s3/body/announced-checksums';
import { assertCopySourceConditions, copyMetadata, copySourceRange, parseCopySource, type CopySource } from '../../s3/copy-source';
import { checksumElements, copyPartResult } from '../../s3/documents/multipart-documents';
import { assertReadableTier } from '../../s3/documents/restore-documents';
import { assertCustomerKeyMatches } from '../../s3/customer-key-check';
import { S3Error } from '../../s3/errors';
import type { S3HttpRequest } from '../../s3/http-request';
import { encryptionHeaders } from '../../s3/object-headers';
import { assertValidKey, copySourceCustomerKey, metadataFromRequest } from '../../s3/object-metadata';
import { requiredPartNumber } from '../../s3/part-number';
import type { ObjectInfo, ObjectRead, RangeRequest } from '../../s3/store';
import { writeConditions } from '../../s3/write-conditions';
import { writtenObjectAcl } from './access-control-handlers';
import { expirationHeaders } from './expiration-headers';
import { uploadOfPart } from './multipart-handlers';
import { bucketOf, keyOf, originOf, type S3Call, type S3Handler } from './s3-call';
import { ownVersionId, versionedWriteMetadata } from './versioned-writes';
import { sendXml, setHeaders } from './s3-responses';

/** The source must be readable by this request: copy-source conditions and its SSE-C key. */
function assertSourceReadable(wire: S3HttpRequest, source: ObjectInfo): void {
  assertReadableTier(source);
  assertCustomerKeyMatches(source.sse, copySourceCustomerKey(wire));
  assertCopySourceConditions(wire, source);
}

/**
 * The copy source, judged and opened in one read, so the conditions, the SSE-C key and the range
 * are checked against the very version whose bytes are copied, whatever overwrites it meanwhile.
 * A delete marker named by version id is no source (S3 answers InvalidRequest, where reads of it
 * answer 405); a key whose latest version is a delete marker is NoSuchKey, as for reads.
 */
async function openSource(call: S3Call, source: CopySource, rangeOf: (object: ObjectInfo) => RangeRequest | undefined = () => undefined): Promise<ObjectRead> {
  const rangeFor = (object: ObjectInfo) => {
    assertSourceReadable(call.wire, object);
    return rangeOf(object);
  };
  try {
    return await call.services.store.getObject(source.bucket, source.key, { versionId: source.versionId, rangeFor });
  } catch (error) {
    if (error instanceof S3Error && error.fields.ResourceType === 'DeleteMarker') {
      throw new S3Error('InvalidRequest', 'The source of a copy request may not specifically refer to a delete marker by version id.');
    }
    throw error;
  }
}

/**
 * x-amz-copy-source-version-id names the version copied unless it is a null version; x-amz-version-id
 * names the version written, a null one too (where PutObject leaves a null version out). Localstack's
 * recorded answers: test_s3_copy_object_in_place_suspended_only 'copy-in-place-versioned-suspended',
 * test_s3_copy_object_in_place_versioned 'copy-in-place-versioned-re-enabled'.
 */
function copyVersionHeaders(source: ObjectInfo, copy?: ObjectInfo): Record<string, string> {
  const sourceVersionId = ownVersionId(source);
  return {
    ...(sourceVersionId !== undefined ? { 'x-amz-copy-source-version-id': sourceVersionId } : {}),
    ...(copy?.versionId !== undefined ? { 'x-amz-version-id': copy.versionId } : {}),
  };
}

const CopyObject: S3Handler = async (call) => {
  const target = { bucket: bucketOf(call), key: keyOf(call) };
  assertValidKey(target.key);
  const source = await openSource(call, parseCopySource(call.wire));
  let copy: ObjectInfo;
  try {
    const requested = await versionedWriteMetadata(call, metadataFromRequest(call.wire), { needsChecksum: false });
    // A copy gets the ACL its request names (private by default), never the source's.
    const { acl: _sourceAcl, ...copied } = copyMetadata(call.wire, source.object, requested, target);
    const metadata = { ...copied, ...(requested.lock ? { lock: requested.lock } : {}), ...(await writtenObjectAcl(call)) };
    const algorithm = checksumAlgorithmHeader(call.wire);
    copy = await call.services.store.copyObject({ source, target, metadata, ...(algorithm ? { checksumAlgorithms: [algorithm] } : {}), ...writeConditions(call.wire), cause: { eventName: 'ObjectCreated:Copy', origin: originOf(call) } });
  } finally {
    source.body.destroy();
  }
  setHeaders(call.res, { ...encryptionHeaders(copy.sse, call.services.config.region), ...copyVersionHeaders(source.object, copy), ...(await expirationHeaders(call, copy)) });
  const checksumType = Object.keys(copy.checksums).length > 0 ? (copy.checksumType ?? 'FULL_OBJECT') : undefined;
  sendXml(call.res, 'CopyObjectResult', { LastModified: copy.lastModified, ETag: `"${copy.etag}"`, ChecksumType: checksumType, ...checksumElements(copy.checksums) });
};

const UploadPartCopy: S3Handler = async (call) => {
  const source = parseCopySource(call.wire);
  const partNumber = requiredPartNumber(call.wire.query);
  const upload = await uploadOfPart(call);
  const read = await openSource(call, source, (object) => copySourceRange(call.wire, object.size));
  setHeaders(call.res, copyVersionHeaders(read.object));
  try {
    const part = await call.services.store.uploadPart({ bucket: upload.bucket, key: upload.key, uploadId: upload.uploadId, partNumber, body: read.body });
    sendXml(call.res, 'CopyPartResult', copyPartResult(part));
  } finally {
    if (!read.body.readableEnded) read.body.destroy();
  }
};

export const copyHandlers = { CopyObject, UploadPartCopy };
