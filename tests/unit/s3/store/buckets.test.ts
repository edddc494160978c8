import { Readable } from 'node:stream';
import { BACKENDS, putText, useStore } from './store-fixture';

describe.each(BACKENDS)('buckets (%s backend)', (storage) => {
  const handle = useStore(storage, { defaultRegion: 'eu-west-1' });

  it('creates a bucket in the default region unless a LocationConstraint is given', async () => {
    const plain = await handle.store.createBucket('plain');
    const located = await handle.store.createBucket('located', { region: 'ap-south-1' });
    expect(plain.region).toBe('eu-west-1');
    expect(located.region).toBe('ap-south-1');
    expect((await handle.store.headBucket('located')).region).toBe('ap-south-1');
    expect(plain.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('refuses to create a bucket twice', async () => {
    await handle.store.createBucket('twice');
    await expect(handle.store.createBucket('twice')).rejects.toMatchObject({ code: 'BucketAlreadyOwnedByYou' });
  });

  it('refuses invalid and reserved bucket names', async () => {
    await expect(handle.store.createBucket('Upper')).rejects.toMatchObject({ code: 'InvalidBucketName' });
    await expect(handle.store.createBucket('admin')).rejects.toMatchObject({ code: 'InvalidBucketName' });
  });

  it('lists buckets sorted by name', async () => {
    for (const name of ['zeta', 'alpha', 'mid-dle']) await handle.store.createBucket(name);
    expect((await handle.store.listBuckets()).map((bucket) => bucket.name)).toEqual(['alpha', 'mid-dle', 'zeta']);
  });

  it('answers NoSuchBucket for a missing bucket', async () => {
    await expect(handle.store.headBucket('missing')).rejects.toMatchObject({ code: 'NoSuchBucket', fields: { BucketName: 'missing' } });
    await expect(handle.store.deleteBucket('missing')).rejects.toMatchObject({ code: 'NoSuchBucket' });
    await expect(handle.store.listObjects({ bucket: 'missing' })).rejects.toMatchObject({ code: 'NoSuchBucket' });
  });

  it('refuses to delete a bucket holding an object, then deletes it once empty', async () => {
    await handle.store.createBucket('full');
    await putText(handle.store, 'full', 'k', 'v');
    await expect(handle.store.deleteBucket('full')).rejects.toMatchObject({ code: 'BucketNotEmpty', message: 'The bucket you tried to delete is not empty' });
    await handle.store.deleteObject('full', 'k');
    await handle.store.deleteBucket('full');
    await expect(handle.store.headBucket('full')).rejects.toMatchObject({ code: 'NoSuchBucket' });
  });

  it('deletes a bucket with an in-progress multipart upload, and the upload with it (as S3)', async () => {
    await handle.store.createBucket('uploading');
    const upload = await handle.store.createMultipartUpload({ bucket: 'uploading', key: 'big', metadata: {} });
    await handle.store.uploadPart({ bucket: 'uploading', key: 'big', uploadId: upload.uploadId, partNumber: 1, body: Readable.from([Buffer.from('part')]) });
    await handle.store.deleteBucket('uploading');
    await handle.store.createBucket('uploading');
    expect((await handle.store.listMultipartUploads({ bucket: 'uploading' })).uploads).toEqual([]);
  });

  it('refuses to delete a bucket that holds only a delete marker', async () => {
    await handle.store.createBucket('marked');
    await handle.store.putBucketConfig('marked', 'versioning', 'Enabled');
    await handle.store.deleteObject('marked', 'gone');
    await expect(handle.store.deleteBucket('marked')).rejects.toMatchObject({ code: 'BucketNotEmpty', message: 'The bucket you tried to delete is not empty. You must delete all versions in the bucket.' });
  });

  it('stores, replaces and deletes bucket tagging, CORS, encryption and versioning', async () => {
    await handle.store.createBucket('configured');
    expect(await handle.store.getBucketConfig('configured', 'cors')).toBeUndefined();
    const cors = [{ allowedOrigins: ['*'], allowedMethods: ['GET', 'PUT'], maxAgeSeconds: 600 }];
    await handle.store.putBucketConfig('configured', 'cors', cors);
    await handle.store.putBucketConfig('configured', 'tagging', [{ key: 'team', value: 'images' }]);
    await handle.store.putBucketConfig('configured', 'versioning', 'Suspended');
    await handle.store.putBucketConfig('configured', 'tagging', [{ key: 'team', value: 'web' }]);
    expect(await handle.store.getBucketConfig('configured', 'cors')).toEqual(cors);
    expect(await handle.store.getBucketConfig('configured', 'tagging')).toEqual([{ key: 'team', value: 'web' }]);
    expect(await handle.store.getBucketConfig('configured', 'versioning')).toBe('Suspended');
    await handle.store.deleteBucketConfig('configured', 'cors');
    expect(await handle.store.getBucketConfig('configured', 'cors')).toBeUndefined();
    expect(await handle.store.getBucketConfig('configured', 'versioning')).toBe('Suspended');
  });

  it("applies the bucket's default encryption to objects written without SSE headers", async () => {
    await handle.store.createBucket('encrypted');
    await handle.store.putBucketConfig('encrypted', 'encryption', { algorithm: 'aws:kms', kmsKeyId: 'key-1' });
    const defaulted = await putText(handle.store, 'encrypted', 'a', 'x');
    const explicit = await putText(handle.store, 'encrypted', 'b', 'x', { metadata: { sse: { algorithm: 'AES256' } } });
    expect(defaulted.sse).toEqual({ algorithm: 'aws:kms', kmsKeyId: 'key-1' });
    expect(explicit.sse).toEqual({ algorithm: 'AES256' });
  });

  it('reports object counts and bytes per bucket, and reset empties everything', async () => {
    await handle.store.createBucket('one');
    await handle.store.createBucket('two');
    await putText(handle.store, 'one', 'a', '12345');
    await putText(handle.store, 'one', 'b', '678');
    const stats = await handle.store.bucketStats();
    expect(stats.map(({ name, objectCount, totalBytes }) => ({ name, objectCount, totalBytes }))).toEqual([
      { name: 'one', objectCount: 2, totalBytes: 8 },
      { name: 'two', objectCount: 0, totalBytes: 0 },
    ]);
    const infos = (await handle.store.listObjectInfos({ bucket: 'one' })).objects;
    expect(infos.map((info) => [info.key, info.size, info.etag])).toEqual([
      ['a', 5, '827ccb0eea8a706c4c34a16891f84e7b'],
      ['b', 3, '9fe8593a8a330607d76796b35c64c600'],
    ]);
    await handle.store.reset();
    expect(await handle.store.listBuckets()).toEqual([]);
    await handle.store.createBucket('one');
    await expect(handle.store.headObject('one', 'a')).rejects.toMatchObject({ code: 'NoSuchKey' });
  });
});
