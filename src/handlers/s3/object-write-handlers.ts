/**
 * PutObject, DeleteObject and DeleteObjects. A PUT body is decoded while it streams
 * (src/s3/body) and stored by the store, which checks Content-MD5 and checksums and keeps nothing
 * from a body that fails.
 */
import type { Authentication } from '../../s3/auth/authenticator';
import { openRequestPayload } from '../../s3/body/request-payload';
import { deleteConditionHeaders } from '../../s3/delete-conditions';
import { deleteResult, parseDeleteRequest } from '../../s3/documents/delete-objects-documents';
import { header, type S3HttpRequest } from '../../s3/http-request';
import { encryptionHeaders, objectChecksumHeaders, quoteEtag } from '../../s3/object-headers';
import { assertValidKey, metadataFromRequest } from '../../s3/object-metadata';
import { discardSource, type ObjectMetadata, type PutObjectInput } from '../../s3/store';
import { versionIdParam } from '../../s3/version-id';
import { writeConditions } from '../../s3/write-conditions';
import { writtenObjectAcl } from './access-control-handlers';
import { expirationHeaders } from './expiration-headers';
import { readMultipartForm } from './multipart-form';
import { bypassesGovernance } from './object-lock-handlers';
import { versionedWriteMetadata, versionHeaders } from './versioned-writes';
import { bucketOf, keyOf, originOf, type S3Call, type S3Handler } from './s3-call';
import { sendXml, setHeaders } from './s3-responses';
import { readXmlBody } from './xml-request-body';

function isFormUpload(wire: S3HttpRequest, auth: Authentication): boolean {
  return auth.scheme === 'anonymous' && /^multipart\/form-data/i.test(header(wire, 'content-type') ?? '');
}

async function uploadInput(call: S3Call, bucket: string, key: string, metadata: ObjectMetadata): Promise<PutObjectInput> {
  if (isFormUpload(call.wire, call.auth)) {
    const form = await readMultipartForm(call.req);
    return { bucket, key, body: form.file, metadata: { ...metadata, contentType: form.mimeType ?? 'binary/octet-stream' }, cause: { eventName: 'ObjectCreated:Post', origin: originOf(call) } };
  }
  const payload = openRequestPayload(call.req, call.wire, call.auth);
  return { bucket, key, body: payload.body, metadata, checksumAlgorithms: payload.checksumAlgorithms, expect: payload.expect, payloadSha256: payload.payloadSha256, cause: { eventName: 'ObjectCreated:Put', origin: originOf(call) } };
}

const PutObject: S3Handler = async (call) => {
  const bucket = bucketOf(call);
  const key = keyOf(call);
  assertValidKey(key);
  const conditions = writeConditions(call.wire);
  const metadata = { ...(await versionedWriteMetadata(call, metadataFromRequest(call.wire), { needsChecksum: true })), ...(await writtenObjectAcl(call)) };
  const input = await uploadInput(call, bucket, key, metadata);
  try {
    const object = await call.services.store.putObject({ ...input, ...conditions });
    setHeaders(call.res, {
      ETag: quoteEtag(object.etag),
      ...encryptionHeaders(object.sse, call.services.config.region),
      ...objectChecksumHeaders(object),
      ...versionHeaders(object),
      ...(await expirationHeaders(call, object)),
    });
    call.res.status(200).end();
  } finally {
    discardSource(input.body);
  }
};

const DeleteObject: S3Handler = async (call) => {
  const outcome = await call.services.store.deleteObject(bucketOf(call), keyOf(call), {
    versionId: versionIdParam(call.wire.query),
    conditions: deleteConditionHeaders(call.wire),
    bypassGovernance: bypassesGovernance(call.wire),
    requester: call.principal.canonicalId,
    origin: originOf(call),
  });
  if (outcome.deleteMarker) call.res.setHeader('x-amz-delete-marker', 'true');
  if (outcome.versionId !== undefined) call.res.setHeader('x-amz-version-id', outcome.versionId);
  call.res.status(204).end();
};

const DeleteObjects: S3Handler = async (call) => {
  const bucket = bucketOf(call);
  const request = parseDeleteRequest(await readXmlBody(call));
  const outcomes = await call.services.store.deleteObjects(bucket, request.objects, { bypassGovernance: bypassesGovernance(call.wire), requester: call.principal.canonicalId, origin: originOf(call) });
  sendXml(call.res, 'DeleteResult', deleteResult(request, outcomes));
};

export const objectWriteHandlers = { PutObject, DeleteObject, DeleteObjects };
