/** boto3 (tests/integration/s3/boto3_unicode_metadata.py) sending user metadata beyond ASCII. */
import { join } from 'node:path';
import { python, useClientHome } from './python-clients';
import { localhostUrl, useS3 } from './s3-fixture';

const s3 = useS3();
const home = useClientHome('s3-boto3-unicode-');

// S3 reads a header one character per byte, so 'é' sent as UTF-8 (C3 A9) is stored as 'Ã©' and
// answered RFC 2047-encoded from there, as S3 answers it (README, "User metadata beyond ASCII").
const HELLO = { meta1: '=?UTF-8?Q?Hello_World=C3=83=C2=A9?=' };
// A presigned query's metadata is percent-encoded UTF-8, read as the text it encodes.
const PRESIGNED = '=?UTF-8?Q?non-ascii-%E2%80%94=5F=E2=80=94=5F=C3=A9=5F?=';

it('verifies the signature over metadata beyond ASCII and answers it as S3 does: raw UTF-8 headers (put, copies, multipart) and a SigV2 presigned query', async () => {
  const seen = JSON.parse(await python(join(__dirname, 'boto3_unicode_metadata.py'), [localhostUrl(s3.server)], home.path));
  expect(seen).toEqual({
    put: [HELLO, HELLO],
    copy: [HELLO, HELLO],
    copy_replace: [{ city: '=?UTF-8?Q?Z=C3=83=C2=BCrich?=' }, { city: '=?UTF-8?Q?Z=C3=83=C2=BCrich?=' }],
    multipart: [HELLO, HELLO],
    presigned_sigv2: [{ foo: PRESIGNED }, { foo: PRESIGNED }],
    encoded: [{ meta1: '=?UTF-8?Q?Hello_World=C3=A9?=' }, { meta1: '=?UTF-8?Q?Hello_World=C3=A9?=' }],
  });
}, 60_000);
