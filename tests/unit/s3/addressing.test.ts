import { resolveAddress, virtualHostBucket } from '../../../src/s3/addressing';

const domains = ['localhost', 's3.localhost'];

describe('path-style addressing', () => {
  it.each([
    ['/', undefined, undefined],
    ['/test-bucket', 'test-bucket', undefined],
    ['/test-bucket/', 'test-bucket', undefined],
    ['/test-bucket/a/b/c.jpg', 'test-bucket', 'a/b/c.jpg'],
    ['/test-bucket/a+b%20c.jpg', 'test-bucket', 'a+b c.jpg'],
    ['/test-bucket/a%2Fb', 'test-bucket', 'a/b'],
    ['/test-bucket//leading', 'test-bucket', '/leading'],
    ['/test-bucket/%C3%BC%E2%82%AC', 'test-bucket', 'ü€'],
    ['/test-bucket/../../etc/passwd', 'test-bucket', '../../etc/passwd'],
  ])('%s is bucket %s, key %s', (path, bucket, key) => {
    expect(resolveAddress('localhost:9000', path, domains)).toEqual({ bucket, key, virtualHost: false });
  });

  it('answers InvalidURI for a malformed percent-escape', () => {
    expect(() => resolveAddress('localhost', '/b/%zz', domains)).toThrow(expect.objectContaining({ code: 'InvalidURI' }));
  });
});

describe('virtual-host addressing (S3_DOMAINS)', () => {
  it.each([
    ['test-bucket.localhost:9000', 'test-bucket'],
    ['my.dotted.bucket.localhost', 'my.dotted.bucket'],
    ['photos.s3.localhost:9000', 'photos'],
    ['PHOTOS.LOCALHOST', 'photos'],
    ['localhost:9000', undefined],
    ['s3.localhost:9000', undefined],
    ['127.0.0.1:9000', undefined],
    ['[::1]:9000', undefined],
    ['example.com', undefined],
    [undefined, undefined],
  ])('Host %s names bucket %s', (host, bucket) => {
    expect(virtualHostBucket(host, domains)).toBe(bucket);
  });

  it('takes the whole path as the key', () => {
    expect(resolveAddress('b1.localhost:9000', '/a/b%2Bc.txt', domains)).toEqual({ bucket: 'b1', key: 'a/b+c.txt', virtualHost: true });
    expect(resolveAddress('b1.localhost:9000', '/', domains)).toEqual({ bucket: 'b1', key: undefined, virtualHost: true });
  });
});
