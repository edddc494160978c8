/** boto3 (tests/integration/s3/boto3_access.py) against the S3 mock's access control. */
import { join } from 'node:path';
import { python, useClientHome } from './python-clients';
import { localhostUrl, useS3 } from './s3-fixture';

const s3 = useS3({
  env: {
    S3_AUTH: 'strict',
    S3_OBJECT_OWNERSHIP: 'ObjectWriter',
    S3_CREDENTIALS: 'test-key:test-secret,alt-key:alt-secret',
    S3_PRINCIPALS: JSON.stringify({ 'alt-key': { arn: 'arn:aws:iam::222222222222:root' } }),
  },
});
const home = useClientHome('s3-boto3-access-');

it('ACLs, bucket policies, Block Public Access, ownership controls and POST forms work from boto3', async () => {
  const seen = JSON.parse(await python(join(__dirname, 'boto3_access.py'), [localhostUrl(s3.server), 'alt-key', 'alt-secret'], home.path));
  expect(seen).toEqual({
    bucket_grants: ['CanonicalUser:FULL_CONTROL', 'Group:READ'],
    // Owner and grantees by ID (or URI) alone: S3 names no one (DisplayName) since November 2025.
    acl_names: ['ID', 'Type', 'URI'],
    v2_location: 'eu-west-1',
    alt_public: 'a',
    alt_private: 'AccessDenied',
    alt_put: 'AccessDenied',
    block: { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false },
    blocked_acl: 'AccessDenied',
    ownership: 'BucketOwnerPreferred',
    alt_buckets: [],
    post_status: 201,
    post_body: 'form body',
    forged_post: 403,
  });
}, 60_000);
