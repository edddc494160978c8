/**
 * Checksums of multipart uploads from @aws-sdk/client-s3: COMPOSITE (the checksum of the part
 * checksums, `-N`) and FULL_OBJECT (the checksum of the whole body, CRC64NVME's default), as S3
 * reports them on Complete, HeadObject, GetObject (of the whole object or of one part) and
 * GetObjectAttributes.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html#large-object-checksums
 */
import { Crc32, Crc64Nvme } from '@aws-sdk/checksums/crc';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectAttributesCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
  type ChecksumAlgorithm,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { s3ErrorOf } from './s3-error';
import { useS3 } from './s3-fixture';

const s3 = useS3();
const Bucket = 'test-bucket';
const parts = [randomBytes(5 * 1024 * 1024), randomBytes(1000)];

async function digest(checksum: Crc32 | Crc64Nvme, ...chunks: Uint8Array[]): Promise<Buffer> {
  for (const chunk of chunks) checksum.update(chunk);
  return Buffer.from(await checksum.digest());
}

/** Creates an upload with the algorithm and uploads `parts`, returning what Complete needs. */
async function uploadParts(Key: string, ChecksumAlgorithm: ChecksumAlgorithm, ChecksumType?: 'COMPOSITE' | 'FULL_OBJECT') {
  const { UploadId } = await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key, ChecksumAlgorithm, ChecksumType }));
  const completed: CompletedPart[] = [];
  for (const [index, Body] of parts.entries()) {
    const part = await s3.client.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: index + 1, Body, ChecksumAlgorithm }));
    completed.push({ PartNumber: index + 1, ETag: part.ETag, ChecksumCRC32: part.ChecksumCRC32, ChecksumCRC64NVME: part.ChecksumCRC64NVME });
  }
  return { UploadId, completed };
}

describe('multipart checksums', () => {
  it('COMPOSITE CRC32: the CRC32 of the part CRC32s, -N, reported everywhere with its type', async () => {
    const { UploadId, completed } = await uploadParts('composite.bin', 'CRC32');
    const partSums = await Promise.all(parts.map((part) => digest(new Crc32(), part)));
    expect(completed.map((part) => part.ChecksumCRC32)).toEqual(partSums.map((sum) => sum.toString('base64')));
    const expected = `${(await digest(new Crc32(), ...partSums)).toString('base64')}-2`;

    const done = await s3.client.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'composite.bin', UploadId, MultipartUpload: { Parts: completed } }));
    expect([done.ChecksumCRC32, done.ChecksumType]).toEqual([expected, 'COMPOSITE']);
    const head = await s3.client.send(new HeadObjectCommand({ Bucket, Key: 'composite.bin', ChecksumMode: 'ENABLED' }));
    expect([head.ChecksumCRC32, head.ChecksumType]).toEqual([expected, 'COMPOSITE']);
    const attributes = await s3.client.send(new GetObjectAttributesCommand({ Bucket, Key: 'composite.bin', ObjectAttributes: ['Checksum'] }));
    expect(attributes.Checksum).toEqual({ ChecksumCRC32: expected, ChecksumType: 'COMPOSITE' });
    // A part read reports that part's checksum, which the SDK verifies against the bytes it gets.
    const second = await s3.client.send(new GetObjectCommand({ Bucket, Key: 'composite.bin', PartNumber: 2, ChecksumMode: 'ENABLED' }));
    expect([second.ChecksumCRC32, second.ChecksumType, second.PartsCount]).toEqual([partSums[1].toString('base64'), 'COMPOSITE', 2]);
    expect(Buffer.from(await second.Body!.transformToByteArray()).equals(parts[1])).toBe(true);
  });

  it('FULL_OBJECT CRC64NVME: the checksum of the whole body, which the SDK verifies on GetObject', async () => {
    const { UploadId, completed } = await uploadParts('full.bin', 'CRC64NVME', 'FULL_OBJECT');
    const expected = (await digest(new Crc64Nvme(), ...parts)).toString('base64');
    const done = await s3.client.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'full.bin', UploadId, MultipartUpload: { Parts: completed }, ChecksumCRC64NVME: expected }));
    expect([done.ChecksumCRC64NVME, done.ChecksumType]).toEqual([expected, 'FULL_OBJECT']);
    const object = await s3.client.send(new GetObjectCommand({ Bucket, Key: 'full.bin', ChecksumMode: 'ENABLED' }));
    expect([object.ChecksumCRC64NVME, object.ChecksumType]).toEqual([expected, 'FULL_OBJECT']);
    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(Buffer.concat(parts))).toBe(true);
  });

  it('lists no checksum with the parts of an upload created without an algorithm, as S3, though each part answered its own', async () => {
    const Key = 'no-algorithm.bin';
    const { UploadId } = await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    const part = await s3.client.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: parts[1], ChecksumAlgorithm: 'CRC32C' }));
    expect(part.ChecksumCRC32C).toBeDefined();
    const listed = await s3.client.send(new ListPartsCommand({ Bucket, Key, UploadId }));
    expect(listed.Parts?.map(({ PartNumber, ETag, ChecksumCRC32C }) => ({ PartNumber, ETag, ChecksumCRC32C }))).toEqual([{ PartNumber: 1, ETag: part.ETag, ChecksumCRC32C: undefined }]);
    expect([listed.ChecksumAlgorithm, listed.ChecksumType]).toEqual([undefined, undefined]);
  });

  it("reads part 1 of an object uploaded whole with the object's checksum, and a part of an upload made without an algorithm with none", async () => {
    const Key = 'whole.bin';
    await s3.client.send(new PutObjectCommand({ Bucket, Key, Body: parts[1], ChecksumAlgorithm: 'CRC32' }));
    const whole = await s3.client.send(new GetObjectCommand({ Bucket, Key, PartNumber: 1, ChecksumMode: 'ENABLED' }));
    expect([whole.ChecksumCRC32, whole.ChecksumType, whole.ContentRange]).toEqual([(await digest(new Crc32(), parts[1])).toString('base64'), 'FULL_OBJECT', `bytes 0-999/1000`]);

    const { UploadId } = await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'unsummed.bin' }));
    const part = await s3.client.send(new UploadPartCommand({ Bucket, Key: 'unsummed.bin', UploadId, PartNumber: 1, Body: parts[1], ChecksumAlgorithm: 'CRC32C' }));
    await s3.client.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'unsummed.bin', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } }));
    const first = await s3.client.send(new HeadObjectCommand({ Bucket, Key: 'unsummed.bin', PartNumber: 1, ChecksumMode: 'ENABLED' }));
    expect([first.PartsCount, first.ChecksumCRC32C, first.ChecksumType]).toEqual([1, undefined, undefined]);
  });

  it('refuses a Complete that lists a part checksum other than the uploaded one with InvalidPart', async () => {
    const { UploadId, completed } = await uploadParts('wrong-part-sum.bin', 'CRC32');
    completed[1] = { ...completed[1], ChecksumCRC32: 'AAAAAA==' };
    expect((await s3ErrorOf(s3.client.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'wrong-part-sum.bin', UploadId, MultipartUpload: { Parts: completed } })))).name).toBe('InvalidPart');
  });

  it('refuses a Complete announcing a whole-object checksum the body does not have with BadDigest', async () => {
    const { UploadId, completed } = await uploadParts('wrong-full-sum.bin', 'CRC64NVME', 'FULL_OBJECT');
    const error = await s3ErrorOf(
      s3.client.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'wrong-full-sum.bin', UploadId, MultipartUpload: { Parts: completed }, ChecksumCRC64NVME: 'AAAAAAAAAAA=' })),
    );
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['BadDigest', 400]);
  });

  it('refuses a Complete that leaves out the part checksums of an upload made with an algorithm, as S3 does', async () => {
    const { UploadId, completed } = await uploadParts('unsummed-parts.bin', 'CRC32');
    const Parts = completed.map(({ PartNumber, ETag }) => ({ PartNumber, ETag }));
    const error = await s3ErrorOf(s3.client.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'unsummed-parts.bin', UploadId, MultipartUpload: { Parts } })));
    expect([error.name, error.message, error.$metadata.httpStatusCode]).toEqual([
      'InvalidRequest',
      'The upload was created using a crc32 checksum. The complete request must include the checksum for each part. It was missing for part 1 in the request.',
      400,
    ]);
  });

  it.each([
    ['SHA256', 'FULL_OBJECT', 'The FULL_OBJECT checksum type cannot be used with the sha256 checksum algorithm.'],
    ['SHA1', 'FULL_OBJECT', 'The FULL_OBJECT checksum type cannot be used with the sha1 checksum algorithm.'],
    ['CRC64NVME', 'COMPOSITE', 'The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.'],
    [undefined, 'FULL_OBJECT', 'The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.'],
  ] as const)('refuses an upload with checksum algorithm %s and type %s as S3 does', async (ChecksumAlgorithm, ChecksumType, message) => {
    const error = await s3ErrorOf(s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'refused.bin', ChecksumAlgorithm, ChecksumType })));
    expect([error.name, error.message, error.$metadata.httpStatusCode]).toEqual(['InvalidRequest', message, 400]);
  });
});
