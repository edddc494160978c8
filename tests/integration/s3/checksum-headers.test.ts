/**
 * Announced checksums that S3 refuses before comparing any bytes (InvalidRequest), as opposed to
 * well-formed checksums that do not match the body (BadDigest, in sdk-objects.test.ts).
 */
import {
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { errorCodeOf, rawRequest } from './raw-http';
import { s3ErrorOf } from './s3-error';
import { useS3 } from './s3-fixture';

const s3 = useS3();
const Bucket = 'test-bucket';

const stored = async (key: string) => (await rawRequest(s3.server.port, { method: 'HEAD', path: `/${Bucket}/${key}` })).status === 200;

describe('x-amz-checksum-* values that are not a digest of their algorithm', () => {
  it.each([
    ['ChecksumCRC32', 'crc32', 'not-a-crc'],
    ['ChecksumCRC32C', 'crc32c', 'AAAAAAAA'],
    ['ChecksumSHA1', 'sha1', 'AAAAAA=='],
    ['ChecksumSHA256', 'sha256', 'AAAAAA=='],
  ] as const)('PutObject with %s %j: InvalidRequest, nothing stored', async (member, algorithm, value) => {
    const Key = `invalid-${algorithm}`;
    const error = await s3ErrorOf(s3.client.send(new PutObjectCommand({ Bucket, Key, Body: 'hello', [member]: value })));
    expect([error.name, error.$metadata.httpStatusCode, error.message]).toEqual(['InvalidRequest', 400, `Value for x-amz-checksum-${algorithm} header is invalid.`]);
    expect(await stored(Key)).toBe(false);
  });

  it('UploadPart with a malformed checksum: InvalidRequest', async () => {
    const { UploadId } = await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'mpu-invalid', ChecksumAlgorithm: 'CRC32' }));
    const error = await s3ErrorOf(s3.client.send(new UploadPartCommand({ Bucket, Key: 'mpu-invalid', UploadId, PartNumber: 1, Body: 'part', ChecksumCRC32: '!!' })));
    expect([error.name, error.message]).toEqual(['InvalidRequest', 'Value for x-amz-checksum-crc32 header is invalid.']);
  });
});

describe('announcements S3 refuses as a whole', () => {
  it('two checksum headers: "Multiple checksum Types are not allowed"', async () => {
    const response = await rawRequest(s3.server.port, {
      method: 'PUT',
      path: `/${Bucket}/two-sums`,
      headers: { 'x-amz-checksum-crc32': 'NhCmhg==', 'x-amz-checksum-sha1': 'qvTGHdzF6KLavt4PO0gs2a6pQ00=' },
      body: 'hello',
    });
    expect([response.status, errorCodeOf(response.body)]).toEqual([400, 'InvalidRequest']);
    expect(response.body).toContain('Multiple checksum Types are not allowed.');
  });

  it('x-amz-sdk-checksum-algorithm without its header or trailer', async () => {
    const response = await rawRequest(s3.server.port, { method: 'PUT', path: `/${Bucket}/hint-only`, headers: { 'x-amz-sdk-checksum-algorithm': 'CRC32' }, body: 'hello' });
    expect([response.status, errorCodeOf(response.body)]).toEqual([400, 'InvalidRequest']);
    expect(response.body).toContain('no corresponding x-amz-checksum-* or x-amz-trailer headers were found');
  });

  it('x-amz-sdk-checksum-algorithm naming an algorithm S3 does not have', async () => {
    const response = await rawRequest(s3.server.port, { method: 'PUT', path: `/${Bucket}/md5-hint`, headers: { 'x-amz-sdk-checksum-algorithm': 'MD5', 'x-amz-checksum-crc32': 'NhCmhg==' }, body: 'hello' });
    expect([response.status, errorCodeOf(response.body)]).toEqual([400, 'InvalidRequest']);
  });

  it('a malformed trailing checksum of an aws-chunked body: InvalidRequest, nothing stored', async () => {
    const response = await rawRequest(s3.server.port, {
      method: 'PUT',
      path: `/${Bucket}/bad-trailer`,
      headers: {
        'Content-Encoding': 'aws-chunked',
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'x-amz-decoded-content-length': '5',
        'x-amz-trailer': 'x-amz-checksum-crc32',
      },
      body: '5\r\nhello\r\n0\r\nx-amz-checksum-crc32:nope\r\n\r\n',
    });
    expect([response.status, errorCodeOf(response.body)]).toEqual([400, 'InvalidRequest']);
    expect(response.body).toContain('Value for x-amz-checksum-crc32 trailing header is invalid.');
    expect(await stored('bad-trailer')).toBe(false);
  });

  it('an x-amz-trailer naming no checksum S3 has (MD5): InvalidRequest before the body, nothing stored', async () => {
    const response = await rawRequest(s3.server.port, {
      method: 'PUT',
      path: `/${Bucket}/md5-trailer`,
      headers: {
        'Content-Encoding': 'aws-chunked',
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'x-amz-decoded-content-length': '5',
        'x-amz-trailer': 'x-amz-checksum-md5',
      },
      body: '5\r\nhello\r\n0\r\nx-amz-checksum-md5:XUFAKrxLKna5cZ2REBfFkg==\r\n\r\n',
    });
    expect([response.status, errorCodeOf(response.body)]).toEqual([400, 'InvalidRequest']);
    expect(response.body).toContain('The value specified in the x-amz-trailer header is not supported');
    expect(await stored('md5-trailer')).toBe(false);
  });

  it('a well-formed checksum with its SDK hint is stored, as the SDK sends it', async () => {
    const response = await rawRequest(s3.server.port, {
      method: 'PUT',
      path: `/${Bucket}/hinted`,
      headers: { 'x-amz-sdk-checksum-algorithm': 'CRC32', 'x-amz-checksum-crc32': 'NhCmhg==' },
      body: 'hello',
    });
    expect([response.status, response.headers['x-amz-checksum-crc32']]).toEqual([200, 'NhCmhg==']);
  });
});

describe('objects written without any checksum', () => {
  // CRC-64/NVME of "123456789", the algorithm's published check value 0xAE8B14860A799888.
  const CHECK_VALUE = Buffer.from('ae8b14860a799888', 'hex').toString('base64');

  it('get the CRC64NVME S3 adds, answered on the PUT and served as the object\'s checksum', async () => {
    const put = await rawRequest(s3.server.port, { method: 'PUT', path: `/${Bucket}/unchecked`, body: '123456789' });
    expect([put.status, put.headers['x-amz-checksum-crc64nvme'], put.headers['x-amz-checksum-type']]).toEqual([200, CHECK_VALUE, 'FULL_OBJECT']);
    const head = await s3.client.send(new HeadObjectCommand({ Bucket, Key: 'unchecked', ChecksumMode: 'ENABLED' }));
    expect([head.ChecksumCRC64NVME, head.ChecksumType, head.ChecksumCRC32]).toEqual([CHECK_VALUE, 'FULL_OBJECT', undefined]);
  });

  it('keep it when copied, and a form upload gets one too', async () => {
    await rawRequest(s3.server.port, { method: 'PUT', path: `/${Bucket}/unchecked-source`, body: '123456789' });
    await s3.client.send(new CopyObjectCommand({ Bucket, Key: 'unchecked-copy', CopySource: `${Bucket}/unchecked-source` }));
    expect((await s3.client.send(new HeadObjectCommand({ Bucket, Key: 'unchecked-copy', ChecksumMode: 'ENABLED' }))).ChecksumCRC64NVME).toBe(CHECK_VALUE);
    const form = new FormData();
    form.append('key', 'unchecked-form');
    form.append('file', new Blob(['123456789']), 'digits.txt');
    expect((await fetch(`http://127.0.0.1:${s3.server.port}/${Bucket}`, { method: 'POST', body: form })).status).toBe(204);
    expect((await s3.client.send(new HeadObjectCommand({ Bucket, Key: 'unchecked-form', ChecksumMode: 'ENABLED' }))).ChecksumCRC64NVME).toBe(CHECK_VALUE);
  });

  it('are listed with that algorithm and the FULL_OBJECT type HEAD reports, by ListObjectsV2 and ListObjectVersions', async () => {
    await rawRequest(s3.server.port, { method: 'PUT', path: `/${Bucket}/listed/unchecked`, body: '123456789' });
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'listed/crc32', Body: '123456789', ChecksumAlgorithm: 'CRC32' }));
    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket, Prefix: 'listed/' }));
    const versions = await s3.client.send(new ListObjectVersionsCommand({ Bucket, Prefix: 'listed/' }));
    for (const entries of [listed.Contents, versions.Versions]) {
      expect(entries?.map(({ Key, ChecksumAlgorithm, ChecksumType }) => ({ Key, ChecksumAlgorithm, ChecksumType }))).toEqual([
        { Key: 'listed/crc32', ChecksumAlgorithm: ['CRC32'], ChecksumType: 'FULL_OBJECT' },
        { Key: 'listed/unchecked', ChecksumAlgorithm: ['CRC64NVME'], ChecksumType: 'FULL_OBJECT' },
      ]);
    }
  });

  it('keep only the checksum they were sent with when they have one', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'crc32-only', Body: '123456789', ChecksumAlgorithm: 'CRC32' }));
    const head = await s3.client.send(new HeadObjectCommand({ Bucket, Key: 'crc32-only', ChecksumMode: 'ENABLED' }));
    expect([head.ChecksumCRC32, head.ChecksumCRC64NVME]).toEqual([expect.any(String), undefined]);
  });
});
