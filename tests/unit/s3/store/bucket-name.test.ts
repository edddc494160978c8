import { bucketNameProblem, RESERVED_BUCKET_NAMES } from '../../../../src/s3/store';

describe('bucket names', () => {
  it.each(['abc', 'my-bucket', 'my.bucket.2024', 'a'.repeat(63), '123'])('accepts %s', (name) => {
    expect(bucketNameProblem(name)).toBeUndefined();
  });

  it.each([
    ['ab', 'between 3 and 63'],
    ['a'.repeat(64), 'between 3 and 63'],
    ['MyBucket', 'lowercase'],
    ['my_bucket', 'lowercase'],
    ['-bucket', 'begin and end'],
    ['bucket.', 'begin and end'],
    ['my..bucket', 'adjacent dots'],
    ['192.168.5.4', 'IP address'],
    ['xn--bucket', 'prefix'],
    ['bucket-s3alias', 'suffix'],
    ['bucket--ol-s3', 'suffix'],
  ])('refuses %s (%s)', (name, reason) => {
    expect(bucketNameProblem(name)).toContain(reason);
  });

  it("refuses the mock's own top-level names", () => {
    expect(RESERVED_BUCKET_NAMES).toEqual(['admin', 'health', 'docs', 'presigned-url', 'openapi.json']);
    for (const name of RESERVED_BUCKET_NAMES) expect(bucketNameProblem(name)).toContain('reserved');
  });
});
