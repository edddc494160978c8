/**
 * Conditional deletes from @aws-sdk/client-s3: DeleteObject's If-Match (and the last-modified time
 * and size S3 documents for directory buckets), on the current object or a named version, and
 * DeleteObjects' per-object ETag, LastModifiedTime and Size.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-deletes.html
 */
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  HeadObjectCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { s3ErrorOf } from './s3-error';
import { useS3 } from './s3-fixture';

const s3 = useS3();
const Bucket = 'test-bucket';
const Versioned = 'conditional-deletes-versioned';
const STALE_ETAG = '"00000000000000000000000000000000"';

const exists = async (Key: string, VersionId?: string) =>
  s3.client.send(new HeadObjectCommand({ Bucket: VersionId ? Versioned : Bucket, Key, VersionId })).then(
    () => true,
    () => false,
  );

beforeAll(async () => {
  await s3.client.send(new CreateBucketCommand({ Bucket: Versioned }));
  await s3.client.send(new PutBucketVersioningCommand({ Bucket: Versioned, VersioningConfiguration: { Status: 'Enabled' } }));
});

describe('DeleteObject with conditions', () => {
  it('If-Match deletes only the object with that ETag (412 otherwise), and a missing key is NoSuchKey', async () => {
    const { ETag } = await s3.client.send(new PutObjectCommand({ Bucket, Key: 'kept.txt', Body: 'v1' }));
    const stale = await s3ErrorOf(s3.client.send(new DeleteObjectCommand({ Bucket, Key: 'kept.txt', IfMatch: STALE_ETAG })));
    expect([stale.name, stale.$metadata.httpStatusCode]).toEqual(['PreconditionFailed', 412]);
    expect(await exists('kept.txt')).toBe(true);
    await s3.client.send(new DeleteObjectCommand({ Bucket, Key: 'kept.txt', IfMatch: ETag }));
    expect(await exists('kept.txt')).toBe(false);
    const missing = await s3ErrorOf(s3.client.send(new DeleteObjectCommand({ Bucket, Key: 'kept.txt', IfMatch: '*' })));
    expect([missing.name, missing.$metadata.httpStatusCode]).toEqual(['NoSuchKey', 404]);
  });

  it('checks the last-modified time and size, and lets them delete a missing key', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'sized.txt', Body: 'four' }));
    const { LastModified } = await s3.client.send(new HeadObjectCommand({ Bucket, Key: 'sized.txt' }));
    const wrongSize = await s3ErrorOf(s3.client.send(new DeleteObjectCommand({ Bucket, Key: 'sized.txt', IfMatchSize: 5 })));
    const wrongTime = await s3ErrorOf(s3.client.send(new DeleteObjectCommand({ Bucket, Key: 'sized.txt', IfMatchLastModifiedTime: new Date('2015-01-01T00:00:00Z') })));
    expect([wrongSize.$metadata.httpStatusCode, wrongTime.$metadata.httpStatusCode]).toEqual([412, 412]);
    await s3.client.send(new DeleteObjectCommand({ Bucket, Key: 'sized.txt', IfMatchSize: 4, IfMatchLastModifiedTime: LastModified }));
    expect(await exists('sized.txt')).toBe(false);
    const again = await s3.client.send(new DeleteObjectCommand({ Bucket, Key: 'sized.txt', IfMatchSize: 5 }));
    expect(again.$metadata.httpStatusCode).toBe(204);
  });

  it('evaluates If-Match against the version named, and against the current one (a delete marker is no object)', async () => {
    const first = await s3.client.send(new PutObjectCommand({ Bucket: Versioned, Key: 'doc.txt', Body: 'v1' }));
    const second = await s3.client.send(new PutObjectCommand({ Bucket: Versioned, Key: 'doc.txt', Body: 'v2' }));
    const stale = await s3ErrorOf(s3.client.send(new DeleteObjectCommand({ Bucket: Versioned, Key: 'doc.txt', VersionId: first.VersionId, IfMatch: second.ETag })));
    expect(stale.$metadata.httpStatusCode).toBe(412);
    await s3.client.send(new DeleteObjectCommand({ Bucket: Versioned, Key: 'doc.txt', VersionId: first.VersionId, IfMatch: first.ETag }));
    expect(await exists('doc.txt', first.VersionId)).toBe(false);
    const marker = await s3.client.send(new DeleteObjectCommand({ Bucket: Versioned, Key: 'doc.txt', IfMatch: second.ETag }));
    expect(marker.DeleteMarker).toBe(true);
    expect((await s3ErrorOf(s3.client.send(new DeleteObjectCommand({ Bucket: Versioned, Key: 'doc.txt', IfMatch: '*' })))).name).toBe('NoSuchKey');
    expect(await exists('doc.txt', second.VersionId)).toBe(true);
  });
});

describe('DeleteObjects with per-object conditions', () => {
  it('deletes the entries whose ETag, time and size hold and reports the others as PreconditionFailed', async () => {
    const { ETag } = await s3.client.send(new PutObjectCommand({ Bucket, Key: 'batch-a', Body: 'a' }));
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'batch-b', Body: 'b' }));
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'batch-c', Body: 'c' }));
    const result = await s3.client.send(
      new DeleteObjectsCommand({
        Bucket,
        Delete: {
          Objects: [
            { Key: 'batch-a', ETag },
            { Key: 'batch-b', ETag: STALE_ETAG },
            { Key: 'batch-c', Size: 2, LastModifiedTime: new Date('2015-01-01T00:00:00Z') },
          ],
        },
      }),
    );
    expect(result.Deleted?.map((entry) => entry.Key)).toEqual(['batch-a']);
    expect(result.Errors?.map((entry) => [entry.Key, entry.Code])).toEqual([
      ['batch-b', 'PreconditionFailed'],
      ['batch-c', 'PreconditionFailed'],
    ]);
    expect([await exists('batch-a'), await exists('batch-b'), await exists('batch-c')]).toEqual([false, true, true]);
  });
});
