/**
 * curl's own SigV4 signer (`--aws-sigv4 "aws:amz:us-east-1:s3"`, curl 7.75 and later), a third
 * implementation beside the AWS SDKs' and botocore's, against the mock with S3_AUTH=strict (so a
 * request curl failed to sign is refused, never served anonymously), in both addressing styles.
 *
 * The URLs are written as S3 computes the canonical request, which is what curl before 8 signs:
 * it signs the path and query exactly as given, and sends no x-amz-content-sha256, which S3
 * requires (InvalidRequest without it). So every key byte but A-Z a-z 0-9 - _ . ~ is
 * percent-encoded, query parameters come sorted with their values encoded and flags written
 * `uploads=`, and each request carries `x-amz-content-sha256: UNSIGNED-PAYLOAD`. Later curls
 * canonicalise such a request to the same bytes.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useS3 } from '../s3/s3-fixture';
import { runTool, succeeded } from './command-line-tool';
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY } from './running-s3-mock';

const s3 = useS3({ env: { S3_AUTH: 'strict' } });
const BUCKET = 'test-bucket';
const KEYS = [
  'with space.txt',
  'café ünïcode ✓ 😀.txt',
  'a+b=c&d.txt',
  'tilde~x.txt',
  "paren(1)!*'.txt",
  'semi;colon:at@dollar$,comma.txt',
  'hash#question?.txt',
  'percent%25 literal.txt',
  'dir/sub dir/[brackets].txt',
];

let workDir: string;
let bodyFile: string;
const body = randomBytes(1000);
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'standin-curl-sigv4-'));
  bodyFile = join(workDir, 'body.bin');
  await writeFile(bodyFile, body);
});
afterAll(() => rm(workDir, { recursive: true, force: true }));

/** S3's URI encoding: every byte but A-Z a-z 0-9 - _ . ~ as %XX. */
const uriEncode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const encodeKey = (key: string) => key.split('/').map(uriEncode).join('/');

interface Answer {
  status: number;
  body: Buffer;
}

/** One signed curl request; the status comes from --write-out, after the body. */
async function curl(url: string, args: string[] = [], secret = SECRET_ACCESS_KEY): Promise<Answer> {
  const output = join(workDir, 'answer');
  const run = await runTool('curl', [
    '--silent',
    '--show-error',
    '--aws-sigv4',
    'aws:amz:us-east-1:s3',
    '--user',
    `${ACCESS_KEY_ID}:${secret}`,
    '--header',
    'x-amz-content-sha256: UNSIGNED-PAYLOAD',
    '--output',
    output,
    '--write-out',
    '%{http_code}',
    ...args,
    url,
  ]);
  const status = Number(succeeded(run));
  return { status, body: args.includes('--head') ? Buffer.alloc(0) : await readFile(output) };
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe.each([
  { style: 'path', base: () => `http://127.0.0.1:${s3.server.port}/${BUCKET}` },
  { style: 'virtual-host', base: () => `http://${BUCKET}.localhost:${s3.server.port}` },
])('curl --aws-sigv4, $style style', ({ style, base }) => {
  const url = (key: string, query = '') => `${base()}/${style}/${encodeKey(key)}${query}`;

  it.each(KEYS)('PUT, GET, HEAD and DELETE %j', async (key) => {
    expect((await curl(url(key), ['--upload-file', bodyFile])).status).toBe(200);
    const got = await curl(url(key));
    expect([got.status, sha256(got.body)]).toEqual([200, sha256(body)]);
    expect((await curl(url(key), ['--head'])).status).toBe(200);
    expect((await curl(url(key), ['--request', 'DELETE'])).status).toBe(204);
    expect((await curl(url(key), ['--head'])).status).toBe(404);
  });

  it('lists the awkward keys under a prefix, url-encoded as asked, with sorted and encoded query parameters', async () => {
    for (const key of KEYS) await curl(url(key), ['--upload-file', bodyFile]);
    const listed = await curl(`${base()}/?encoding-type=url&list-type=2&prefix=${uriEncode(`${style}/`)}`);
    const keys = [...listed.body.toString('utf8').matchAll(/<Key>([^<]*)<\/Key>/g)].map(([, key]) => decodeURIComponent(key));
    expect([listed.status, keys]).toEqual([200, KEYS.map((key) => `${style}/${key}`).sort()]);
  });

  it('serves response-* overrides named in the query string', async () => {
    await curl(url('override.txt'), ['--upload-file', bodyFile]);
    const query = `?response-content-disposition=${uriEncode('attachment; filename="x y.txt"')}&response-content-type=${uriEncode('text/plain')}`;
    const headers = join(workDir, 'headers');
    expect((await curl(url('override.txt', query), ['--dump-header', headers])).status).toBe(200);
    const dumped = await readFile(headers, 'utf8');
    expect(dumped).toMatch(/^content-type: text\/plain\r$/im);
    expect(dumped).toMatch(/^content-disposition: attachment; filename="x y\.txt"\r$/im);
  });

  it('stores the x-amz-meta-* and Content-Type headers it signs', async () => {
    const sent = ['--upload-file', bodyFile, '--header', 'Content-Type: text/x-curl', '--header', 'x-amz-meta-note: signed by curl'];
    expect((await curl(url('meta.txt'), sent)).status).toBe(200);
    const headers = join(workDir, 'meta-headers');
    await curl(url('meta.txt'), ['--head', '--dump-header', headers]);
    const dumped = await readFile(headers, 'utf8');
    expect(dumped).toMatch(/^content-type: text\/x-curl\r$/im);
    expect(dumped).toMatch(/^x-amz-meta-note: signed by curl\r$/im);
  });

  it('uploads in parts: CreateMultipartUpload (uploads=), UploadPart, CompleteMultipartUpload', async () => {
    const key = 'multi part+.bin';
    const created = await curl(url(key, '?uploads='), ['--request', 'POST']);
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(created.body.toString('utf8'))?.[1];
    expect([created.status, uploadId]).toEqual([200, expect.any(String)]);
    const part = join(workDir, 'part1');
    const partBytes = randomBytes(5 * 1024 * 1024);
    await writeFile(part, partBytes);
    const etags: string[] = [];
    for (const [number, file] of [
      [1, part],
      [2, bodyFile],
    ] as const) {
      const headers = join(workDir, `part-headers-${number}`);
      const uploaded = await curl(url(key, `?partNumber=${number}&uploadId=${uriEncode(uploadId!)}`), ['--upload-file', file, '--dump-header', headers]);
      expect(uploaded.status).toBe(200);
      etags.push(/^etag: (.*)\r$/im.exec(await readFile(headers, 'utf8'))![1]);
    }
    const parts = etags.map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${etag}</ETag></Part>`).join('');
    const completed = await curl(url(key, `?uploadId=${uriEncode(uploadId!)}`), ['--request', 'POST', '--data-binary', `<CompleteMultipartUpload>${parts}</CompleteMultipartUpload>`]);
    expect([completed.status, completed.body.toString('utf8')]).toEqual([200, expect.stringContaining('-2&quot;</ETag>')]);
    const got = await curl(url(key));
    expect(sha256(got.body)).toBe(sha256(Buffer.concat([partBytes, body])));
  });

  it('is refused with 403 SignatureDoesNotMatch when signing with a wrong secret', async () => {
    const refused = await curl(url('impostor.txt'), ['--upload-file', bodyFile], 'not-the-secret');
    expect([refused.status, refused.body.toString('utf8')]).toEqual([403, expect.stringContaining('<Code>SignatureDoesNotMatch</Code>')]);
  });
});
