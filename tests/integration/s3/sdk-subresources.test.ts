/** Tagging, default encryption, versioning, object attributes (bucket CORS: cors.test.ts). */
import {
  AbortMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteBucketEncryptionCommand,
  DeleteBucketTaggingCommand,
  DeleteObjectTaggingCommand,
  GetBucketEncryptionCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectAttributesCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutBucketEncryptionCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
} from '@aws-sdk/client-s3';
import { s3ErrorOf } from './s3-error';
import { useS3 } from './s3-fixture';

const s3 = useS3();
const Bucket = 'test-bucket';

beforeAll(async () => {
  await s3.client.send(new PutObjectCommand({ Bucket, Key: 'tagged.txt', Body: 'x' }));
});

describe('object tagging', () => {
  it('puts, reads and deletes an object tag set', async () => {
    await s3.client.send(new PutObjectTaggingCommand({ Bucket, Key: 'tagged.txt', Tagging: { TagSet: [{ Key: 'team', Value: 'blue' }, { Key: 'tier', Value: 'hot + cold' }] } }));
    expect((await s3.client.send(new GetObjectTaggingCommand({ Bucket, Key: 'tagged.txt' }))).TagSet).toEqual([{ Key: 'team', Value: 'blue' }, { Key: 'tier', Value: 'hot + cold' }]);
    expect((await s3.client.send(new HeadObjectCommand({ Bucket, Key: 'tagged.txt' }))).TagCount).toBe(2);
    await s3.client.send(new DeleteObjectTaggingCommand({ Bucket, Key: 'tagged.txt' }));
    expect((await s3.client.send(new GetObjectTaggingCommand({ Bucket, Key: 'tagged.txt' }))).TagSet).toEqual([]);
  });

  it('refuses more than 10 object tags with BadRequest, as S3 does', async () => {
    const TagSet = Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    const error = await s3ErrorOf(s3.client.send(new PutObjectTaggingCommand({ Bucket, Key: 'tagged.txt', Tagging: { TagSet } })));
    expect([error.name, error.message]).toEqual(['BadRequest', 'Object tags cannot be greater than 10']);
  });

  it('refuses keys reserved for AWS and values over 256 characters with InvalidTag', async () => {
    for (const tag of [{ Key: 'aws:createdBy', Value: 'me' }, { Key: 'long', Value: 'v'.repeat(257) }]) {
      expect((await s3ErrorOf(s3.client.send(new PutObjectTaggingCommand({ Bucket, Key: 'tagged.txt', Tagging: { TagSet: [tag] } })))).name).toBe('InvalidTag');
    }
  });

  it('refuses tag keys and values with characters outside S3\'s tag pattern with InvalidTag, naming them', async () => {
    for (const [tag, message] of [
      [{ Key: 'ke&y', Value: 'v' }, 'The TagKey you have provided is invalid'],
      [{ Key: 'user!name', Value: 'v' }, 'The TagKey you have provided is invalid'],
      [{ Key: 'k', Value: 'comma,separated' }, 'The TagValue you have provided is invalid'],
      [{ Key: 'k', Value: '(parentheses)' }, 'The TagValue you have provided is invalid'],
    ] as const) {
      const error = await s3ErrorOf(s3.client.send(new PutObjectTaggingCommand({ Bucket, Key: 'tagged.txt', Tagging: { TagSet: [tag] } })));
      expect([error.name, error.message]).toEqual(['InvalidTag', message]);
    }
    await s3.client.send(new PutObjectTaggingCommand({ Bucket, Key: 'tagged.txt', Tagging: { TagSet: [{ Key: 'a-b_c.d:e/f=g+h@i j', Value: 'é 9' }] } }));
  });

  it('answers NoSuchKey for tags of a key that does not exist', async () => {
    expect((await s3ErrorOf(s3.client.send(new GetObjectTaggingCommand({ Bucket, Key: 'never-written' })))).name).toBe('NoSuchKey');
    expect((await s3ErrorOf(s3.client.send(new PutObjectTaggingCommand({ Bucket, Key: 'never-written', Tagging: { TagSet: [] } })))).name).toBe('NoSuchKey');
  });

  it('takes tags from the x-amz-tagging header of PutObject, counted by x-amz-tagging-count', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'header-tagged.txt', Body: 'x', Tagging: 'team=blue&note=a%20b%2Bc' }));
    expect((await s3.client.send(new GetObjectTaggingCommand({ Bucket, Key: 'header-tagged.txt' }))).TagSet).toEqual([{ Key: 'team', Value: 'blue' }, { Key: 'note', Value: 'a b+c' }]);
    expect((await s3.client.send(new HeadObjectCommand({ Bucket, Key: 'header-tagged.txt' }))).TagCount).toBe(2);
  });

  it('applies the same limits to the x-amz-tagging header, storing nothing when they fail', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `k${i}=v`).join('&');
    expect((await s3ErrorOf(s3.client.send(new PutObjectCommand({ Bucket, Key: 'too-many-tags.txt', Body: 'x', Tagging: eleven })))).name).toBe('BadRequest');
    expect((await s3ErrorOf(s3.client.send(new PutObjectCommand({ Bucket, Key: 'too-many-tags.txt', Body: 'x', Tagging: 'a=val%3F' })))).name).toBe('InvalidTag');
    expect((await s3ErrorOf(s3.client.send(new HeadObjectCommand({ Bucket, Key: 'too-many-tags.txt' })))).$metadata.httpStatusCode).toBe(404);
  });

  it('refuses an x-amz-tagging header that is not URL-encoded or does not decode, names an empty key or a key twice, with InvalidArgument', async () => {
    for (const Tagging of ['key%', '=', 'a=1&a=2', 'key1=val1,key2=val2', 'a=val?']) {
      const error = await s3ErrorOf(s3.client.send(new PutObjectCommand({ Bucket, Key: 'bad-tagging.txt', Body: 'x', Tagging })));
      expect([error.name, error.message]).toEqual(['InvalidArgument', "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates."]);
    }
    expect((await s3ErrorOf(s3.client.send(new HeadObjectCommand({ Bucket, Key: 'bad-tagging.txt' })))).$metadata.httpStatusCode).toBe(404);
  });
});

describe('bucket sub-resources', () => {
  it('bucket tagging: NoSuchTagSet until put', async () => {
    expect((await s3ErrorOf(s3.client.send(new GetBucketTaggingCommand({ Bucket })))).name).toBe('NoSuchTagSet');
    await s3.client.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: [{ Key: 'env', Value: 'dev' }] } }));
    expect((await s3.client.send(new GetBucketTaggingCommand({ Bucket }))).TagSet).toEqual([{ Key: 'env', Value: 'dev' }]);
    await s3.client.send(new DeleteBucketTaggingCommand({ Bucket }));
    expect((await s3ErrorOf(s3.client.send(new GetBucketTaggingCommand({ Bucket })))).name).toBe('NoSuchTagSet');
  });

  it('bucket tagging: 50 tags are allowed, 51 are InvalidTag', async () => {
    const tags = (count: number) => Array.from({ length: count }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await s3.client.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: tags(50) } }));
    expect((await s3ErrorOf(s3.client.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: tags(51) } })))).name).toBe('InvalidTag');
    await s3.client.send(new DeleteBucketTaggingCommand({ Bucket }));
  });

  it('every bucket encrypts with SSE-S3 until told otherwise, as S3 does since January 2023, and DeleteBucketEncryption resets it to SSE-S3', async () => {
    const sseS3 = [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }];
    const rules = async () => (await s3.client.send(new GetBucketEncryptionCommand({ Bucket }))).ServerSideEncryptionConfiguration?.Rules;
    expect(await rules()).toEqual(sseS3);
    const put = await s3.client.send(new PutObjectCommand({ Bucket, Key: 'sse-s3-by-default', Body: 'x' }));
    const head = await s3.client.send(new HeadObjectCommand({ Bucket, Key: 'sse-s3-by-default' }));
    expect([put.ServerSideEncryption, head.ServerSideEncryption, head.BucketKeyEnabled]).toEqual(['AES256', 'AES256', undefined]);
    const upload = await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'sse-s3-parts' }));
    expect(upload.ServerSideEncryption).toBe('AES256');
    await s3.client.send(new AbortMultipartUploadCommand({ Bucket, Key: 'sse-s3-parts', UploadId: upload.UploadId }));
    await s3.client.send(new PutBucketEncryptionCommand({ Bucket, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] } }));
    await s3.client.send(new DeleteBucketEncryptionCommand({ Bucket }));
    expect(await rules()).toEqual(sseS3);
  });

  it('default encryption applies to objects written without SSE headers', async () => {
    await s3.client.send(
      new PutBucketEncryptionCommand({ Bucket, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/test' } }] } }),
    );
    const rule = (await s3.client.send(new GetBucketEncryptionCommand({ Bucket }))).ServerSideEncryptionConfiguration?.Rules?.[0];
    expect(rule?.ApplyServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/test' });
    const put = await s3.client.send(new PutObjectCommand({ Bucket, Key: 'encrypted-by-default', Body: 'x' }));
    expect([put.ServerSideEncryption, put.SSEKMSKeyId]).toEqual(['aws:kms', 'alias/test']);
  });

  it('versioning state is stored and reported', async () => {
    expect((await s3.client.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBeUndefined();
    await s3.client.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended' } }));
    expect((await s3.client.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBe('Suspended');
  });

  it('GetObjectAttributes answers the attributes asked for', async () => {
    const attributes = await s3.client.send(new GetObjectAttributesCommand({ Bucket, Key: 'tagged.txt', ObjectAttributes: ['ETag', 'ObjectSize', 'StorageClass'] }));
    expect(attributes).toMatchObject({ ETag: '9dd4e461268c8034f5c8564e155c67a6', ObjectSize: 1, StorageClass: 'STANDARD' });
  });
});
