/** The IAM action each S3 operation is authorized as (src/s3/access/iam-actions.ts). */
import { ACTION_RESOURCE_KINDS, iamActionOf } from '../../../../src/s3/access/iam-actions';
import { namesS3Action } from '../../../../src/s3/access/s3-action-names';

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

  it('authorizes every operation as an action S3 defines, so a policy naming it is accepted', () => {
    expect([...ACTION_RESOURCE_KINDS.keys()].filter((action) => !namesS3Action(action))).toEqual([]);
  });
});
