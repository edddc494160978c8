/** Service and bucket operations: ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation. */
import { assertOwnerOnlyAclHeaders } from '../../s3/access-control';
import { listAllMyBuckets, locationConstraint, parseBucketListing, parseCreateBucketConfiguration } from '../../s3/documents/bucket-documents';
import { header } from '../../s3/http-request';
import { BucketAlreadyOwnedByYou } from '../../s3/store';
import { bucketOf, type S3Handler } from './s3-call';
import { sendXml } from './s3-responses';
import { readXmlBody } from './xml-request-body';

const US_EAST_1 = 'us-east-1';

const ListBuckets: S3Handler = async ({ services, res, wire }) => {
  const listing = parseBucketListing(wire.query);
  sendXml(res, 'ListAllMyBucketsResult', listAllMyBuckets(await services.store.listBuckets(), listing));
};

/**
 * Re-creating a bucket you own is BucketAlreadyOwnedByYou, except in us-east-1, where S3 answers
 * 200 for compatibility with its legacy behaviour (CreateBucket docs, "Errors").
 */
const CreateBucket: S3Handler = async (call) => {
  const name = bucketOf(call);
  assertOwnerOnlyAclHeaders(call.wire, 'InvalidBucketAclWithObjectOwnership');
  const region = parseCreateBucketConfiguration(await readXmlBody(call));
  const objectLockEnabled = header(call.wire, 'x-amz-bucket-object-lock-enabled')?.toLowerCase() === 'true';
  const store = call.services.store;
  try {
    await store.createBucket(name, { region, objectLockEnabled });
  } catch (error) {
    const legacyRecreate =
      error instanceof BucketAlreadyOwnedByYou && (region ?? call.services.config.region) === US_EAST_1 && (await store.headBucket(name)).region === US_EAST_1;
    if (!legacyRecreate) throw error;
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
  call.res.status(204).end();
};

const GetBucketLocation: S3Handler = async (call) => {
  const bucket = await call.services.store.headBucket(bucketOf(call));
  sendXml(call.res, 'LocationConstraint', locationConstraint(bucket.region));
};

export const bucketHandlers = { ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation };
