/** boto3 (tests/integration/s3/boto3_versioning.py) against the S3 mock's versions and Object Lock. */
import { join } from 'node:path';
import { python, useClientHome } from './python-clients';
import { localhostUrl, useS3 } from './s3-fixture';

const s3 = useS3();
const home = useClientHome('s3-boto3-versions-');

it('versions, delete markers and Object Lock work from boto3', async () => {
  const seen = JSON.parse(await python(join(__dirname, 'boto3_versioning.py'), [localhostUrl(s3.server)], home.path));
  expect(seen).toEqual({
    versioning: ['Enabled', 'Disabled'],
    old_body: 'one',
    marker: true,
    head_after_delete: ['404', 'true'],
    versions: [[true, false], [true, false]],
    markers: [[true, true]],
    restored: 'two',
    retention: ['GOVERNANCE', true],
    delete_locked: 'AccessDenied',
    bypassed: 204,
    suspend_locked: 'InvalidBucketState',
  });
}, 60_000);
