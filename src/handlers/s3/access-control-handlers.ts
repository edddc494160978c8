/**
 * Get/PutBucketAcl and Get/PutObjectAcl (src/s3/access/acl.ts): an ACL is put by header
 * (x-amz-acl or x-amz-grant-*) or as an AccessControlPolicy document, checked against the
 * bucket's Object Ownership and Block Public Access, stored, and served back.
 */
import { aclFromDocument, aclFromHeaders, hasAclHeaders, privateAcl, renderAcl, type Acl } from '../../s3/access/acl';
import type { BucketAccess } from '../../s3/access/access-control';
import { assertAclAllowed, assertAclHeadersAccepted, objectAclForWrite } from '../../s3/access/resource-acls';
import type { S3HttpRequest } from '../../s3/http-request';
import type { ObjectInfo, ObjectMetadata } from '../../s3/store';
import { S3Error } from '../../s3/errors';
import { versionIdParam } from '../../s3/version-id';
import { refusingDeleteMarkers } from './delete-marker-refusal';
import { bucketOf, keyOf, originOf, type S3Call, type S3Handler } from './s3-call';
import { sendXml, setHeaders } from './s3-responses';
import { versionHeaders } from './versioned-writes';
import { readXmlBody } from './xml-request-body';

/**
 * The ACL a put names, by header or by document (S3 needs one of them), for a resource `owner`
 * owns, refused unless `bucket` accepts it.
 */
function requestedAcl(call: S3Call, body: string, owner: string, bucket: BucketAccess): Acl {
  const directory = call.services.access.directory;
  let acl: Acl;
  if (hasAclHeaders(call.wire)) {
    assertAclHeadersAccepted(call.wire, bucket, call.principal);
    acl = aclFromHeaders(call.wire, owner, bucket.owner, directory)!;
  } else if (body.trim() !== '') {
    acl = aclFromDocument(body, owner, directory);
  } else {
    throw new S3Error('MissingSecurityHeader', 'Your request was missing a required header', { MissingHeaderName: 'x-amz-acl' });
  }
  const { key } = call.address;
  assertAclAllowed(acl, bucket, { principal: call.principal, action: key === undefined ? 's3:PutBucketAcl' : 's3:PutObjectAcl', bucket: bucketOf(call), key });
  return acl;
}

/**
 * The `acl` part of a new object's metadata (PutObject, CopyObject, CreateMultipartUpload, POST):
 * empty for the default, the bucket owner's and private. `request` carries the ACL headers.
 */
export async function writtenObjectAcl(call: S3Call, request: S3HttpRequest = call.wire, key = keyOf(call)): Promise<Pick<ObjectMetadata, 'acl'>> {
  const { access } = call.services;
  const bucket = await access.existingBucketAccess(bucketOf(call));
  const acl = objectAclForWrite(request, bucket, { principal: call.principal, action: 's3:PutObject', bucket: bucketOf(call), key }, access.directory);
  if (acl && acl.owner !== bucket.owner && !bucket.stored.foreignObjects) await access.updateBucketAccess(bucketOf(call), (stored) => ({ ...stored, foreignObjects: true }));
  return acl ? { acl } : {};
}

const GetBucketAcl: S3Handler = async (call) => {
  const bucket = await call.services.access.existingBucketAccess(bucketOf(call));
  sendXml(call.res, 'AccessControlPolicy', renderAcl(bucket.acl));
};

/**
 * The ACL is judged by the bucket's settings once the body is in, not by those read before it:
 * another request may have changed them meanwhile (Object Ownership turning ACLs off).
 */
const PutBucketAcl: S3Handler = async (call) => {
  const { access } = call.services;
  const name = bucketOf(call);
  await access.existingBucketAccess(name); // NoSuchBucket before the body is read
  const body = await readXmlBody(call);
  const bucket = await access.existingBucketAccess(name);
  const acl = requestedAcl(call, body, bucket.owner, bucket);
  await access.updateBucketAccess(name, (stored) => ({ ...stored, acl }));
  call.res.status(200).end();
};

/** Each version of an object has its own ACL (`?versionId=`, else the latest). */
const GetObjectAcl: S3Handler = async (call) => {
  const bucket = await call.services.access.existingBucketAccess(bucketOf(call));
  const { object } = await call.services.store.headObject(bucketOf(call), keyOf(call), { versionId: versionIdParam(call.wire.query) });
  setHeaders(call.res, versionHeaders(object));
  sendXml(call.res, 'AccessControlPolicy', renderAcl(object.acl ?? privateAcl(bucket.owner)));
};

/** As PutBucketAcl, and the ACL is made for the version it goes on as that is when it is stored (its owner). */
const PutObjectAcl: S3Handler = async (call) => {
  const { access, store } = call.services;
  const versionId = versionIdParam(call.wire.query);
  await refusingDeleteMarkers(call, () => store.headObject(bucketOf(call), keyOf(call), { versionId })); // before the body is read
  const body = await readXmlBody(call);
  const bucket = await access.existingBucketAccess(bucketOf(call));
  const withAcl = (info: ObjectInfo) => ({ ...info, acl: requestedAcl(call, body, info.acl?.owner ?? bucket.owner, bucket) });
  const updated = await refusingDeleteMarkers(call, () => store.updateObject(bucketOf(call), keyOf(call), versionId, withAcl, { eventName: 'ObjectAcl:Put', origin: originOf(call) }));
  setHeaders(call.res, versionHeaders(updated));
  call.res.status(200).end();
};

export const accessControlHandlers = { GetBucketAcl, PutBucketAcl, GetObjectAcl, PutObjectAcl };
