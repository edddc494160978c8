/** Service and bucket operations: ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation. */
import { assertAclAllowed, bucketAclForCreate, ownershipOfNewBucket, publicAccessBlockOfNewBucket } from '../../s3/access/resource-acls';
import { listAllMyBuckets, locationConstraint, parseBucketListing, parseCreateBucketConfiguration } from '../../s3/documents/bucket-documents';
import { S3Error } from '../../s3/errors';
import { header } from '../../s3/http-request';
import { BucketAlreadyOwnedByYou } from '../../s3/store';
import { bucketOf, type S3Handler } from './s3-call';
import { sendXml } from './s3-responses';
import { readXmlBody } from './xml-request-body';

const US_EAST_1 = 'us-east-1';

/** The caller's own buckets (none for an anonymous caller). */
const ListBuckets: S3Handler = async ({ services, res, wire, principal }) => {
  const listing = parseBucketListing(wire.query);
  const owned = [];
  if (principal.kind !== 'anonymous') {
    for (const bucket of await services.store.listBuckets()) {
      if ((await services.access.bucketAccess(bucket.name))?.owner === principal.canonicalId) owned.push(bucket);
    }
  }
  sendXml(res, 'ListAllMyBucketsResult', listAllMyBuckets(owned, listing, principal.canonicalId));
};

/**
 * A new bucket belongs to its creator, with the Object Ownership and ACL the request asks for,
 * and Block Public Access on, as S3 creates buckets since April 2023 (publicAccessBlockOfNewBucket).
 * A name another account owns is BucketAlreadyExists. Re-creating a bucket you own is
 * BucketAlreadyOwnedByYou, except in us-east-1, where S3 answers 200 and resets the bucket's ACL,
 * for compatibility with its legacy behaviour (CreateBucket docs, "Errors").
 */
const CreateBucket: S3Handler = async (call) => {
  const name = bucketOf(call);
  const { access, store } = call.services;
  const ownership = ownershipOfNewBucket(call.wire, call.services.config.objectOwnership);
  const publicAccessBlock = publicAccessBlockOfNewBucket(call.services.config.objectOwnership);
  const acl = bucketAclForCreate(call.wire, { ownership, publicAccessBlock }, call.principal, access.directory);
  const region = parseCreateBucketConfiguration(await readXmlBody(call));
  const objectLockEnabled = header(call.wire, 'x-amz-bucket-object-lock-enabled')?.toLowerCase() === 'true';
  try {
    await store.createBucket(name, { region, objectLockEnabled });
    await store.putBucketConfig(name, 'access', { owner: call.principal.canonicalId, ownership, ...(publicAccessBlock ? { publicAccessBlock } : {}), ...(acl ? { acl } : {}) });
    access.forget(name);
  } catch (error) {
    if (!(error instanceof BucketAlreadyOwnedByYou)) throw error;
    const existing = await access.bucketAccess(name);
    if (existing?.owner !== call.principal.canonicalId) throw new S3Error('BucketAlreadyExists', undefined, { BucketName: name });
    const legacyRecreate = (region ?? call.services.config.region) === US_EAST_1 && (await store.headBucket(name)).region === US_EAST_1;
    if (!legacyRecreate) throw error;
    // ...and resets the bucket's ACL to the one the request gives (private without one).
    if (acl) assertAclAllowed(acl, existing, { principal: call.principal, action: 's3:CreateBucket', bucket: name });
    await access.updateBucketAccess(name, ({ acl: _previous, ...stored }) => ({ ...stored, ...(acl ? { acl } : {}) }));
  }
  call.res.setHeader('Location', `/${name}`);
  call.res.status(200).end();
};

const HeadBucket: S3Handler = async (call) => {
  const bucket = await call.services.store.headBucket(bucketOf(call));
  call.res.setHeader('x-amz-bucket-region', bucket.region);
  // Buckets are addressed by name here, never through an access point alias (HeadBucket response headers).
  call.res.setHeader('x-amz-access-point-alias', 'false');
  call.res.status(200).end();
};

const DeleteBucket: S3Handler = async (call) => {
  await call.services.store.deleteBucket(bucketOf(call));
  call.services.access.forget(bucketOf(call));
  call.res.status(204).end();
};

const GetBucketLocation: S3Handler = async (call) => {
  const bucket = await call.services.store.headBucket(bucketOf(call));
  sendXml(call.res, 'LocationConstraint', locationConstraint(bucket.region));
};

export const bucketHandlers = { ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation };
