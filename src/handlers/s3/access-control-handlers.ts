/**
 * Get/PutBucketAcl and Get/PutObjectAcl: every bucket and object is the owner's alone
 * (src/s3/access-control.ts); a put that says so is accepted, any other ACL refused.
 */
import { accessControlPolicy, assertOwnerOnlyAclDocument, assertOwnerOnlyAclHeaders, hasAclHeaders } from '../../s3/access-control';
import { S3Error } from '../../s3/errors';
import { versionIdParam } from '../../s3/version-id';
import { bucketOf, keyOf, type S3Call, type S3Handler } from './s3-call';
import { sendXml } from './s3-responses';
import { readXmlBody } from './xml-request-body';

/** The ACL a put names, by header or by document; S3 needs one of them. */
async function assertOwnerOnlyAcl(call: S3Call): Promise<void> {
  const body = await readXmlBody(call);
  if (hasAclHeaders(call.wire)) assertOwnerOnlyAclHeaders(call.wire);
  else if (body.trim() !== '') assertOwnerOnlyAclDocument(body);
  else throw new S3Error('MissingSecurityHeader', 'Your request was missing a required header', { MissingHeaderName: 'x-amz-acl' });
}

const GetBucketAcl: S3Handler = async (call) => {
  await call.services.store.headBucket(bucketOf(call));
  sendXml(call.res, 'AccessControlPolicy', accessControlPolicy());
};

const PutBucketAcl: S3Handler = async (call) => {
  await call.services.store.headBucket(bucketOf(call));
  await assertOwnerOnlyAcl(call);
  call.res.status(200).end();
};

const GetObjectAcl: S3Handler = async (call) => {
  await call.services.store.headObject(bucketOf(call), keyOf(call), { versionId: versionIdParam(call.wire.query) });
  sendXml(call.res, 'AccessControlPolicy', accessControlPolicy());
};

const PutObjectAcl: S3Handler = async (call) => {
  await call.services.store.headObject(bucketOf(call), keyOf(call), { versionId: versionIdParam(call.wire.query) });
  await assertOwnerOnlyAcl(call);
  call.res.status(200).end();
};

export const accessControlHandlers = { GetBucketAcl, PutBucketAcl, GetObjectAcl, PutObjectAcl };
