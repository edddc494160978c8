/**
 * The bucket's access settings besides its ACL: Object Ownership controls, Block Public Access,
 * Requester Pays, and the bucket policy, which is enforced (src/s3/access) and refused when Block
 * Public Access blocks public policies and it is one.
 */
import { ownershipControls, parseOwnershipControls, parsePublicAccessBlock, publicAccessBlockDocument } from '../../s3/access/access-documents';
import { grantsOnlyTo, isPublicAcl } from '../../s3/access/acl';
import { assertPolicyAccepted, isPublicPolicy, parseBucketPolicy } from '../../s3/access/bucket-policy';
import { publicAccessRefusal } from '../../s3/access/public-access-refusal';
import { parseRequestPayment, requestPaymentDocument } from '../../s3/access/requester-pays';
import { S3Error } from '../../s3/errors';
import { bucketOf, type S3Handler } from './s3-call';
import { sendXml } from './s3-responses';
import { readXmlBody } from './xml-request-body';

const GetBucketOwnershipControls: S3Handler = async (call) => {
  const bucket = await call.services.access.existingBucketAccess(bucketOf(call));
  if (!bucket.ownership) throw new S3Error('OwnershipControlsNotFoundError', undefined, { BucketName: bucketOf(call) });
  sendXml(call.res, 'OwnershipControls', ownershipControls(bucket.ownership));
};

/**
 * Disabling ACLs needs a bucket ACL that gives the owner alone access (InvalidBucketAclWithObjectOwnership):
 * the ACL as it is once the body is in, since a PutBucketAcl may have changed it meanwhile.
 */
const PutBucketOwnershipControls: S3Handler = async (call) => {
  const { access } = call.services;
  await access.existingBucketAccess(bucketOf(call)); // NoSuchBucket before the body is read
  const ownership = parseOwnershipControls(await readXmlBody(call));
  const bucket = await access.existingBucketAccess(bucketOf(call));
  if (ownership === 'BucketOwnerEnforced' && !grantsOnlyTo(bucket.acl, bucket.owner)) throw new S3Error('InvalidBucketAclWithObjectOwnership');
  await access.updateBucketAccess(bucketOf(call), (stored) => ({ ...stored, ownership }));
  call.res.status(200).end();
};

/** Without controls a bucket is as buckets were before them: ACLs enabled, objects owned by their writer. */
const DeleteBucketOwnershipControls: S3Handler = async (call) => {
  await call.services.access.updateBucketAccess(bucketOf(call), (stored) => ({ ...stored, ownership: 'none' }));
  call.res.status(204).end();
};

const GetPublicAccessBlock: S3Handler = async (call) => {
  const bucket = await call.services.access.existingBucketAccess(bucketOf(call));
  if (!bucket.publicAccessBlock) throw new S3Error('NoSuchPublicAccessBlockConfiguration', undefined, { BucketName: bucketOf(call) });
  sendXml(call.res, 'PublicAccessBlockConfiguration', publicAccessBlockDocument(bucket.publicAccessBlock));
};

const PutPublicAccessBlock: S3Handler = async (call) => {
  const publicAccessBlock = parsePublicAccessBlock(await readXmlBody(call));
  await call.services.access.updateBucketAccess(bucketOf(call), (stored) => ({ ...stored, publicAccessBlock }));
  call.res.status(200).end();
};

const DeletePublicAccessBlock: S3Handler = async (call) => {
  await call.services.access.updateBucketAccess(bucketOf(call), ({ publicAccessBlock: _removed, ...stored }) => stored);
  call.res.status(204).end();
};

const GetBucketRequestPayment: S3Handler = async (call) => {
  const bucket = await call.services.access.existingBucketAccess(bucketOf(call));
  sendXml(call.res, 'RequestPaymentConfiguration', requestPaymentDocument(bucket.stored.payer));
};

/** BucketOwner, the default, is kept as no setting at all. */
const PutBucketRequestPayment: S3Handler = async (call) => {
  const payer = parseRequestPayment(await readXmlBody(call));
  await call.services.access.updateBucketAccess(bucketOf(call), ({ payer: _previous, ...stored }) => (payer === 'Requester' ? { ...stored, payer } : stored));
  call.res.status(200).end();
};

const GetBucketPolicy: S3Handler = async (call) => {
  const stored = await call.services.store.getBucketConfig(bucketOf(call), 'policy');
  if (stored === undefined) throw new S3Error('NoSuchBucketPolicy', undefined, { BucketName: bucketOf(call) });
  const bytes = Buffer.from(stored, 'utf8');
  call.res.status(200).setHeader('Content-Type', 'application/json');
  call.res.setHeader('Content-Length', String(bytes.length));
  call.res.end(bytes);
};

const PutBucketPolicy: S3Handler = async (call) => {
  const name = bucketOf(call);
  const bucket = await call.services.access.existingBucketAccess(name);
  const text = await readXmlBody(call, { malformed: 'MalformedPolicy' });
  const policy = parseBucketPolicy(text, name);
  assertPolicyAccepted(policy);
  if (bucket.publicAccessBlock?.BlockPublicPolicy && isPublicPolicy(policy)) {
    throw publicAccessRefusal('BlockPublicPolicy', { principal: call.principal, action: 's3:PutBucketPolicy', bucket: name }, bucket.owner);
  }
  await call.services.store.putBucketConfig(name, 'policy', text);
  call.services.access.forget(name);
  call.res.status(204).end();
};

/**
 * Whether the bucket is public: its policy is (unless RestrictPublicBuckets confines it), or its
 * ACL grants everyone or every AWS account (unless IgnorePublicAcls or ACLs are disabled).
 */
/** S3 answers the status of a bucket's policy: a bucket without one is NoSuchBucketPolicy, as on GetBucketPolicy. */
const GetBucketPolicyStatus: S3Handler = async (call) => {
  const bucket = await call.services.access.existingBucketAccess(bucketOf(call));
  if (bucket.policy === undefined) throw new S3Error('NoSuchBucketPolicy');
  const block = bucket.publicAccessBlock;
  const publicPolicy = bucket.policy !== undefined && isPublicPolicy(bucket.policy) && !block?.RestrictPublicBuckets;
  const publicAcl = bucket.aclsEnabled && isPublicAcl(bucket.acl) && !block?.IgnorePublicAcls;
  sendXml(call.res, 'PolicyStatus', { IsPublic: publicPolicy || publicAcl });
};

const DeleteBucketPolicy: S3Handler = async (call) => {
  await call.services.store.deleteBucketConfig(bucketOf(call), 'policy');
  call.services.access.forget(bucketOf(call));
  call.res.status(204).end();
};

export const bucketAccessHandlers = {
  GetBucketOwnershipControls,
  PutBucketOwnershipControls,
  DeleteBucketOwnershipControls,
  GetPublicAccessBlock,
  PutPublicAccessBlock,
  DeletePublicAccessBlock,
  GetBucketRequestPayment,
  PutBucketRequestPayment,
  GetBucketPolicy,
  PutBucketPolicy,
  GetBucketPolicyStatus,
  DeleteBucketPolicy,
};
