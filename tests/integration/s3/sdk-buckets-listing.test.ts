/** Buckets and listings through @aws-sdk/client-s3. */
import {
  type BucketLocationConstraint,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeletePublicAccessBlockCommand,
  GetPublicAccessBlockCommand,
  GetBucketLocationCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  ListObjectsCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  paginateListBuckets,
  PutBucketPolicyCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { s3ErrorOf } from './s3-error';
import { useS3 } from './s3-fixture';
import { s3Client } from './sdk-client';

const s3 = useS3({ env: { S3_BUCKETS: 'test-bucket,test-uploads' } });
const OWNER_ID = '75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a';

describe('buckets', () => {
  it('has the S3_BUCKETS buckets at start', async () => {
    const { Buckets, Owner } = await s3.client.send(new ListBucketsCommand({}));
    expect(Buckets?.map((b) => b.Name)).toEqual(['test-bucket', 'test-uploads']);
    expect(Owner).toEqual({ ID: OWNER_ID });
  });

  it('pages ListBuckets with MaxBuckets and ContinuationToken, and filters by Prefix and BucketRegion', async () => {
    for (const Bucket of ['page-a', 'page-b', 'page-c']) await s3.client.send(new CreateBucketCommand({ Bucket }));
    const pages: string[][] = [];
    for await (const page of paginateListBuckets({ client: s3.client, pageSize: 2 }, { Prefix: 'page-' })) {
      expect(page.Prefix).toBe('page-');
      pages.push(page.Buckets?.map((b) => b.Name ?? '') ?? []);
    }
    expect(pages).toEqual([['page-a', 'page-b'], ['page-c']]);
    expect((await s3.client.send(new ListBucketsCommand({ BucketRegion: 'ap-south-1' }))).Buckets ?? []).toEqual([]);
    expect((await s3ErrorOf(s3.client.send(new ListBucketsCommand({ MaxBuckets: 0 })))).name).toBe('InvalidArgument');
    for (const Bucket of ['page-a', 'page-b', 'page-c']) await s3.client.send(new DeleteBucketCommand({ Bucket }));
  });

  it('creates a bucket in the region its configuration names, and reports it', async () => {
    await s3.client.send(new CreateBucketCommand({ Bucket: 'eu-photos', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    expect((await s3.client.send(new GetBucketLocationCommand({ Bucket: 'eu-photos' }))).LocationConstraint).toBe('eu-west-1');
    const head = await s3.client.send(new HeadBucketCommand({ Bucket: 'eu-photos' }));
    expect(head.BucketRegion).toBe('eu-west-1');
    expect(head.AccessPointAlias).toBe(false);
  });

  it('reports us-east-1 as an empty LocationConstraint, as S3 does', async () => {
    // The SDK names its own region in CreateBucket unless that is us-east-1.
    const usEast = s3Client(s3.server, 'path', 'us-east-1');
    await usEast.send(new CreateBucketCommand({ Bucket: 'plain-bucket' }));
    expect((await usEast.send(new GetBucketLocationCommand({ Bucket: 'plain-bucket' }))).LocationConstraint ?? '').toBe('');
    usEast.destroy();
  });

  it('refuses an explicit us-east-1 LocationConstraint with InvalidLocationConstraint, as S3 does (us-east-1 is named by sending none)', async () => {
    const error = await s3ErrorOf(s3.client.send(new CreateBucketCommand({ Bucket: 'explicit-us-east', CreateBucketConfiguration: { LocationConstraint: 'us-east-1' as BucketLocationConstraint } })));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['InvalidLocationConstraint', 400]);
  });

  it('creates buckets with every Block Public Access setting on, as S3 does since April 2023, which DeletePublicAccessBlock lifts', async () => {
    await s3.client.send(new CreateBucketCommand({ Bucket: 'blocked-by-default' }));
    const allBlocked = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
    expect((await s3.client.send(new GetPublicAccessBlockCommand({ Bucket: 'blocked-by-default' }))).PublicAccessBlockConfiguration).toEqual(allBlocked);
    const publicPolicy = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::blocked-by-default/*' }] });
    expect((await s3ErrorOf(s3.client.send(new PutBucketPolicyCommand({ Bucket: 'blocked-by-default', Policy: publicPolicy })))).name).toBe('AccessDenied');
    await s3.client.send(new DeletePublicAccessBlockCommand({ Bucket: 'blocked-by-default' }));
    await s3.client.send(new PutBucketPolicyCommand({ Bucket: 'blocked-by-default', Policy: publicPolicy }));
    const publicAcl = s3.client.send(new CreateBucketCommand({ Bucket: 'public-at-birth', ObjectOwnership: 'ObjectWriter', ACL: 'public-read' }));
    const refusal = await s3ErrorOf(publicAcl);
    expect([refusal.name, refusal.$metadata.httpStatusCode]).toEqual(['InvalidBucketAclWithBlockPublicAccessError', 400]);
    expect((await s3ErrorOf(s3.client.send(new HeadBucketCommand({ Bucket: 'public-at-birth' })))).$metadata.httpStatusCode).toBe(404);
  });

  it('answers BucketAlreadyOwnedByYou when re-creating an owned bucket outside us-east-1', async () => {
    const error = await s3ErrorOf(s3.client.send(new CreateBucketCommand({ Bucket: 'eu-photos', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['BucketAlreadyOwnedByYou', 409]);
  });

  it('answers 200 to re-creating an owned us-east-1 bucket, as S3 does for legacy compatibility', async () => {
    const usEast = s3Client(s3.server, 'path', 'us-east-1');
    expect((await usEast.send(new CreateBucketCommand({ Bucket: 'test-bucket' }))).$metadata.httpStatusCode).toBe(200);
    usEast.destroy();
  });

  it.each(['ab', 'Upper-Case', 'has_underscore', '192.168.1.1', 'admin', 'presigned-url'])('refuses the bucket name %s with InvalidBucketName', async (name) => {
    const error = await s3ErrorOf(s3.client.send(new CreateBucketCommand({ Bucket: name })));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['InvalidBucketName', 400]);
  });

  it('refuses to delete a bucket that holds objects with BucketNotEmpty, and deletes it once empty', async () => {
    await s3.client.send(new CreateBucketCommand({ Bucket: 'full-bucket' }));
    await s3.client.send(new PutObjectCommand({ Bucket: 'full-bucket', Key: 'k', Body: 'x' }));
    const error = await s3ErrorOf(s3.client.send(new DeleteBucketCommand({ Bucket: 'full-bucket' })));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['BucketNotEmpty', 409]);
  });

  it('answers NoSuchBucket for a bucket that does not exist, and 404 to HeadBucket', async () => {
    const error = await s3ErrorOf(s3.client.send(new ListObjectsV2Command({ Bucket: 'no-such-bucket' })));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['NoSuchBucket', 404]);
    expect((await s3ErrorOf(s3.client.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' })))).$metadata.httpStatusCode).toBe(404);
    expect((await s3ErrorOf(s3.client.send(new PutObjectCommand({ Bucket: 'no-such-bucket', Key: 'k', Body: 'x' })))).name).toBe('NoSuchBucket');
  });
});

describe('listing', () => {
  const BUCKET = 'listing';
  // UTF-8 byte order: 'Z' < 'a' < 'é' (0xC3 0xA9) < '中' (0xE4...) < '😀' (0xF0...).
  const keys = ['a/1.txt', 'a/2.txt', 'a/b/3.txt', 'c d+e.txt', 'Zebra', 'é.txt', '中.txt', '😀.txt', 'z/x'];

  beforeAll(async () => {
    await s3.client.send(new CreateBucketCommand({ Bucket: BUCKET }));
    for (const key of keys) await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }));
  });

  it('lists keys in UTF-8 binary order with sizes, ETags and storage class', async () => {
    const { Contents, KeyCount, IsTruncated } = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect(Contents?.map((o) => o.Key)).toEqual(['Zebra', 'a/1.txt', 'a/2.txt', 'a/b/3.txt', 'c d+e.txt', 'z/x', 'é.txt', '中.txt', '😀.txt']);
    expect(KeyCount).toBe(keys.length);
    expect(IsTruncated).toBe(false);
    expect(Contents?.[0]).toMatchObject({ Size: 5, StorageClass: 'STANDARD', ETag: expect.stringMatching(/^"[0-9a-f]{32}"$/) });
  });

  it('rolls keys up into CommonPrefixes with a delimiter', async () => {
    const page = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Delimiter: '/' }));
    expect(page.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['a/', 'z/']);
    expect(page.Contents?.map((o) => o.Key)).toEqual(['Zebra', 'c d+e.txt', 'é.txt', '中.txt', '😀.txt']);
    const nested = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'a/', Delimiter: '/' }));
    expect(nested.Contents?.map((o) => o.Key)).toEqual(['a/1.txt', 'a/2.txt']);
    expect(nested.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['a/b/']);
  });

  it('pages with max-keys and continuation tokens (V2)', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, MaxKeys: 2, ContinuationToken: token }));
      seen.push(...(page.Contents ?? []).map((o) => o.Key!));
      expect(page.KeyCount).toBeLessThanOrEqual(2);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
      pages += 1;
    } while (token);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(keys.length);
  });

  it('starts after a key with start-after (V2) and marker (V1)', async () => {
    const v2 = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, StartAfter: 'z/x' }));
    expect(v2.Contents?.map((o) => o.Key)).toEqual(['é.txt', '中.txt', '😀.txt']);
    expect(v2.StartAfter).toBe('z/x');
    const v1 = await s3.client.send(new ListObjectsCommand({ Bucket: BUCKET, Marker: 'z/x', MaxKeys: 2 }));
    expect(v1.Contents?.map((o) => o.Key)).toEqual(['é.txt', '中.txt']);
    expect(v1.IsTruncated).toBe(true);
    expect(v1.Contents?.[0].Owner?.ID).toBeTruthy();
  });

  it('gives NextMarker in V1 when a delimiter is used', async () => {
    const v1 = await s3.client.send(new ListObjectsCommand({ Bucket: BUCKET, Delimiter: '/', MaxKeys: 2 }));
    expect(v1.IsTruncated).toBe(true);
    expect(v1.NextMarker).toBe('a/');
  });

  it('percent-encodes keys and prefixes with encoding-type=url', async () => {
    const page = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'c', EncodingType: 'url' }));
    expect(page.EncodingType).toBe('url');
    expect(page.Contents?.map((o) => o.Key)).toEqual(['c%20d%2Be.txt']);
  });

  it('adds owners with fetch-owner (V2 leaves them out otherwise), by ID alone, as S3 since November 2025', async () => {
    expect((await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, MaxKeys: 1 }))).Contents?.[0].Owner).toBeUndefined();
    expect((await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, MaxKeys: 1, FetchOwner: true }))).Contents?.[0].Owner).toEqual({ ID: OWNER_ID });
    expect((await s3.client.send(new ListObjectsCommand({ Bucket: BUCKET, MaxKeys: 1 }))).Contents?.[0].Owner).toEqual({ ID: OWNER_ID });
    expect((await s3.client.send(new ListObjectVersionsCommand({ Bucket: BUCKET, MaxKeys: 1 }))).Versions?.[0].Owner).toEqual({ ID: OWNER_ID });
  });

  it('lists every object as version null in ListObjectVersions (buckets are unversioned)', async () => {
    const versions = await s3.client.send(new ListObjectVersionsCommand({ Bucket: BUCKET, Prefix: 'a/' }));
    expect(versions.Versions?.map((v) => [v.Key, v.VersionId, v.IsLatest])).toEqual([
      ['a/1.txt', 'null', true],
      ['a/2.txt', 'null', true],
      ['a/b/3.txt', 'null', true],
    ]);
  });

  it('echoes MaxKeys as asked even above the 1000-key page limit, and refuses a negative one', async () => {
    expect((await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, MaxKeys: 5000 }))).MaxKeys).toBe(5000);
    expect((await s3ErrorOf(s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, MaxKeys: -1 })))).name).toBe('InvalidArgument');
  });

  it('refuses an empty continuation token with InvalidArgument, as S3 does', async () => {
    const error = await s3ErrorOf(s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: '' })));
    expect([error.name, error.$metadata.httpStatusCode, error.message]).toEqual(['InvalidArgument', 400, 'The continuation token provided is incorrect']);
  });

  it('continues from the continuation token when start-after comes too, and does not echo start-after', async () => {
    const first = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, MaxKeys: 1 }));
    const rest = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: first.NextContinuationToken, StartAfter: 'zzz' }));
    const all = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect([rest.StartAfter, rest.Contents?.map((object) => object.Key)]).toEqual([undefined, all.Contents?.slice(1).map((object) => object.Key)]);
  });

  it('refuses a forged continuation token with InvalidArgument', async () => {
    const error = await s3ErrorOf(s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: 'not base64!' })));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['InvalidArgument', 400]);
  });
});
