/** Multipart uploads and copies through @aws-sdk/client-s3 on its defaults. */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  type CopyObjectCommandInput,
  CreateMultipartUploadCommand,
  GetObjectAttributesCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  paginateListParts,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { s3ErrorOf } from './s3-error';
import { useS3 } from './s3-fixture';
import { s3Client, s3ClientSending } from './sdk-client';

const s3 = useS3();
const Bucket = 'test-bucket';
const MIB = 1024 * 1024;

const md5 = (data: Buffer) => createHash('md5').update(data).digest();

async function bytesOf(Key: string, Range?: string): Promise<Buffer> {
  const object = await s3.client.send(new GetObjectCommand({ Bucket, Key, Range }));
  return Buffer.from(await object.Body!.transformToByteArray());
}

describe('multipart upload', () => {
  it('assembles parts into one object whose ETag is the MD5 of the part MD5s, -N', async () => {
    const parts = [randomBytes(5 * MIB), randomBytes(5 * MIB), randomBytes(1234)];
    const { UploadId } = await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'big.bin', ContentType: 'application/x-big', Metadata: { source: 'test' } }));
    const etags: string[] = [];
    for (const [index, Body] of parts.entries()) {
      const { ETag } = await s3.client.send(new UploadPartCommand({ Bucket, Key: 'big.bin', UploadId, PartNumber: index + 1, Body }));
      expect(ETag).toBe(`"${md5(Body).toString('hex')}"`);
      etags.push(ETag!);
    }
    const listed = await s3.client.send(new ListPartsCommand({ Bucket, Key: 'big.bin', UploadId }));
    expect(listed.Parts?.map((p) => [p.PartNumber, p.Size])).toEqual([[1, 5 * MIB], [2, 5 * MIB], [3, 1234]]);
    const uploads = await s3.client.send(new ListMultipartUploadsCommand({ Bucket }));
    expect(uploads.Uploads?.map((u) => u.UploadId)).toContain(UploadId);
    // S3 still names an upload's initiator, and its owner by ID alone (as every Owner since November 2025).
    const initiator = { ID: '75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a', DisplayName: 'standin' };
    expect([listed.Initiator, listed.Owner]).toEqual([initiator, { ID: initiator.ID }]);
    const upload = uploads.Uploads?.find((u) => u.UploadId === UploadId);
    expect([upload?.Initiator, upload?.Owner]).toEqual([initiator, { ID: initiator.ID }]);

    const done = await s3.client.send(
      new CompleteMultipartUploadCommand({ Bucket, Key: 'big.bin', UploadId, MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) } }),
    );
    const expectedEtag = `"${createHash('md5').update(Buffer.concat(parts.map(md5))).digest('hex')}-3"`;
    expect(done.ETag).toBe(expectedEtag);
    const head = await s3.client.send(new HeadObjectCommand({ Bucket, Key: 'big.bin' }));
    expect(head).toMatchObject({ ETag: expectedEtag, ContentLength: 10 * MIB + 1234, ContentType: 'application/x-big', Metadata: { source: 'test' } });
    expect((await bytesOf('big.bin')).equals(Buffer.concat(parts))).toBe(true);
    const secondPart = await s3.client.send(new GetObjectCommand({ Bucket, Key: 'big.bin', PartNumber: 2 }));
    expect([secondPart.PartsCount, secondPart.ContentRange]).toEqual([3, `bytes ${5 * MIB}-${10 * MIB - 1}/${10 * MIB + 1234}`]);
    expect(Buffer.from(await secondPart.Body!.transformToByteArray()).equals(parts[1])).toBe(true);
    const whole = Buffer.concat(parts);
    for (const [first, last] of [[5 * MIB - 10, 10 * MIB + 9], [3, 10 * MIB + 1233], [10 * MIB, 10 * MIB + 1233]]) {
      expect((await bytesOf('big.bin', `bytes=${first}-${last}`)).equals(whole.subarray(first, last + 1))).toBe(true);
    }
    const attributes = await s3.client.send(new GetObjectAttributesCommand({ Bucket, Key: 'big.bin', ObjectAttributes: ['ObjectParts', 'ETag'] }));
    expect([attributes.ObjectParts?.TotalPartsCount, attributes.ETag]).toEqual([3, expectedEtag.replace(/"/g, '')]);
    // An object without a COMPOSITE checksum has its parts counted, not listed, as on S3.
    expect(attributes.ObjectParts).toEqual({ TotalPartsCount: 3 });
    expect((await s3.client.send(new ListMultipartUploadsCommand({ Bucket }))).Uploads ?? []).toEqual([]);
  });

  it('names the object in the Location of CompleteMultipartUpload on the endpoint the request reached, in its addressing style', async () => {
    const complete = async (client: S3Client) => {
      const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'located/a b.bin' }));
      const { ETag } = await client.send(new UploadPartCommand({ Bucket, Key: 'located/a b.bin', UploadId, PartNumber: 1, Body: 'x' }));
      return (await client.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'located/a b.bin', UploadId, MultipartUpload: { Parts: [{ ETag, PartNumber: 1 }] } }))).Location;
    };
    const virtualHost = s3Client(s3.server, 'virtual-host');
    try {
      // Both clients address the mock as localhost, not as PRESIGNED_URL_BASE's 127.0.0.1.
      expect([await complete(s3.client), await complete(virtualHost)]).toEqual([
        `http://localhost:${s3.server.port}/${Bucket}/located/a%20b.bin`,
        `http://${Bucket}.localhost:${s3.server.port}/located/a%20b.bin`,
      ]);
    } finally {
      virtualHost.destroy();
    }
  });

  it('refuses parts listed out of order with InvalidPartOrder, and a small non-last part with EntityTooSmall', async () => {
    const { UploadId } = await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'bad.bin' }));
    const one = await s3.client.send(new UploadPartCommand({ Bucket, Key: 'bad.bin', UploadId, PartNumber: 1, Body: 'small' }));
    const two = await s3.client.send(new UploadPartCommand({ Bucket, Key: 'bad.bin', UploadId, PartNumber: 2, Body: 'last' }));
    const complete = (Parts: Array<{ ETag?: string; PartNumber: number }>) =>
      s3ErrorOf(s3.client.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'bad.bin', UploadId, MultipartUpload: { Parts } })));
    expect((await complete([{ ETag: two.ETag, PartNumber: 2 }, { ETag: one.ETag, PartNumber: 1 }])).name).toBe('InvalidPartOrder');
    expect((await complete([{ ETag: one.ETag, PartNumber: 1 }, { ETag: two.ETag, PartNumber: 2 }])).name).toBe('EntityTooSmall');
    expect((await complete([{ ETag: '"0000"', PartNumber: 1 }])).name).toBe('InvalidPart');
    expect((await complete([{ ETag: one.ETag, PartNumber: 1 }, { ETag: two.ETag, PartNumber: 3 }])).name).toBe('InvalidPart');
    await s3.client.send(new AbortMultipartUploadCommand({ Bucket, Key: 'bad.bin', UploadId }));
    expect((await s3ErrorOf(s3.client.send(new ListPartsCommand({ Bucket, Key: 'bad.bin', UploadId })))).name).toBe('NoSuchUpload');
  });

  it('answers a completion without parts NoSuchUpload for an unknown upload, else InvalidRequest, as S3 does', async () => {
    const unknown = await s3ErrorOf(s3.client.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'no-parts', UploadId: 'fakeid' })));
    expect([unknown.name, unknown.$metadata.httpStatusCode]).toEqual(['NoSuchUpload', 404]);
    const { UploadId } = await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'no-parts' }));
    const none = await s3ErrorOf(s3.client.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'no-parts', UploadId })));
    expect([none.name, none.$metadata.httpStatusCode, none.message]).toEqual(['InvalidRequest', 400, 'You must specify at least one part']);
    await s3.client.send(new AbortMultipartUploadCommand({ Bucket, Key: 'no-parts', UploadId }));
  });

  it('keeps the part upload that finished last when a part is sent twice, and refuses it listed twice (InvalidPartOrder)', async () => {
    const Key = 'resent.bin';
    const { UploadId } = await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    // The first send starts, the resend starts and finishes, then the first one finishes: it wins.
    // Its first aws-chunked chunk holds 8 KiB, the least S3 takes for a chunk that is not the last.
    const slow = new PassThrough();
    slow.write('A'.repeat(8192));
    const first = s3.client.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: slow, ContentLength: 8196 }));
    const resent = await s3.client.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: 'BBBBBBBB' }));
    slow.end('A'.repeat(4));
    const finishedLast = await first;
    const listed = await s3.client.send(new ListPartsCommand({ Bucket, Key, UploadId }));
    expect(listed.Parts?.map((part) => [part.PartNumber, part.ETag])).toEqual([[1, finishedLast.ETag]]);
    const complete = (Parts: Array<{ ETag?: string; PartNumber: number }>) => s3.client.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts } }));
    const twice = await s3ErrorOf(complete([{ ETag: resent.ETag, PartNumber: 1 }, { ETag: finishedLast.ETag, PartNumber: 1 }]));
    expect([twice.name, twice.$metadata.httpStatusCode]).toEqual(['InvalidPartOrder', 400]);
    expect((await s3ErrorOf(complete([{ ETag: resent.ETag, PartNumber: 1 }]))).name).toBe('InvalidPart');
    await complete([{ ETag: finishedLast.ETag, PartNumber: 1 }]);
    expect((await bytesOf(Key)).toString()).toBe('A'.repeat(8196));
  });

  it('needs the customer key on every part of an SSE-C upload, and echoes the encryption of the upload on each part', async () => {
    const sseC = { SSECustomerAlgorithm: 'AES256', SSECustomerKey: randomBytes(32).toString('base64') };
    const { UploadId } = await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'sse-c-parts.bin', ...sseC }));
    const withoutKey = await s3ErrorOf(s3.client.send(new UploadPartCommand({ Bucket, Key: 'sse-c-parts.bin', UploadId, PartNumber: 1, Body: 'part' })));
    expect([withoutKey.name, withoutKey.$metadata.httpStatusCode]).toEqual(['InvalidRequest', 400]);
    const part = await s3.client.send(new UploadPartCommand({ Bucket, Key: 'sse-c-parts.bin', UploadId, PartNumber: 1, Body: 'part', ...sseC }));
    expect(part.SSECustomerKeyMD5).toBe(createHash('md5').update(Buffer.from(sseC.SSECustomerKey, 'base64')).digest('base64'));
    await s3.client.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'sse-c-parts.bin', UploadId, MultipartUpload: { Parts: [{ ETag: part.ETag, PartNumber: 1 }] } }));
    expect(await (await s3.client.send(new GetObjectCommand({ Bucket, Key: 'sse-c-parts.bin', ...sseC }))).Body!.transformToString()).toBe('part');

    const kms = await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'kms-parts.bin', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/uploads' }));
    const kmsPart = await s3.client.send(new UploadPartCommand({ Bucket, Key: 'kms-parts.bin', UploadId: kms.UploadId, PartNumber: 1, Body: 'part' }));
    expect([kmsPart.ServerSideEncryption, kmsPart.SSEKMSKeyId]).toEqual(['aws:kms', 'alias/uploads']);
    await s3.client.send(new AbortMultipartUploadCommand({ Bucket, Key: 'kms-parts.bin', UploadId: kms.UploadId }));
  });

  it('takes user metadata when the upload is created, and refuses it on its parts and its completion with InvalidArgument', async () => {
    const upload = await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'meta-parts', Metadata: { origin: 'camera' } }));
    const sending = s3ClientSending(s3.server, { 'x-amz-meta-origin': 'camera' });
    try {
      const part = { Bucket, Key: 'meta-parts', UploadId: upload.UploadId, PartNumber: 1, Body: 'only part' };
      const refusedPart = await s3ErrorOf(sending.send(new UploadPartCommand(part)));
      expect([refusedPart.name, refusedPart.$metadata.httpStatusCode, refusedPart.message]).toEqual(['InvalidArgument', 400, 'Metadata cannot be specified in this context.']);
      const { ETag } = await s3.client.send(new UploadPartCommand(part));
      const completion = { Bucket, Key: 'meta-parts', UploadId: upload.UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag }] } };
      expect((await s3ErrorOf(sending.send(new CompleteMultipartUploadCommand(completion)))).message).toBe('Metadata cannot be specified in this context.');
      await s3.client.send(new CompleteMultipartUploadCommand(completion));
      expect((await s3.client.send(new HeadObjectCommand({ Bucket, Key: 'meta-parts' }))).Metadata).toEqual({ origin: 'camera' });
    } finally {
      sending.destroy();
    }
  });

  it('completes only when the parts add up to x-amz-mp-object-size (MpuObjectSize), refusing another size or a bad value with InvalidRequest', async () => {
    const { UploadId } = await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'sized' }));
    const { ETag } = await s3.client.send(new UploadPartCommand({ Bucket, Key: 'sized', UploadId, PartNumber: 1, Body: 'x'.repeat(100) }));
    const completion = (MpuObjectSize: number) => new CompleteMultipartUploadCommand({ Bucket, Key: 'sized', UploadId, MpuObjectSize, MultipartUpload: { Parts: [{ PartNumber: 1, ETag }] } });
    const wrong = await s3ErrorOf(s3.client.send(completion(99)));
    expect([wrong.name, wrong.$metadata.httpStatusCode, wrong.message]).toEqual(['InvalidRequest', 400, "The provided 'x-amz-mp-object-size' header value 99 does not match what was computed: 100"]);
    const negative = await s3ErrorOf(s3.client.send(completion(-1)));
    expect([negative.name, negative.message]).toEqual(['InvalidRequest', "Value for x-amz-mp-object-size header is less than zero: '-1'"]);
    const sending = s3ClientSending(s3.server, { 'x-amz-mp-object-size': 'ten' });
    try {
      expect((await s3ErrorOf(sending.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'sized', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag }] } })))).message).toBe("Value for x-amz-mp-object-size header is invalid: 'ten'");
    } finally {
      sending.destroy();
    }
    await s3.client.send(completion(100));
    expect((await s3.client.send(new HeadObjectCommand({ Bucket, Key: 'sized' }))).ContentLength).toBe(100);
  });

  it('pages ListParts (MaxParts, PartNumberMarker) and ListMultipartUploads (MaxUploads, KeyMarker, UploadIdMarker)', async () => {
    const uploadIds: string[] = [];
    for (const Key of ['paged/a', 'paged/b', 'paged/b']) uploadIds.push((await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key }))).UploadId!);
    for (const PartNumber of [1, 2, 3]) await s3.client.send(new UploadPartCommand({ Bucket, Key: 'paged/a', UploadId: uploadIds[0], PartNumber, Body: `part ${PartNumber}` }));
    const partPages: number[][] = [];
    for await (const page of paginateListParts({ client: s3.client, pageSize: 2 }, { Bucket, Key: 'paged/a', UploadId: uploadIds[0] })) partPages.push(page.Parts?.map((p) => p.PartNumber ?? 0) ?? []);
    expect(partPages).toEqual([[1, 2], [3]]);

    const uploadPages: string[][] = [];
    let markers: { KeyMarker?: string; UploadIdMarker?: string } = {};
    for (;;) {
      const page = await s3.client.send(new ListMultipartUploadsCommand({ Bucket, Prefix: 'paged/', MaxUploads: 2, ...markers }));
      uploadPages.push(page.Uploads?.map((u) => u.UploadId ?? '') ?? []);
      if (!page.IsTruncated) break;
      markers = { KeyMarker: page.NextKeyMarker, UploadIdMarker: page.NextUploadIdMarker };
    }
    const [b1, b2] = uploadIds.slice(1).sort();
    expect(uploadPages).toEqual([[uploadIds[0], b1], [b2]]);
    for (const [i, Key] of ['paged/a', 'paged/b', 'paged/b'].entries()) await s3.client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId: uploadIds[i] }));
  });

  it('names the last upload listed in NextKeyMarker and NextUploadIdMarker on a last page too, and empty values when none is listed', async () => {
    const { UploadId } = await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'last-page/a' }));
    const uploads = await s3.client.send(new ListMultipartUploadsCommand({ Bucket, Prefix: 'last-page/' }));
    expect([uploads.IsTruncated, uploads.NextKeyMarker, uploads.NextUploadIdMarker]).toEqual([false, 'last-page/a', UploadId]);
    const none = await s3.client.send(new ListMultipartUploadsCommand({ Bucket, Prefix: 'nothing-here/' }));
    expect([none.NextKeyMarker, none.NextUploadIdMarker]).toEqual(['', '']);
    // An upload-id-marker without key-marker is ignored, and answered empty.
    const ignored = await s3.client.send(new ListMultipartUploadsCommand({ Bucket, Prefix: 'last-page/', UploadIdMarker: UploadId }));
    expect([ignored.UploadIdMarker, ignored.Uploads?.map((u) => u.UploadId)]).toEqual(['', [UploadId]]);
    await s3.client.send(new AbortMultipartUploadCommand({ Bucket, Key: 'last-page/a', UploadId }));
  });

  it('names no next markers when a truncated ListMultipartUploads page ends on a CommonPrefix, and skips that prefix after a key-marker within it', async () => {
    const keys = ['rolled/a/1', 'rolled/a/2', 'rolled/file1', 'rolled/file2'];
    const uploadIds: string[] = [];
    for (const Key of keys) uploadIds.push((await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key }))).UploadId!);
    const listed = (KeyMarker?: string) => s3.client.send(new ListMultipartUploadsCommand({ Bucket, Prefix: 'rolled/', Delimiter: '/', MaxUploads: 1, KeyMarker }));
    const start = await listed();
    expect([start.IsTruncated, start.CommonPrefixes?.map((p) => p.Prefix), start.Uploads, start.NextKeyMarker, start.NextUploadIdMarker]).toEqual([true, ['rolled/a/'], undefined, '', '']);
    for (const marker of ['rolled/a/', 'rolled/a/1']) {
      const next = await listed(marker);
      expect([next.IsTruncated, next.Uploads?.map((u) => u.Key), next.NextKeyMarker, next.NextUploadIdMarker]).toEqual([true, ['rolled/file1'], 'rolled/file1', uploadIds[2]]);
    }
    for (const [i, Key] of keys.entries()) await s3.client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId: uploadIds[i] }));
  });

  it('refuses an upload-id-marker of another key than key-marker, and a part-number-marker out of range, with InvalidArgument in S3\'s words', async () => {
    const first = (await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'marked/a' }))).UploadId!;
    const second = (await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'marked/b' }))).UploadId!;
    const otherKeys = await s3ErrorOf(s3.client.send(new ListMultipartUploadsCommand({ Bucket, KeyMarker: 'marked/b', UploadIdMarker: first })));
    expect([otherKeys.name, otherKeys.$metadata.httpStatusCode, otherKeys.message]).toEqual(['InvalidArgument', 400, 'Invalid uploadId marker']);
    expect((await s3.client.send(new ListMultipartUploadsCommand({ Bucket, KeyMarker: 'marked/a', UploadIdMarker: first }))).Uploads?.map((u) => u.UploadId)).toEqual([second]);
    for (const [marker, message] of [
      ['-14', 'Argument part-number-marker must be an integer between 0 and 2147483647'],
      ['2736457823532448723', 'Provided part-number-marker not an integer or within integer range'],
      ['invalid', 'Provided part-number-marker not an integer or within integer range'],
    ]) {
      const error = await s3ErrorOf(s3.client.send(new ListPartsCommand({ Bucket, Key: 'marked/a', UploadId: first, PartNumberMarker: marker })));
      expect([error.name, error.$metadata.httpStatusCode, error.message]).toEqual(['InvalidArgument', 400, message]);
    }
    await s3.client.send(new AbortMultipartUploadCommand({ Bucket, Key: 'marked/a', UploadId: first }));
    await s3.client.send(new AbortMultipartUploadCommand({ Bucket, Key: 'marked/b', UploadId: second }));
  });

  it('percent-encodes keys, prefixes, the delimiter and key markers of ListMultipartUploads with encoding-type=url', async () => {
    const keys = ['odd key/a+b', 'odd key/100%', 'odd%/c'];
    const uploadIds = [];
    for (const Key of keys) uploadIds.push((await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key }))).UploadId!);
    const flat = await s3.client.send(new ListMultipartUploadsCommand({ Bucket, Prefix: 'odd key/', EncodingType: 'url', MaxUploads: 1 }));
    expect(flat).toMatchObject({ EncodingType: 'url', Prefix: 'odd%20key/', NextKeyMarker: 'odd%20key/100%25', IsTruncated: true });
    expect(flat.Uploads?.map((u) => u.Key)).toEqual(['odd%20key/100%25']);
    const rest = await s3.client.send(new ListMultipartUploadsCommand({ Bucket, Prefix: 'odd key/', EncodingType: 'url', KeyMarker: 'odd key/100%' }));
    expect([rest.KeyMarker, rest.Uploads?.map((u) => u.Key)]).toEqual(['odd%20key/100%25', ['odd%20key/a%2Bb']]);
    const grouped = await s3.client.send(new ListMultipartUploadsCommand({ Bucket, Prefix: 'odd', Delimiter: ' ', EncodingType: 'url' }));
    expect([grouped.Delimiter, grouped.CommonPrefixes?.map((p) => p.Prefix), grouped.Uploads?.map((u) => u.Key)]).toEqual(['%20', ['odd%20'], ['odd%25/c']]);
    // Without encoding-type the keys come back as they are.
    expect((await s3.client.send(new ListMultipartUploadsCommand({ Bucket, Prefix: 'odd%' }))).Uploads?.map((u) => u.Key)).toEqual(['odd%/c']);
    for (const [i, Key] of keys.entries()) await s3.client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId: uploadIds[i] }));
  });

  it('copies a byte range of an object into a part (UploadPartCopy)', async () => {
    const source = randomBytes(6 * MIB);
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'copy-source.bin', Body: source }));
    const { UploadId } = await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'assembled.bin' }));
    const first = await s3.client.send(new UploadPartCopyCommand({ Bucket, Key: 'assembled.bin', UploadId, PartNumber: 1, CopySource: `${Bucket}/copy-source.bin`, CopySourceRange: `bytes=0-${5 * MIB - 1}` }));
    const second = await s3.client.send(new UploadPartCopyCommand({ Bucket, Key: 'assembled.bin', UploadId, PartNumber: 2, CopySource: `${Bucket}/copy-source.bin`, CopySourceRange: `bytes=${5 * MIB}-${6 * MIB - 1}` }));
    await s3.client.send(
      new CompleteMultipartUploadCommand({ Bucket, Key: 'assembled.bin', UploadId, MultipartUpload: { Parts: [{ ETag: first.CopyPartResult?.ETag, PartNumber: 1 }, { ETag: second.CopyPartResult?.ETag, PartNumber: 2 }] } }),
    );
    expect((await bytesOf('assembled.bin')).equals(source)).toBe(true);
    // A multipart object as the source: a range across its parts, then the whole of it.
    const again = await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'reassembled.bin' }));
    const across = await s3.client.send(new UploadPartCopyCommand({ Bucket, Key: 'reassembled.bin', UploadId: again.UploadId, PartNumber: 1, CopySource: `${Bucket}/assembled.bin`, CopySourceRange: `bytes=7-${6 * MIB - 2}` }));
    const whole = await s3.client.send(new UploadPartCopyCommand({ Bucket, Key: 'reassembled.bin', UploadId: again.UploadId, PartNumber: 2, CopySource: `${Bucket}/assembled.bin` }));
    await s3.client.send(
      new CompleteMultipartUploadCommand({ Bucket, Key: 'reassembled.bin', UploadId: again.UploadId, MultipartUpload: { Parts: [{ ETag: across.CopyPartResult?.ETag, PartNumber: 1 }, { ETag: whole.CopyPartResult?.ETag, PartNumber: 2 }] } }),
    );
    expect((await bytesOf('reassembled.bin')).equals(Buffer.concat([source.subarray(7, 6 * MIB - 1), source]))).toBe(true);
  });

  it('refuses a copy range that is not bytes=first-last, or ends beyond the source, with 400 InvalidArgument', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'five.txt', Body: '12345' }));
    const { UploadId } = await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'ranged.bin' }));
    const copyPart = (CopySourceRange: string) => s3ErrorOf(s3.client.send(new UploadPartCopyCommand({ Bucket, Key: 'ranged.bin', UploadId, PartNumber: 1, CopySource: `${Bucket}/five.txt`, CopySourceRange })));
    const beyond = await copyPart('bytes=0-21');
    expect([beyond.name, beyond.$metadata.httpStatusCode, beyond.message]).toEqual(['InvalidArgument', 400, 'Range specified is not valid for source object of size: 5']);
    for (const malformed of ['bytes=3-1', 'bytes=0-', '0-2']) expect((await copyPart(malformed)).name).toBe('InvalidArgument');
  });
});

describe('CopyObject', () => {
  beforeAll(async () => {
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'original.txt', Body: 'original', ContentType: 'text/plain', Metadata: { a: '1' }, Tagging: 'team=red' }));
  });

  it('copies bytes and metadata (directive COPY)', async () => {
    const copied = await s3.client.send(new CopyObjectCommand({ Bucket, Key: 'dir/copy one.txt', CopySource: `${Bucket}/original.txt` }));
    expect(copied.CopyObjectResult?.ETag).toBe(`"${md5(Buffer.from('original')).toString('hex')}"`);
    const head = await s3.client.send(new HeadObjectCommand({ Bucket, Key: 'dir/copy one.txt' }));
    expect(head).toMatchObject({ ContentType: 'text/plain', Metadata: { a: '1' }, TagCount: 1 });
  });

  it('replaces metadata with directive REPLACE', async () => {
    await s3.client.send(new CopyObjectCommand({ Bucket, Key: 'replaced.txt', CopySource: `${Bucket}/original.txt`, MetadataDirective: 'REPLACE', ContentType: 'text/markdown', Metadata: { b: '2' } }));
    expect(await s3.client.send(new HeadObjectCommand({ Bucket, Key: 'replaced.txt' }))).toMatchObject({ ContentType: 'text/markdown', Metadata: { b: '2' } });
  });

  it('copies keys that need URL encoding', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'odd name+ü.txt', Body: 'odd' }));
    await s3.client.send(new CopyObjectCommand({ Bucket, Key: 'odd-copy.txt', CopySource: encodeURI(`${Bucket}/odd name+ü.txt`).replace(/\+/g, '%2B') }));
    expect((await bytesOf('odd-copy.txt')).toString()).toBe('odd');
  });

  it('refuses to copy an object onto itself unchanged, and allows it with REPLACE', async () => {
    const error = await s3ErrorOf(s3.client.send(new CopyObjectCommand({ Bucket, Key: 'original.txt', CopySource: `${Bucket}/original.txt` })));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['InvalidRequest', 400]);
    await s3.client.send(new CopyObjectCommand({ Bucket, Key: 'original.txt', CopySource: `${Bucket}/original.txt`, MetadataDirective: 'REPLACE', ContentType: 'text/plain' }));
  });

  it('adds a checksum to an existing object by copying it onto itself with a checksum algorithm', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'unsummed.txt', Body: 'no checksum yet' }));
    const copied = await s3.client.send(new CopyObjectCommand({ Bucket, Key: 'unsummed.txt', CopySource: `${Bucket}/unsummed.txt`, ChecksumAlgorithm: 'SHA256' }));
    const sha256 = createHash('sha256').update('no checksum yet').digest('base64');
    expect([copied.CopyObjectResult?.ChecksumSHA256, copied.CopyObjectResult?.ChecksumType]).toEqual([sha256, 'FULL_OBJECT']);
    expect((await s3.client.send(new HeadObjectCommand({ Bucket, Key: 'unsummed.txt', ChecksumMode: 'ENABLED' }))).ChecksumSHA256).toBe(sha256);
  });

  it('decrypts an SSE-C object in place: a copy onto itself that names only the source key is a change', async () => {
    const key = randomBytes(32).toString('base64');
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'sse-c-in-place.txt', Body: 'secret', SSECustomerAlgorithm: 'AES256', SSECustomerKey: key }));
    const source = { CopySource: `${Bucket}/sse-c-in-place.txt`, CopySourceSSECustomerAlgorithm: 'AES256', CopySourceSSECustomerKey: key };
    await s3.client.send(new CopyObjectCommand({ Bucket, Key: 'sse-c-in-place.txt', ...source }));
    expect((await bytesOf('sse-c-in-place.txt')).toString()).toBe('secret');
  });

  it('encrypts the copy as the copy request says, echoing it as S3 does', async () => {
    const copied = await s3.client.send(
      new CopyObjectCommand({ Bucket, Key: 'kms-copy.txt', CopySource: `${Bucket}/original.txt`, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/copies', BucketKeyEnabled: true }),
    );
    const expected = { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/copies', BucketKeyEnabled: true };
    expect(copied).toMatchObject(expected);
    expect(await s3.client.send(new HeadObjectCommand({ Bucket, Key: 'kms-copy.txt' }))).toMatchObject(expected);
  });

  it('honours x-amz-copy-source-if-match with 412 PreconditionFailed', async () => {
    const error = await s3ErrorOf(s3.client.send(new CopyObjectCommand({ Bucket, Key: 'never.txt', CopySource: `${Bucket}/original.txt`, CopySourceIfMatch: '"0000"' })));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['PreconditionFailed', 412]);
  });

  it('evaluates the other x-amz-copy-source-if-* headers as S3 does', async () => {
    const { ETag } = await s3.client.send(new HeadObjectCommand({ Bucket, Key: 'original.txt' }));
    const past = new Date(Date.now() - 3600_000);
    const future = new Date(Date.now() + 3600_000);
    const copy = (conditions: Partial<CopyObjectCommandInput>) => s3.client.send(new CopyObjectCommand({ Bucket, Key: 'conditional.txt', CopySource: `${Bucket}/original.txt`, ...conditions }));
    for (const failing of [{ CopySourceIfNoneMatch: ETag }, { CopySourceIfModifiedSince: new Date() }, { CopySourceIfUnmodifiedSince: past }]) {
      expect((await s3ErrorOf(copy(failing))).$metadata.httpStatusCode).toBe(412);
    }
    // A date in the future is ignored, as S3 ignores it.
    await copy({ CopySourceIfModifiedSince: future });
    // If-Match holding wins over If-Unmodified-Since failing; If-None-Match failing over If-Modified-Since holding.
    await copy({ CopySourceIfMatch: ETag, CopySourceIfUnmodifiedSince: past });
    expect((await s3ErrorOf(copy({ CopySourceIfNoneMatch: ETag, CopySourceIfModifiedSince: past }))).name).toBe('PreconditionFailed');
  });

  it('copies a source named with ?versionId=null (every object of an unversioned bucket)', async () => {
    await s3.client.send(new CopyObjectCommand({ Bucket, Key: 'from-null-version.txt', CopySource: `${Bucket}/original.txt?versionId=null` }));
    expect((await bytesOf('from-null-version.txt')).toString()).toBe('original');
  });

  it('copies an SSE-C source only with its customer key in x-amz-copy-source-server-side-encryption-customer-*', async () => {
    const key = randomBytes(32).toString('base64');
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'sse-c-source.txt', Body: 'secret', SSECustomerAlgorithm: 'AES256', SSECustomerKey: key }));
    const copy = (extra: Partial<CopyObjectCommandInput>) => s3.client.send(new CopyObjectCommand({ Bucket, Key: 'sse-c-copy.txt', CopySource: `${Bucket}/sse-c-source.txt`, ...extra }));
    const withoutKey = await s3ErrorOf(copy({}));
    expect([withoutKey.name, withoutKey.$metadata.httpStatusCode]).toEqual(['InvalidRequest', 400]);
    expect((await s3ErrorOf(copy({ CopySourceSSECustomerAlgorithm: 'AES256', CopySourceSSECustomerKey: randomBytes(32).toString('base64') }))).$metadata.httpStatusCode).toBe(403);
    await copy({ CopySourceSSECustomerAlgorithm: 'AES256', CopySourceSSECustomerKey: key });
    expect((await bytesOf('sse-c-copy.txt')).toString()).toBe('secret');
  });

  it('answers NoSuchKey for a missing source', async () => {
    expect((await s3ErrorOf(s3.client.send(new CopyObjectCommand({ Bucket, Key: 'x', CopySource: `${Bucket}/missing` })))).name).toBe('NoSuchKey');
  });
});
