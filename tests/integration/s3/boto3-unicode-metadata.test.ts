/** boto3 (tests/integration/s3/boto3_unicode_metadata.py) sending user metadata beyond ASCII as raw UTF-8. */
import { join } from 'node:path';
import { python, useClientHome } from './python-clients';
import { localhostUrl, useS3 } from './s3-fixture';

const s3 = useS3();
const home = useClientHome('s3-boto3-unicode-');

// S3 reads a header one character per byte, so 'é' sent as UTF-8 (C3 A9) is stored as 'Ã©' and
// answered RFC 2047-encoded from there, as S3 answers it (README, "User metadata beyond ASCII").
const HELLO = { meta1: '=?UTF-8?Q?Hello_World=C3=83=C2=A9?=' };

it('verifies the signature over metadata sent as raw UTF-8 and answers it as S3 does, through copies and multipart uploads', async () => {
  const seen = JSON.parse(await python(join(__dirname, 'boto3_unicode_metadata.py'), [localhostUrl(s3.server)], home.path));
  expect(seen).toEqual({
    put: [HELLO, HELLO],
    copy: [HELLO, HELLO],
    copy_replace: [{ city: '=?UTF-8?Q?Z=C3=83=C2=BCrich?=' }, { city: '=?UTF-8?Q?Z=C3=83=C2=BCrich?=' }],
    multipart: [HELLO, HELLO],
    encoded: [{ meta1: '=?UTF-8?Q?Hello_World=C3=A9?=' }, { meta1: '=?UTF-8?Q?Hello_World=C3=A9?=' }],
  });
}, 60_000);
