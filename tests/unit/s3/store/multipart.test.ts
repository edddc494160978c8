import { createHash } from 'node:crypto';
import type { S3Error } from '../../../../src/s3/errors';
import type { ChecksumAlgorithm, CreateMultipartUploadInput } from '../../../../src/s3/store';
import { BACKENDS, putText, readAll, streamOf, TEST_MIN_PART_SIZE, useStore } from './store-fixture';

const md5 = (content: string) => createHash('md5').update(content).digest();
/** Part bodies at least the (test) minimum part size, distinct per part number. */
const partBody = (n: number) => `part ${n} `.padEnd(TEST_MIN_PART_SIZE + n, String(n));

describe.each(BACKENDS)('multipart uploads (%s backend)', (storage) => {
  const handle = useStore(storage);
  beforeEach(() => handle.store.createBucket('bucket'));

  async function startUpload(key = 'big', extra: Partial<CreateMultipartUploadInput> = {}) {
    return (await handle.store.createMultipartUpload({ bucket: 'bucket', key, metadata: {}, ...extra })).uploadId;
  }

  async function uploadParts(uploadId: string, numbers: number[], key = 'big', checksumAlgorithms: ChecksumAlgorithm[] = []) {
    const parts = [];
    for (const partNumber of numbers) {
      const body = streamOf(partBody(partNumber));
      parts.push(await handle.store.uploadPart({ bucket: 'bucket', key, uploadId, partNumber, body, checksumAlgorithms }));
    }
    return parts;
  }

  it('assembles the listed parts in order, with the MD5-of-MD5s ETag and the part boundaries', async () => {
    const uploadId = await startUpload('big', { metadata: { contentType: 'video/mp4', userMetadata: { origin: 'cam' } } });
    const parts = await uploadParts(uploadId, [1, 2, 3]);
    expect(parts[0].etag).toBe(md5(partBody(1)).toString('hex'));
    const object = await handle.store.completeMultipartUpload({ bucket: 'bucket', key: 'big', uploadId, parts });
    const expectedEtag = createHash('md5').update(Buffer.concat([1, 2, 3].map((n) => md5(partBody(n))))).digest('hex');
    expect(object).toMatchObject({ etag: `${expectedEtag}-3`, contentType: 'video/mp4', userMetadata: { origin: 'cam' } });
    const { body } = await handle.store.getObject('bucket', 'big');
    expect((await readAll(body)).toString()).toBe(partBody(1) + partBody(2) + partBody(3));
    expect(object.parts?.map((part) => part.size)).toEqual([1, 2, 3].map((n) => partBody(n).length));
  });

  it('serves one part of the object for partNumber', async () => {
    const uploadId = await startUpload();
    const parts = await uploadParts(uploadId, [1, 2, 3]);
    await handle.store.completeMultipartUpload({ bucket: 'bucket', key: 'big', uploadId, parts });
    const second = await handle.store.getObject('bucket', 'big', { partNumber: 2 });
    const start = partBody(1).length;
    expect(second.range).toEqual({ start, end: start + partBody(2).length - 1 });
    expect((await readAll(second.body)).toString()).toBe(partBody(2));
    await expect(handle.store.headObject('bucket', 'big', { partNumber: 4 })).rejects.toMatchObject({ code: 'InvalidPartNumber' });
  });

  it('reads ranges of the object that start and end in any part', async () => {
    const uploadId = await startUpload();
    const parts = await uploadParts(uploadId, [1, 2, 3]);
    await handle.store.completeMultipartUpload({ bucket: 'bucket', key: 'big', uploadId, parts });
    const whole = partBody(1) + partBody(2) + partBody(3);
    const one = partBody(1).length;
    const ranges = [
      { start: one - 3, end: one + 2 }, // across the first boundary
      { start: 2, end: whole.length - 2 }, // through every part
      { start: one, end: one + partBody(2).length - 1 }, // exactly the second part
      { start: whole.length - 4, end: whole.length - 1 }, // inside the last part
    ];
    for (const range of ranges) {
      const read = await handle.store.getObject('bucket', 'big', { range });
      expect((await readAll(read.body)).toString()).toBe(whole.slice(range.start, range.end + 1));
    }
    const suffix = await handle.store.getObject('bucket', 'big', { range: { suffixLength: partBody(3).length + 1 } });
    expect((await readAll(suffix.body)).toString()).toBe(whole.slice(-(partBody(3).length + 1)));
  });

  it('reads a multipart object to the end when it is deleted while being read', async () => {
    const uploadId = await startUpload();
    const parts = await uploadParts(uploadId, [1, 2, 3]);
    await handle.store.completeMultipartUpload({ bucket: 'bucket', key: 'big', uploadId, parts });
    const whole = await handle.store.getObject('bucket', 'big');
    const ranged = await handle.store.getObject('bucket', 'big', { range: { start: 2, end: partBody(1).length + 2 } });
    await handle.store.deleteObject('bucket', 'big');
    expect((await readAll(whole.body)).toString()).toBe(partBody(1) + partBody(2) + partBody(3));
    expect((await readAll(ranged.body)).toString()).toBe((partBody(1) + partBody(2)).slice(2, partBody(1).length + 3));
  });

  it('keeps a copy of a multipart object, and an older version of it, readable after the object is gone', async () => {
    await handle.store.putBucketConfig('bucket', 'versioning', 'Enabled');
    const uploadId = await startUpload();
    const parts = await uploadParts(uploadId, [1, 2]);
    const object = await handle.store.completeMultipartUpload({ bucket: 'bucket', key: 'big', uploadId, parts });
    await handle.store.copyObject({ source: await handle.store.getObject('bucket', 'big'), target: { bucket: 'bucket', key: 'copy' }, metadata: {} });
    await putText(handle.store, 'bucket', 'big', 'overwritten');
    await handle.store.deleteObject('bucket', 'big', { versionId: (await handle.store.headObject('bucket', 'big')).object.versionId });
    const older = await handle.store.getObject('bucket', 'big', { versionId: object.versionId });
    expect((await readAll(older.body)).toString()).toBe(partBody(1) + partBody(2));
    await handle.store.deleteObject('bucket', 'big', { versionId: object.versionId });
    expect((await readAll((await handle.store.getObject('bucket', 'copy')).body)).toString()).toBe(partBody(1) + partBody(2));
  });

  it('replaces a re-uploaded part and drops parts left out of the Complete list', async () => {
    const uploadId = await startUpload();
    await uploadParts(uploadId, [1, 2, 3]);
    const replaced = await handle.store.uploadPart({ bucket: 'bucket', key: 'big', uploadId, partNumber: 1, body: streamOf(partBody(7)) });
    const object = await handle.store.completeMultipartUpload({ bucket: 'bucket', key: 'big', uploadId, parts: [replaced] });
    expect(object.size).toBe(partBody(7).length);
    await expect(handle.store.listParts({ bucket: 'bucket', key: 'big', uploadId })).rejects.toMatchObject({ code: 'NoSuchUpload' });
  });

  it('refuses parts out of order or repeated (InvalidPartOrder)', async () => {
    const uploadId = await startUpload();
    const [one, two] = await uploadParts(uploadId, [1, 2]);
    const complete = (parts: (typeof one)[]) => handle.store.completeMultipartUpload({ bucket: 'bucket', key: 'big', uploadId, parts });
    await expect(complete([two, one])).rejects.toMatchObject({ code: 'InvalidPartOrder', fields: { UploadId: uploadId } });
    await expect(complete([one, one])).rejects.toMatchObject({ code: 'InvalidPartOrder' });
  });

  it('refuses a part never uploaded or listed with another ETag or checksum (InvalidPart)', async () => {
    const uploadId = await startUpload('big', { checksumAlgorithm: 'crc32' });
    const [one, two] = await uploadParts(uploadId, [1, 2]);
    const complete = (parts: object[]) => handle.store.completeMultipartUpload({ bucket: 'bucket', key: 'big', uploadId, parts: parts as (typeof one)[] });
    await expect(complete([one, { partNumber: 3, etag: two.etag }])).rejects.toMatchObject({ code: 'InvalidPart', fields: { PartNumber: 3 } });
    // S3 names the upload and the part as listed, its ETag unquoted (localstack's recorded answer:
    // test_multipart_complete_multipart_wrong_part 'complete-exc-wrong-etag').
    await expect(complete([one, { ...two, etag: '"00000000000000000000000000000000"' }])).rejects.toMatchObject({
      code: 'InvalidPart',
      fields: { UploadId: uploadId, PartNumber: 2, ETag: '00000000000000000000000000000000' },
    });
    await expect(complete([one, { ...two, checksums: { crc32: 'AAAAAA==' } }])).rejects.toMatchObject({ code: 'InvalidPart' });
    await complete([{ partNumber: 1, etag: `"${one.etag}"`, checksums: one.checksums }, two]); // quotes as clients send them are fine
  });

  it('refuses a Complete of an upload with a checksum algorithm that leaves a part\'s checksum out (InvalidRequest)', async () => {
    const uploadId = await startUpload('big', { checksumAlgorithm: 'crc32' });
    const [one, two] = await uploadParts(uploadId, [1, 2]);
    const attempt = handle.store.completeMultipartUpload({ bucket: 'bucket', key: 'big', uploadId, parts: [one, { partNumber: two.partNumber, etag: two.etag }] });
    await expect(attempt).rejects.toMatchObject({
      code: 'InvalidRequest',
      message: 'The upload was created using a crc32 checksum. The complete request must include the checksum for each part. It was missing for part 2 in the request.',
    });
    expect((await handle.store.listParts({ bucket: 'bucket', key: 'big', uploadId })).parts).toHaveLength(2);
  });

  it('refuses a completion without parts with InvalidRequest, once the upload is known (NoSuchUpload first)', async () => {
    const unknown = await handle.store.completeMultipartUpload({ bucket: 'bucket', key: 'big', uploadId: 'fakeid', parts: [] }).catch((error: unknown) => error);
    expect((unknown as S3Error).code).toBe('NoSuchUpload');
    const uploadId = await startUpload();
    const none = (await handle.store.completeMultipartUpload({ bucket: 'bucket', key: 'big', uploadId, parts: [] }).catch((error: unknown) => error)) as S3Error;
    expect([none.code, none.status, none.message]).toEqual(['InvalidRequest', 400, 'You must specify at least one part']);
  });

  it('refuses a part below the minimum size unless it is the last (EntityTooSmall)', async () => {
    const uploadId = await startUpload();
    const small = await handle.store.uploadPart({ bucket: 'bucket', key: 'big', uploadId, partNumber: 1, body: streamOf('tiny') });
    const [two] = await uploadParts(uploadId, [2]);
    const attempt = handle.store.completeMultipartUpload({ bucket: 'bucket', key: 'big', uploadId, parts: [small, two] });
    // S3's words and fields (localstack's recorded answer: test_multipart_complete_multipart_too_small 'complete-exc-too-small').
    const refused = (await attempt.catch((error: unknown) => error)) as S3Error;
    expect([refused.code, refused.message, refused.fields]).toEqual(['EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', { PartNumber: 1, ETag: small.etag, ProposedSize: 4, MinSizeAllowed: TEST_MIN_PART_SIZE }]);
    const lastIsSmall = await handle.store.completeMultipartUpload({ bucket: 'bucket', key: 'big', uploadId, parts: [small] });
    expect(lastIsSmall.size).toBe(4);
  });

  it('keeps the upload when Complete fails a write condition, so it can be retried', async () => {
    await putText(handle.store, 'bucket', 'big', 'existing');
    const uploadId = await startUpload();
    const parts = await uploadParts(uploadId, [1]);
    const attempt = handle.store.completeMultipartUpload({ bucket: 'bucket', key: 'big', uploadId, parts, ifNoneMatch: '*' });
    await expect(attempt).rejects.toMatchObject({ code: 'PreconditionFailed' });
    expect((await handle.store.listParts({ bucket: 'bucket', key: 'big', uploadId })).parts).toHaveLength(1);
    await handle.store.completeMultipartUpload({ bucket: 'bucket', key: 'big', uploadId, parts });
  });

  it('gives a composite checksum for composite uploads and a full-object one for CRC64NVME', async () => {
    const composite = await startUpload('composite', { checksumAlgorithm: 'sha256' });
    const compositeParts = await uploadParts(composite, [1, 2], 'composite');
    const partSha = (n: number) => createHash('sha256').update(partBody(n)).digest();
    expect(compositeParts[0].checksums.sha256).toBe(partSha(1).toString('base64'));
    const compositeObject = await handle.store.completeMultipartUpload({ bucket: 'bucket', key: 'composite', uploadId: composite, parts: compositeParts });
    const shaOfShas = createHash('sha256').update(Buffer.concat([partSha(1), partSha(2)])).digest('base64');
    expect(compositeObject).toMatchObject({ checksumType: 'COMPOSITE', checksums: { sha256: `${shaOfShas}-2` } });

    const full = await startUpload('full', { checksumAlgorithm: 'crc64nvme' });
    const fullParts = await uploadParts(full, [1, 2], 'full');
    const fullObject = await handle.store.completeMultipartUpload({ bucket: 'bucket', key: 'full', uploadId: full, parts: fullParts });
    const single = await putText(handle.store, 'bucket', 'single', partBody(1) + partBody(2), { checksumAlgorithms: ['crc64nvme'] });
    expect(fullObject).toMatchObject({ checksumType: 'FULL_OBJECT', checksums: single.checksums });
  });

  it('refuses a part whose Content-MD5 does not match, quoting the Content-MD5 as sent (base64), where PutObject gives it in hex', async () => {
    const uploadId = await startUpload();
    const sent = md5('other').toString('base64');
    const attempt = handle.store.uploadPart({ bucket: 'bucket', key: 'big', uploadId, partNumber: 1, body: streamOf('new'), expect: { contentMd5: sent } });
    await expect(attempt).rejects.toMatchObject({ code: 'BadDigest', fields: { ExpectedDigest: sent, CalculatedDigest: md5('new').toString('base64') } });
  });

  it('refuses a full-object checksum announced at Complete that does not match, storing nothing', async () => {
    const uploadId = await startUpload('big', { checksumAlgorithm: 'crc32', checksumType: 'FULL_OBJECT' });
    const parts = await uploadParts(uploadId, [1, 2]);
    const attempt = handle.store.completeMultipartUpload({ bucket: 'bucket', key: 'big', uploadId, parts, expect: { checksums: { crc32: 'AAAAAA==' } } });
    await expect(attempt).rejects.toMatchObject({ code: 'BadDigest', algorithm: 'crc32' });
    await expect(handle.store.headObject('bucket', 'big')).rejects.toMatchObject({ code: 'NoSuchKey' });
  });

  it('pages ListParts by part-number marker', async () => {
    const uploadId = await startUpload();
    await uploadParts(uploadId, [1, 2, 3, 4, 5]);
    const first = await handle.store.listParts({ bucket: 'bucket', key: 'big', uploadId, maxParts: 2 });
    expect(first.parts.map((part) => part.partNumber)).toEqual([1, 2]);
    expect(first).toMatchObject({ isTruncated: true, nextPartNumberMarker: 2, upload: { uploadId, key: 'big' } });
    const rest = await handle.store.listParts({ bucket: 'bucket', key: 'big', uploadId, partNumberMarker: 2 });
    expect(rest.parts.map((part) => part.partNumber)).toEqual([3, 4, 5]);
    expect(rest.isTruncated).toBe(false);
  });

  it('lists uploads by key (oldest first per key), with prefix, delimiter and markers', async () => {
    const first = await startUpload('photos/a');
    const second = await startUpload('photos/a');
    const other = await startUpload('photos/b');
    await startUpload('videos/x/1');
    const all = await handle.store.listMultipartUploads({ bucket: 'bucket' });
    expect(all.uploads.map((upload) => upload.uploadId)).toEqual([first, second, other, expect.any(String)]);
    const rolled = await handle.store.listMultipartUploads({ bucket: 'bucket', delimiter: '/' });
    expect(rolled).toMatchObject({ uploads: [], commonPrefixes: ['photos/', 'videos/'] });
    const page = await handle.store.listMultipartUploads({ bucket: 'bucket', prefix: 'photos/', maxUploads: 1 });
    expect([page.isTruncated, page.uploads.map((upload) => upload.uploadId)]).toEqual([true, [first]]);
    const next = await handle.store.listMultipartUploads({ bucket: 'bucket', prefix: 'photos/', keyMarker: 'photos/a', uploadIdMarker: first });
    expect(next.uploads.map((upload) => upload.uploadId)).toEqual([second, other]);
    const afterKey = await handle.store.listMultipartUploads({ bucket: 'bucket', prefix: 'photos/', keyMarker: 'photos/a' });
    expect(afterKey.uploads.map((upload) => upload.uploadId)).toEqual([other]);
  });

  it('aborts an upload and its parts; the id is then unknown', async () => {
    const uploadId = await startUpload();
    await uploadParts(uploadId, [1]);
    await handle.store.abortMultipartUpload('bucket', 'big', uploadId);
    await expect(handle.store.abortMultipartUpload('bucket', 'big', uploadId)).rejects.toMatchObject({ code: 'NoSuchUpload' });
    await expect(uploadParts(uploadId, [2])).rejects.toMatchObject({ code: 'NoSuchUpload' });
    expect((await handle.store.listMultipartUploads({ bucket: 'bucket' })).uploads).toEqual([]);
  });

  it('knows an upload only under its own bucket and key', async () => {
    const uploadId = await startUpload('big');
    await expect(uploadParts(uploadId, [1], 'other-key')).rejects.toMatchObject({ code: 'NoSuchUpload', fields: { UploadId: uploadId } });
  });

  it('refuses part numbers outside 1..10000', async () => {
    const uploadId = await startUpload();
    await expect(uploadParts(uploadId, [0])).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(uploadParts(uploadId, [10001])).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
});
