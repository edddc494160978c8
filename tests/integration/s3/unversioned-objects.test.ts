/**
 * Every object here is version `null`, as in an S3 bucket that never had versioning enabled:
 * requests may name that version, and a version id S3 could not have issued is refused.
 */
import { DeleteObjectCommand, DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { RunningServer } from '../../../src/kit';
import { s3ErrorOf } from './s3-error';
import { s3Client } from './sdk-client';
import { startS3 } from './s3-test-server';

let server: RunningServer;
let client: S3Client;
const Bucket = 'test-bucket';

beforeAll(async () => {
  server = await startS3();
  client = s3Client(server);
});
afterAll(async () => {
  client.destroy();
  await server.close();
});

const exists = (Key: string) => client.send(new HeadObjectCommand({ Bucket, Key })).then(() => true, () => false);

describe('version ids of an unversioned bucket', () => {
  it('serves, heads and deletes an object named with VersionId null', async () => {
    await client.send(new PutObjectCommand({ Bucket, Key: 'v.txt', Body: 'current' }));
    expect(await (await client.send(new GetObjectCommand({ Bucket, Key: 'v.txt', VersionId: 'null' }))).Body!.transformToString()).toBe('current');
    expect((await client.send(new HeadObjectCommand({ Bucket, Key: 'v.txt', VersionId: 'null' }))).ContentLength).toBe(7);
    await client.send(new DeleteObjectCommand({ Bucket, Key: 'v.txt', VersionId: 'null' }));
    expect(await exists('v.txt')).toBe(false);
  });

  it('refuses any other version id with InvalidArgument, leaving the object alone', async () => {
    await client.send(new PutObjectCommand({ Bucket, Key: 'kept.txt', Body: 'kept' }));
    for (const command of [new GetObjectCommand({ Bucket, Key: 'kept.txt', VersionId: 'v2' }), new DeleteObjectCommand({ Bucket, Key: 'kept.txt', VersionId: 'v2' })]) {
      const error = await s3ErrorOf(client.send(command));
      expect([error.name, error.$metadata.httpStatusCode, error.message]).toEqual(['InvalidArgument', 400, 'Invalid version id specified']);
    }
    expect(await exists('kept.txt')).toBe(true);
  });

  it('DeleteObjects echoes VersionId null and reports other versions as NoSuchVersion errors, even when Quiet', async () => {
    for (const Key of ['a.txt', 'b.txt']) await client.send(new PutObjectCommand({ Bucket, Key, Body: Key }));
    const result = await client.send(
      new DeleteObjectsCommand({ Bucket, Delete: { Quiet: false, Objects: [{ Key: 'a.txt', VersionId: 'null' }, { Key: 'b.txt', VersionId: 'v9' }] } }),
    );
    expect(result.Deleted).toEqual([{ Key: 'a.txt', VersionId: 'null' }]);
    expect(result.Errors).toEqual([{ Key: 'b.txt', VersionId: 'v9', Code: 'NoSuchVersion', Message: 'The specified version does not exist.' }]);
    const quiet = await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Quiet: true, Objects: [{ Key: 'b.txt', VersionId: 'v9' }] } }));
    expect(quiet.Errors?.map((error) => error.Code)).toEqual(['NoSuchVersion']);
    expect([await exists('a.txt'), await exists('b.txt')]).toEqual([false, true]);
  });
});
