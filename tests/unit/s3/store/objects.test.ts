import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { S3Error } from '../../../../src/s3/errors';
import type { ServerSideEncryption } from '../../../../src/s3/store';
import { BACKENDS, failingStream, getText, putText, readAll, streamOf, useStore } from './store-fixture';

const md5Hex = (content: string | Buffer) => createHash('md5').update(content).digest('hex');
const md5Base64 = (content: string | Buffer) => createHash('md5').update(content).digest('base64');

describe.each(BACKENDS)('objects (%s backend)', (storage) => {
  const handle = useStore(storage);
  beforeEach(() => handle.store.createBucket('bucket'));

  it('round-trips the bytes and every piece of metadata', async () => {
    const metadata = {
      contentType: 'image/png',
      contentEncoding: 'gzip',
      contentDisposition: 'attachment; filename="a.png"',
      contentLanguage: 'en',
      cacheControl: 'max-age=60',
      expires: 'Thu, 01 Dec 2094 16:00:00 GMT',
      userMetadata: { 'Camera-Model': 'X100 ', lens: 'ünïcode' },
      sse: { customerAlgorithm: 'AES256', customerKeyMd5: 'a2V5bWQ1' },
      tags: [{ key: 'kind', value: 'photo' }],
      storageClass: 'STANDARD_IA',
    };
    const put = await putText(handle.store, 'bucket', 'photos/a.png', 'png bytes', { metadata });
    const { object, body, range } = await handle.store.getObject('bucket', 'photos/a.png');
    expect((await readAll(body)).toString()).toBe('png bytes');
    expect(range).toBeUndefined();
    expect(object).toMatchObject({ ...metadata, bucket: 'bucket', key: 'photos/a.png', size: 9, etag: put.etag });
    expect((await handle.store.headObject('bucket', 'photos/a.png')).object).toEqual(object);
  });

  it('takes the MD5 as ETag, except for SSE-C and SSE-KMS objects, whose ETags S3 makes no digest of their bytes', async () => {
    const etagOf = async (key: string, sse?: ServerSideEncryption) => (await putText(handle.store, 'bucket', key, 'same bytes', { metadata: { sse } })).etag;
    expect(await etagOf('plain')).toBe(md5Hex('same bytes'));
    expect(await etagOf('sse-s3', { algorithm: 'AES256' })).toBe(md5Hex('same bytes'));
    const opaque = [await etagOf('sse-c', { customerAlgorithm: 'AES256', customerKeyMd5: 'a2V5bWQ1' }), await etagOf('sse-kms', { algorithm: 'aws:kms' }), await etagOf('dsse-kms', { algorithm: 'aws:kms:dsse' })];
    for (const etag of opaque) expect(etag).toMatch(/^[0-9a-f]{32}$/);
    expect(opaque).not.toContain(md5Hex('same bytes'));
    expect((await handle.store.headObject('bucket', 'sse-kms')).object.etag).toBe(opaque[1]);
  });

  it.each([['small', 5], ['large', 200 * 1024]])('stores a %s body read whole, with its digests checked on the same pass', async (_, size) => {
    const bytes = Buffer.alloc(size, 'w');
    const read = jest.fn(async () => bytes);
    const put = await handle.store.putObject({ bucket: 'bucket', key: 'whole', body: read, metadata: {}, checksumAlgorithms: ['crc32'], expect: { contentMd5: md5Base64(bytes) } });
    expect([read.mock.calls.length, put.etag, put.size]).toEqual([1, md5Hex(bytes), size]);
    expect((await readAll((await handle.store.getObject('bucket', 'whole')).body)).equals(bytes)).toBe(true);
    const wrongMd5 = handle.store.putObject({ bucket: 'bucket', key: 'whole', body: async () => Buffer.from('other'), metadata: {}, expect: { contentMd5: md5Base64(bytes) } });
    await expect(wrongMd5).rejects.toMatchObject({ code: 'BadDigest' });
    expect((await readAll((await handle.store.getObject('bucket', 'whole')).body)).equals(bytes)).toBe(true);
  });

  it('does not read a whole body when a write condition already fails', async () => {
    await putText(handle.store, 'bucket', 'taken', 'first');
    const read = jest.fn(async () => Buffer.from('second'));
    await expect(handle.store.putObject({ bucket: 'bucket', key: 'taken', body: read, metadata: {}, ifNoneMatch: '*' })).rejects.toMatchObject({ code: 'PreconditionFailed' });
    expect(read).not.toHaveBeenCalled();
  });

  it('keeps Last-Modified to the second, as S3 HTTP dates show it', async () => {
    const put = await putText(handle.store, 'bucket', 'k', 'v');
    expect(put.lastModified.getMilliseconds()).toBe(0);
    expect(Math.abs(put.lastModified.getTime() - Date.now())).toBeLessThan(2000);
  });

  it('computes the requested checksums with the values the AWS SDK expects', async () => {
    const put = await putText(handle.store, 'bucket', 'k', '123456789', {
      checksumAlgorithms: ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'],
    });
    expect(put.checksums).toEqual({
      crc32: Buffer.from('cbf43926', 'hex').toString('base64'), // CRC-32 check value
      crc32c: Buffer.from('e3069283', 'hex').toString('base64'), // CRC-32C check value
      crc64nvme: Buffer.from('ae8b14860a799888', 'hex').toString('base64'), // CRC-64/NVME check value
      sha1: createHash('sha1').update('123456789').digest('base64'),
      sha256: createHash('sha256').update('123456789').digest('base64'),
    });
    expect((await handle.store.headObject('bucket', 'k')).object.checksums).toEqual(put.checksums);
  });

  it('accepts a matching Content-MD5 and announced checksum', async () => {
    const sha256 = createHash('sha256').update('payload').digest('base64');
    const put = await putText(handle.store, 'bucket', 'k', 'payload', { expect: { contentMd5: md5Base64('payload'), checksums: { sha256 } } });
    expect(put.checksums).toEqual({ sha256 });
  });

  it('refuses a body whose Content-MD5 does not match, naming both digests as S3 does, keeping the previous object', async () => {
    await putText(handle.store, 'bucket', 'k', 'old');
    const attempt = putText(handle.store, 'bucket', 'k', 'new', { expect: { contentMd5: md5Base64('other') } });
    await expect(attempt).rejects.toMatchObject({
      code: 'BadDigest',
      algorithm: 'md5',
      message: 'The Content-MD5 you specified did not match what we received.',
      fields: { ExpectedDigest: md5Hex('other'), CalculatedDigest: md5Base64('new') },
    });
    expect(await getText(handle.store, 'bucket', 'k')).toBe('old');
  });

  it('refuses a checksum announced in a trailer (read after the body) that does not match, storing nothing', async () => {
    let trailer = {};
    const body = streamOf('data');
    body.on('end', () => (trailer = { checksums: { crc32: 'AAAAAA==' } }));
    const attempt = handle.store.putObject({ bucket: 'bucket', key: 'k', body, metadata: {}, checksumAlgorithms: ['crc32'], expect: () => trailer });
    await expect(attempt).rejects.toMatchObject({ code: 'BadDigest', algorithm: 'crc32' });
    await expect(handle.store.headObject('bucket', 'k')).rejects.toMatchObject({ code: 'NoSuchKey' });
  });

  it('checks the SHA-256 the request was signed with on its one pass, also where it is a SHA-256 checksum too', async () => {
    const signed = createHash('sha256').update('signed body').digest('hex');
    const object = await putText(handle.store, 'bucket', 'k', 'signed body', { payloadSha256: signed, checksumAlgorithms: ['sha256'] });
    expect(object.checksums.sha256).toBe(Buffer.from(signed, 'hex').toString('base64'));
    for (const checksumAlgorithms of [[], ['sha256' as const]]) {
      await expect(putText(handle.store, 'bucket', 'k', 'another body', { payloadSha256: signed, checksumAlgorithms })).rejects.toMatchObject({
        code: 'XAmzContentSHA256Mismatch',
        fields: { ClientComputedContentSHA256: signed, S3ComputedContentSHA256: createHash('sha256').update('another body').digest('hex') },
      });
    }
    expect(await getText(handle.store, 'bucket', 'k')).toBe('signed body');
  });

  it('rejects with the input stream error and stores nothing when the upload is cut', async () => {
    await expect(putText(handle.store, 'bucket', 'k', '', { body: failingStream('partial') })).rejects.toThrow('client went away');
    await expect(handle.store.headObject('bucket', 'k')).rejects.toMatchObject({ code: 'NoSuchKey' });
    expect((await handle.store.bucketStats())[0].objectCount).toBe(0);
  });

  it('answers NoSuchBucket / NoSuchKey for missing objects', async () => {
    // S3 names the key alone (localstack's recorded answers: test_delete_object_versioned 'get-deleted-object', and every NoSuchKey it recorded).
    const missing = (await handle.store.getObject('bucket', 'nope').catch((error: unknown) => error)) as S3Error;
    expect([missing.code, missing.fields]).toEqual(['NoSuchKey', { Key: 'nope' }]);
    await expect(putText(handle.store, 'missing', 'k', 'v')).rejects.toMatchObject({ code: 'NoSuchBucket' });
  });

  describe('ranges', () => {
    beforeEach(() => putText(handle.store, 'bucket', 'digits', '0123456789'));
    const read = async (range: Parameters<typeof handle.store.getObject>[2]) => {
      const result = await handle.store.getObject('bucket', 'digits', range);
      return { range: result.range, text: (await readAll(result.body)).toString() };
    };

    it('serves bytes=start-end, start- and -suffix', async () => {
      expect(await read({ range: { start: 2, end: 4 } })).toEqual({ range: { start: 2, end: 4 }, text: '234' });
      expect(await read({ range: { start: 7 } })).toEqual({ range: { start: 7, end: 9 }, text: '789' });
      expect(await read({ range: { suffixLength: 3 } })).toEqual({ range: { start: 7, end: 9 }, text: '789' });
    });

    it('clamps an end or suffix past the object to its size', async () => {
      expect(await read({ range: { start: 8, end: 100 } })).toEqual({ range: { start: 8, end: 9 }, text: '89' });
      expect(await read({ range: { suffixLength: 50 } })).toEqual({ range: { start: 0, end: 9 }, text: '0123456789' });
    });

    it('answers InvalidRange with the size for a start past the end', async () => {
      await expect(handle.store.getObject('bucket', 'digits', { range: { start: 10 } })).rejects.toMatchObject({ code: 'InvalidRange', objectSize: 10 });
      await putText(handle.store, 'bucket', 'empty', '');
      await expect(handle.store.getObject('bucket', 'empty', { range: { start: 0, end: 0 } })).rejects.toMatchObject({ code: 'InvalidRange' });
    });

    // RFC 9110 §14.1.1: of an empty representation, only a suffix-range with a non-zero length is satisfiable.
    it('serves an empty object whole for a non-zero suffix, and refuses a zero one', async () => {
      await putText(handle.store, 'bucket', 'empty', '');
      expect((await handle.store.getObject('bucket', 'empty', { range: { suffixLength: 1 } })).range).toBeUndefined();
      await expect(handle.store.getObject('bucket', 'empty', { range: { suffixLength: 0 } })).rejects.toMatchObject({ code: 'InvalidRange' });
    });

    it('serves the whole object for an invalid range (last < first), as HTTP ignores it', async () => {
      expect(await read({ range: { start: 5, end: 2 } })).toEqual({ range: undefined, text: '0123456789' });
    });

    it('treats a simple object as one part for partNumber', async () => {
      expect(await read({ partNumber: 1 })).toEqual({ range: { start: 0, end: 9 }, text: '0123456789' });
      await expect(handle.store.headObject('bucket', 'digits', { partNumber: 2 })).rejects.toMatchObject({ code: 'InvalidPartNumber' });
    });
  });

  describe('conditional writes', () => {
    it('If-None-Match: * writes only when the key is free', async () => {
      await putText(handle.store, 'bucket', 'once', 'first', { ifNoneMatch: '*' });
      await expect(putText(handle.store, 'bucket', 'once', 'second', { ifNoneMatch: '*' })).rejects.toMatchObject({ code: 'PreconditionFailed' });
      expect(await getText(handle.store, 'bucket', 'once')).toBe('first');
    });

    it('If-Match writes only over the object with that ETag', async () => {
      const first = await putText(handle.store, 'bucket', 'k', 'first');
      await expect(putText(handle.store, 'bucket', 'k', 'x', { ifMatch: '"0000"' })).rejects.toMatchObject({ code: 'PreconditionFailed' });
      await putText(handle.store, 'bucket', 'k', 'second', { ifMatch: `"${first.etag}"` });
      expect(await getText(handle.store, 'bucket', 'k')).toBe('second');
      await expect(putText(handle.store, 'bucket', 'absent', 'x', { ifMatch: first.etag })).rejects.toMatchObject({ code: 'NoSuchKey' });
    });

    it('lets exactly one of several concurrent If-None-Match: * writers win', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => putText(handle.store, 'bucket', 'race', `writer ${i}`, { ifNoneMatch: '*' })),
      );
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    });

    it('commits the writers of one moment together, and fails alone one whose condition broke meanwhile', async () => {
      const put = (key: string, text: string, ifNoneMatch?: '*') => handle.store.putObject({ bucket: 'bucket', key, body: async () => Buffer.from(text), metadata: {}, ifNoneMatch });
      const [others, racers] = await Promise.all([
        Promise.allSettled(['a', 'b', 'c'].map((key) => put(key, `text ${key}`))),
        Promise.allSettled([1, 2, 3].map((i) => put('race', `racer ${i}`, '*'))),
      ]);
      expect(others.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
      expect(racers.filter((result) => result.status === 'rejected').map((result) => (result as PromiseRejectedResult).reason.code)).toEqual(['ConditionalRequestConflict', 'ConditionalRequestConflict']);
      const winner = racers.findIndex((result) => result.status === 'fulfilled');
      expect(await getText(handle.store, 'bucket', 'race')).toBe(`racer ${winner + 1}`);
      for (const key of ['a', 'b', 'c']) expect(await getText(handle.store, 'bucket', key)).toBe(`text ${key}`);
    });

    it('fails a writer whose condition held when it began but not when it commits with ConditionalRequestConflict', async () => {
      const slowBody = new PassThrough();
      const slow = handle.store.putObject({ bucket: 'bucket', key: 'contested', body: slowBody, metadata: {}, ifNoneMatch: '*' });
      slowBody.write('slow ');
      await putText(handle.store, 'bucket', 'contested', 'fast');
      slowBody.end('writer');
      await expect(slow).rejects.toMatchObject({ code: 'ConditionalRequestConflict' });
      expect(await getText(handle.store, 'bucket', 'contested')).toBe('fast');
    });

    it('treats an If-Match target deleted during the write as a conflict too', async () => {
      const first = await putText(handle.store, 'bucket', 'k', 'first');
      const slowBody = new PassThrough();
      const slow = handle.store.putObject({ bucket: 'bucket', key: 'k', body: slowBody, metadata: {}, ifMatch: first.etag });
      slowBody.write('second');
      await handle.store.deleteObject('bucket', 'k');
      slowBody.end();
      await expect(slow).rejects.toMatchObject({ code: 'ConditionalRequestConflict' });
    });
  });

  it('deletes idempotently, one key or many', async () => {
    await putText(handle.store, 'bucket', 'a', '1');
    await putText(handle.store, 'bucket', 'b', '2');
    await putText(handle.store, 'bucket', 'c', '3');
    await handle.store.deleteObject('bucket', 'a');
    await handle.store.deleteObject('bucket', 'a');
    await handle.store.deleteObjects('bucket', [{ key: 'b' }, { key: 'never-existed' }]);
    expect((await handle.store.listObjects({ bucket: 'bucket' })).objects.map((object) => object.key)).toEqual(['c']);
    await expect(handle.store.deleteObject('missing', 'a')).rejects.toMatchObject({ code: 'NoSuchBucket' });
  });

  it('copies within and across buckets with the metadata it is given', async () => {
    await handle.store.createBucket('other');
    const source = await putText(handle.store, 'bucket', 'src', 'copy me', {
      metadata: { contentType: 'text/plain', userMetadata: { a: '1' } },
      checksumAlgorithms: ['crc32'],
    });
    const copied = await handle.store.copyObject({
      source: await handle.store.getObject('bucket', 'src'),
      target: { bucket: 'other', key: 'dst' },
      metadata: { contentType: 'text/markdown' },
    });
    expect(copied).toMatchObject({ bucket: 'other', key: 'dst', etag: source.etag, contentType: 'text/markdown', checksums: source.checksums });
    expect(copied.userMetadata).toBeUndefined();
    expect(await getText(handle.store, 'other', 'dst')).toBe('copy me');
    const self = await handle.store.copyObject({ source: await handle.store.getObject('bucket', 'src'), target: { bucket: 'bucket', key: 'src' }, metadata: { contentType: 'a/b' } });
    expect(self.contentType).toBe('a/b');
    expect(await getText(handle.store, 'bucket', 'src')).toBe('copy me');
  });

  it('fails a copy from a missing source or to a missing bucket without side effects', async () => {
    await putText(handle.store, 'bucket', 'src', 'x');
    const copy = async (source: string, targetBucket: string) =>
      handle.store.copyObject({ source: await handle.store.getObject('bucket', source), target: { bucket: targetBucket, key: 'dst' }, metadata: {} });
    await expect(copy('nope', 'bucket')).rejects.toMatchObject({ code: 'NoSuchKey' });
    await expect(copy('src', 'missing')).rejects.toMatchObject({ code: 'NoSuchBucket' });
  });

  it('puts, gets and deletes object tags without changing ETag or Last-Modified', async () => {
    const put = await putText(handle.store, 'bucket', 'k', 'v', { metadata: { tags: [{ key: 'a', value: '1' }] } });
    expect(await handle.store.getObjectTags('bucket', 'k')).toEqual([{ key: 'a', value: '1' }]);
    await handle.store.putObjectTags('bucket', 'k', [{ key: 'b', value: '2' }]);
    expect(await handle.store.getObjectTags('bucket', 'k')).toEqual([{ key: 'b', value: '2' }]);
    await handle.store.deleteObjectTags('bucket', 'k');
    expect(await handle.store.getObjectTags('bucket', 'k')).toEqual([]);
    const { object } = await handle.store.headObject('bucket', 'k');
    expect([object.etag, object.lastModified]).toEqual([put.etag, put.lastModified]);
    await expect(handle.store.putObjectTags('bucket', 'nope', [])).rejects.toMatchObject({ code: 'NoSuchKey' });
  });

  it('ends 20 concurrent writers of one key with exactly one of their bodies, intact', async () => {
    const bodies = Array.from({ length: 20 }, (_, i) => Buffer.alloc(200_000 + i, i + 1));
    await Promise.all(bodies.map((body) => putText(handle.store, 'bucket', 'contended', body)));
    const { object, body } = await handle.store.getObject('bucket', 'contended');
    const stored = await readAll(body);
    const winner = bodies.findIndex((candidate) => candidate.equals(stored));
    expect(winner).toBeGreaterThanOrEqual(0);
    expect(object.size).toBe(bodies[winner].length);
    expect(object.etag).toBe(md5Hex(bodies[winner]));
  });

  it('lets a reader that already opened an object finish it while the key is overwritten', async () => {
    const original = Buffer.alloc(1_000_000, 'a');
    await putText(handle.store, 'bucket', 'k', original);
    const reading = await handle.store.getObject('bucket', 'k');
    await putText(handle.store, 'bucket', 'k', 'replacement');
    expect((await readAll(reading.body)).equals(original)).toBe(true);
    expect(await getText(handle.store, 'bucket', 'k')).toBe('replacement');
  });
});
