import { decodeEncodedWords, mailSafeMetadata } from '../../../src/s3/metadata-encoding';

// The answers S3 gave for these values (localstack's AWS-recorded snapshots of
// test_user_metadata_rfc2047_encoded and test_post_object_with_unicode_metadata).
describe('mailSafeMetadata', () => {
  it.each([
    ['test_—_file%E2%80%94_é_2?.pdf', '=?UTF-8?Q?test=5F=E2=80=94=5Ffile%E2%80%94=5F=C3=A9=5F2=3F.pdf?='],
    ['ÄMÄZÕÑ S3', '=?UTF-8?Q?=C3=84M=C3=84Z=C3=95=C3=91_S3?='],
    ['test_—_file%E2%80%94_é_2👑.pdf', '=?UTF-8?Q?test=5F=E2=80=94=5Ffile%E2%80%94=5F=C3=A9=5F2=F0=9F=91=91.pdf?='],
    ['\x00\x01\x02\x03', '=?UTF-8?B?AAECAw==?='],
    ['\x00\x01\x02\x03\x04', '=?UTF-8?B?AAECAwQ=?='],
    ['\uFFFD'.repeat(7), '=?UTF-8?B?77+977+977+977+977+977+977+9?='],
    // UTF-8 sent raw in a header is read one character per byte, so S3 encodes it twice
    [Buffer.from('é', 'utf8').toString('latin1'), '=?UTF-8?Q?=C3=83=C2=A9?='],
  ])('answers %j as %s', (stored, answered) => {
    expect(mailSafeMetadata(stored)).toBe(answered);
  });

  it('answers printable ASCII, spaces and tabs as they are', () => {
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
    expect(mailSafeMetadata(`${printable}\t`)).toBe(`${printable}\t`);
  });
});

describe('decodeEncodedWords', () => {
  it.each([
    ['=?UTF-8?Q?actually-ascii?=', 'actually-ascii'],
    ['=?UTF-8?B?YWJj?=', 'abc'],
    ['=?utf-8?q?=C3=84M=C3=84Z=C3=95=C3=91_S3?=', 'ÄMÄZÕÑ S3'],
    ['=?UTF-8?B?AAECAw==?=', '\x00\x01\x02\x03'],
    ['=?ISO-8859-1?Q?caf=E9?=', 'café'],
    ['=?UTF-8?Q?a?= =?UTF-8?Q?b?= and =?UTF-8?B?Yw==?=', 'ab and c'],
    ['plain =? text ?=', 'plain =? text ?='],
    ['=?x-unknown-charset?Q?kept?=', '=?x-unknown-charset?Q?kept?='],
  ])('reads %s as %j', (sent, stored) => {
    expect(decodeEncodedWords(sent)).toBe(stored);
  });

  it('gives back what it decoded, encoded as S3 answers it', () => {
    const text = 'test_—_file%E2%80%94_é_2?.pdf';
    expect(decodeEncodedWords(mailSafeMetadata(text))).toBe(text);
  });
});
