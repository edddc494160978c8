/** boto3 (tests/integration/s3/boto3_client.py) against a running S3 mock. */
import { join } from 'node:path';
import { python, useClientHome } from './python-clients';
import { localhostUrl, useS3 } from './s3-fixture';

const s3 = useS3();
const home = useClientHome('s3-boto3-');

it('put/get/list/delete, a Content-Disposition beyond ASCII (and response-* overrides: ISO-8859-1 or refused), a managed multipart upload, SigV2 and SigV4 presigned URLs (a SigV2 PUT with the metadata it was presigned with) work from boto3', async () => {
  const seen = JSON.parse(await python(join(__dirname, 'boto3_client.py'), [localhostUrl(s3.server)], home.path));
  expect(seen).toEqual({
    roundtrip: true,
    content_type: 'application/x-test',
    metadata: { owner: 'boto' },
    content_disposition: ['attachment; filename="ü.txt"', 'attachment; filename="ü.txt"', 'inline; filename="é.txt"', 'inline; filename="é.txt"'],
    override_beyond_latin1: {
      Code: 'InvalidArgument',
      Message: 'Header value cannot be represented using ISO-8859-1.',
      ArgumentName: 'response-content-disposition',
      ArgumentValue: 'inline; filename="✓.txt"',
    },
    managed_upload: true,
    managed_etag_parts: '2',
    listed: ['boto/data.bin', 'boto/managed.bin'],
    prefixes_echoed: ['a b/', 'a b/', 'a b/'],
    presigned_s3: ['sigv2', true],
    presigned_s3v4: ['sigv4', true],
    presigned_default: true,
    presigned_put_metadata: { owner: 'presigner' },
    after_delete: '404',
    missing_code: 'NoSuchKey',
  });
}, 60_000);
