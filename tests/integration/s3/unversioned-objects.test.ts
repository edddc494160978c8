/**
 * In a bucket that never had versioning enabled every object is version `null`: requests may
 * name that version, and a version id S3 could not have issued is refused.
 */
import { DeleteObjectCommand, DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { s3ErrorOf } from './s3-error';
import { useS3 } from './s3-fixture';

const s3 = useS3();
const Bucket = 'test-bucket';

const exists = (Key: string) => s3.client.send(new HeadObjectCommand({ Bucket, Key })).then(() => true, () => false);

describe('version ids of an unversioned bucket', () => {
  it('serves, heads and deletes an object named with VersionId null', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'v.txt', Body: 'current' }));
    expect(await (await s3.client.send(new GetObjectCommand({ Bucket, Key: 'v.txt', VersionId: 'null' }))).Body!.transformToString()).toBe('current');
    expect((await s3.client.send(new HeadObjectCommand({ Bucket, Key: 'v.txt', VersionId: 'null' }))).ContentLength).toBe(7);
    await s3.client.send(new DeleteObjectCommand({ Bucket, Key: 'v.txt', VersionId: 'null' }));
    expect(await exists('v.txt')).toBe(false);
  });

  it('refuses any other version id with InvalidArgument, leaving the object alone', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'kept.txt', Body: 'kept' }));
    for (const VersionId of ['v2', 'HPniJFCxqTsMuIH9KX8K8wEjNUgmABCD']) {
      for (const command of [new GetObjectCommand({ Bucket, Key: 'kept.txt', VersionId }), new DeleteObjectCommand({ Bucket, Key: 'kept.txt', VersionId })]) {
        const error = await s3ErrorOf(s3.client.send(command));
        expect([error.name, error.$metadata.httpStatusCode, error.message]).toEqual(['InvalidArgument', 400, 'Invalid version id specified']);
      }
    }
    expect(await exists('kept.txt')).toBe(true);
  });

  it('DeleteObjects echoes VersionId null and reports any other version id as a NoSuchVersion error, even when Quiet', async () => {
    for (const Key of ['a.txt', 'b.txt']) await s3.client.send(new PutObjectCommand({ Bucket, Key, Body: Key }));
    const forged = 'HPniJFCxqTsMuIH9KX8K8wEjNUgmABCD';
    const result = await s3.client.send(
      new DeleteObjectsCommand({ Bucket, Delete: { Quiet: false, Objects: [{ Key: 'a.txt', VersionId: 'null' }, { Key: 'b.txt', VersionId: forged }] } }),
    );
    expect(result.Deleted).toEqual([{ Key: 'a.txt', VersionId: 'null' }]);
    expect(result.Errors).toEqual([{ Key: 'b.txt', VersionId: forged, Code: 'NoSuchVersion', Message: 'The specified version does not exist.' }]);
    const quiet = await s3.client.send(new DeleteObjectsCommand({ Bucket, Delete: { Quiet: true, Objects: [{ Key: 'b.txt', VersionId: 'v9' }] } }));
    expect(quiet.Errors?.map((error) => error.Code)).toEqual(['NoSuchVersion']);
    expect([await exists('a.txt'), await exists('b.txt')]).toEqual([false, true]);
  });
});
