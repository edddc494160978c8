import { metadataFromRequest, serverSideEncryption } from '../../../src/s3/object-metadata';
import { createHash, randomBytes } from 'node:crypto';
import type { S3HttpRequest } from '../../../src/s3/http-request';

const request = (...rawHeaders: string[]): S3HttpRequest => ({ method: 'PUT', rawPath: '/b/k', query: [], rawHeaders });

describe('object metadata from request headers', () => {
  it('keeps standard headers and x-amz-meta-* (names lower-cased, values as sent), dropping aws-chunked', () => {
    const metadata = metadataFromRequest(
      request(
        'Content-Type', 'image/jpeg',
        'Content-Encoding', 'gzip, aws-chunked',
        'Content-Disposition', 'inline',
        'Cache-Control', 'no-cache',
        'Expires', 'Thu, 01 Dec 2030 16:00:00 GMT',
        'X-Amz-Meta-Camera', 'Nikon  D850',
        'x-amz-tagging', 'a=1&b=two%20words',
        'x-amz-storage-class', 'STANDARD_IA',
      ),
    );
    expect(metadata).toEqual({
      contentType: 'image/jpeg',
      contentEncoding: 'gzip',
      contentDisposition: 'inline',
      cacheControl: 'no-cache',
      expires: 'Thu, 01 Dec 2030 16:00:00 GMT',
      userMetadata: { camera: 'Nikon  D850' },
      tags: [{ key: 'a', value: '1' }, { key: 'b', value: 'two words' }],
      storageClass: 'STANDARD_IA',
    });
  });

  it('refuses more than 2 KB of user metadata with MetadataTooLarge', () => {
    expect(() => metadataFromRequest(request('x-amz-meta-big', 'x'.repeat(2100)))).toThrow(expect.objectContaining({ code: 'MetadataTooLarge' }));
  });

  it('refuses an unknown storage class with InvalidStorageClass', () => {
    expect(() => metadataFromRequest(request('x-amz-storage-class', 'CHEAP'))).toThrow(expect.objectContaining({ code: 'InvalidStorageClass' }));
  });
});

describe('server-side encryption headers', () => {
  it.each([
    [['x-amz-server-side-encryption', 'AES256'], { algorithm: 'AES256' }],
    [['x-amz-server-side-encryption', 'aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id', 'key-1', 'x-amz-server-side-encryption-bucket-key-enabled', 'true'], { algorithm: 'aws:kms', kmsKeyId: 'key-1', bucketKeyEnabled: true }],
  ])('accepts %j', (headers, sse) => {
    expect(serverSideEncryption(request(...headers))).toEqual(sse);
  });

  it.each([
    [['x-amz-server-side-encryption', 'DES']],
    [['x-amz-server-side-encryption', 'AES256', 'x-amz-server-side-encryption-aws-kms-key-id', 'key-1']],
    [['x-amz-server-side-encryption-customer-algorithm', 'AES256', 'x-amz-server-side-encryption-customer-key', 'c2hvcnQ=', 'x-amz-server-side-encryption-customer-key-md5', 'x']],
  ])('refuses %j with InvalidArgument', (headers) => {
    expect(() => serverSideEncryption(request(...headers))).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
  });

  it('checks an SSE-C key against its MD5 and keeps only the MD5', () => {
    const key = randomBytes(32);
    const md5 = createHash('md5').update(key).digest('base64');
    const headers = ['x-amz-server-side-encryption-customer-algorithm', 'AES256', 'x-amz-server-side-encryption-customer-key', key.toString('base64')];
    expect(serverSideEncryption(request(...headers, 'x-amz-server-side-encryption-customer-key-md5', md5))).toEqual({ customerAlgorithm: 'AES256', customerKeyMd5: md5 });
    expect(() => serverSideEncryption(request(...headers, 'x-amz-server-side-encryption-customer-key-md5', 'AAAAAAAAAAAAAAAAAAAAAA=='))).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
  });
});
