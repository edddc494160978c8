/** The IAM action each S3 operation is authorized as (src/s3/access/iam-actions.ts). */
import { iamActionOf } from '../../../../src/s3/access/iam-actions';

describe('IAM actions of S3 operations', () => {
  it.each([
    ['ListObjectsV2', false, 's3:ListBucket'],
    ['HeadObject', false, 's3:GetObject'],
    ['DeleteBucketTagging', false, 's3:PutBucketTagging'],
    ['GetObject', true, 's3:GetObjectVersion'],
    ['PutObjectAcl', true, 's3:PutObjectVersionAcl'],
    ['DeleteObject', true, 's3:DeleteObjectVersion'],
    ['PutObject', true, 's3:PutObject'],
  ] as const)('%s (version named: %s) is %s', (operation, versioned, action) => {
    expect(iamActionOf(operation, versioned)).toBe(action);
  });
});
