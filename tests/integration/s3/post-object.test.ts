/**
 * Browser form uploads (POST Object) with a SigV4-signed policy, as a web page built from
 * createPresignedPost-style fields sends them. The policy is signed by the AWS SDK's SignatureV4.
 */
import { CopyObjectCommand } from '@aws-sdk/client-s3';
import { createPresignedPost, type PresignedPostOptions } from '@aws-sdk/s3-presigned-post';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHmac } from 'node:crypto';
import { NodeSha256 } from '../../unit/s3/node-sha256';
import { connect } from 'node:net';
import { errorCodeOf, rawRequest, sameConnection } from './raw-http';
import { CREDENTIALS } from './sdk-client';
import { localhostUrl, useS3 } from './s3-fixture';

const s3 = useS3();

const signer = new SignatureV4({ service: 's3', region: 'eu-west-1', credentials: CREDENTIALS, sha256: NodeSha256 });

interface PolicyOptions {
  expiresInMs?: number;
  maxBytes?: number;
  extraConditions?: unknown[];
}

/** Fields of a SigV4 POST policy allowing keys under uploads/ into test-bucket. */
async function signedFields(options: PolicyOptions = {}): Promise<Record<string, string>> {
  const now = new Date();
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const credential = `${CREDENTIALS.accessKeyId}/${amzDate.slice(0, 8)}/eu-west-1/s3/aws4_request`;
  const policy = Buffer.from(
    JSON.stringify({
      expiration: new Date(now.getTime() + (options.expiresInMs ?? 60_000)).toISOString(),
      conditions: [
        { bucket: 'test-bucket' },
        ['starts-with', '$key', 'uploads/'],
        ['starts-with', '$Content-Type', 'image/'],
        ['content-length-range', 1, options.maxBytes ?? 1024 * 1024],
        { 'x-amz-meta-origin': 'browser' },
        { 'x-amz-algorithm': 'AWS4-HMAC-SHA256' },
        { 'x-amz-credential': credential },
        { 'x-amz-date': amzDate },
        ...(options.extraConditions ?? []),
      ],
    }),
  ).toString('base64');
  return {
    'Content-Type': 'image/png',
    'x-amz-meta-origin': 'browser',
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': credential,
    'X-Amz-Date': amzDate,
    Policy: policy,
    'X-Amz-Signature': await signer.sign(policy, { signingDate: now }),
  };
}

function post(fields: Record<string, string>, file: Buffer | string, filename = 'photo.png') {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([typeof file === 'string' ? file : new Uint8Array(file)]), filename);
  return fetch(`${s3.server.url}/test-bucket`, { method: 'POST', body: form });
}

describe('POST Object with a signed policy', () => {
  it('stores the file under the key, with the metadata of the form (204 by default)', async () => {
    const response = await post({ key: 'uploads/${filename}', ...(await signedFields()) }, 'PNGDATA');
    expect(response.status).toBe(204);
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    const stored = await fetch(`${s3.server.url}/test-bucket/uploads/photo.png`);
    expect([stored.headers.get('content-type'), stored.headers.get('x-amz-meta-origin'), await stored.text()]).toEqual(['image/png', 'browser', 'PNGDATA']);
  });

  it('answers PostResponse XML with success_action_status 201', async () => {
    const fields = await signedFields({ extraConditions: [{ success_action_status: '201' }] });
    const response = await post({ key: 'uploads/201.png', success_action_status: '201', ...fields }, 'x');
    expect(response.status).toBe(201);
    const body = await response.text();
    expect(body).toContain('<Key>uploads/201.png</Key>');
    expect(body).toContain('<Bucket>test-bucket</Bucket>');
  });

  it('refuses a key the policy does not allow', async () => {
    const response = await post({ key: 'elsewhere/x.png', ...(await signedFields()) }, 'x');
    expect([response.status, errorCodeOf(await response.text())]).toEqual([403, 'AccessDenied']);
  });

  it('refuses an expired policy', async () => {
    const response = await post({ key: 'uploads/late.png', ...(await signedFields({ expiresInMs: -1000 })) }, 'x');
    const body = await response.text();
    expect([response.status, errorCodeOf(body)]).toEqual([403, 'AccessDenied']);
    expect(body).toContain('Policy expired');
  });

  it('refuses a tampered signature with SignatureDoesNotMatch', async () => {
    const fields = await signedFields();
    const response = await post({ key: 'uploads/forged.png', ...fields, 'X-Amz-Signature': '0'.repeat(64) }, 'x');
    expect([response.status, errorCodeOf(await response.text())]).toEqual([403, 'SignatureDoesNotMatch']);
  });

  it('refuses a field the policy does not mention', async () => {
    const response = await post({ key: 'uploads/extra.png', 'x-amz-meta-sneaky': 'yes', ...(await signedFields()) }, 'x');
    const body = await response.text();
    expect([response.status, errorCodeOf(body)]).toEqual([403, 'AccessDenied']);
    expect(body).toContain('Extra input fields: x-amz-meta-sneaky');
  });

  it('refuses a file above content-length-range with EntityTooLarge, storing nothing', async () => {
    const response = await post({ key: 'uploads/big.png', ...(await signedFields({ maxBytes: 10 })) }, Buffer.alloc(100_000));
    expect([response.status, errorCodeOf(await response.text())]).toEqual([400, 'EntityTooLarge']);
    expect((await fetch(`${s3.server.url}/test-bucket/uploads/big.png`, { method: 'HEAD' })).status).toBe(404);
  });
});

describe('a POST to a bucket that is no multipart form', () => {
  it('is refused with 412 PreconditionFailed naming the enclosure type, storing nothing', async () => {
    const form = new Response(new FormData());
    const response = await fetch(`${s3.server.url}/test-bucket`, { method: 'POST', headers: { 'Content-Type': 'text/html' }, body: await form.arrayBuffer() });
    const body = await response.text();
    expect([response.status, errorCodeOf(body)]).toEqual([412, 'PreconditionFailed']);
    expect(body).toContain('<Condition>Bucket POST must be of the enclosure-type multipart/form-data</Condition>');
  });
});

describe('POST Object without a policy', () => {
  it('is accepted while S3_AUTH is open', async () => {
    const response = await post({ key: 'open/${filename}' }, 'open upload', 'note.txt');
    expect(response.status).toBe(204);
    expect(await (await fetch(`${s3.server.url}/test-bucket/open/note.txt`)).text()).toBe('open upload');
  });

  it('puts a filename beyond ASCII into ${filename} as written, from the UTF-8 bytes browsers send', async () => {
    expect((await post({ key: 'open/${filename}' }, 'grüße', 'Grüße 日本.txt')).status).toBe(204);
    expect(await (await fetch(`${s3.server.url}/test-bucket/open/${encodeURIComponent('Grüße 日本.txt')}`)).text()).toBe('grüße');
  });

  it('refuses a form without a file part with InvalidArgument in S3\'s words', async () => {
    const form = new FormData();
    form.append('key', 'open/no-file.txt');
    const response = await fetch(`${s3.server.url}/test-bucket`, { method: 'POST', body: form });
    const body = await response.text();
    expect([response.status, errorCodeOf(body)]).toEqual([400, 'InvalidArgument']);
    expect(body).toContain('<Message>POST requires exactly one file upload per request.</Message><ArgumentName>file</ArgumentName><ArgumentValue>0</ArgumentValue>');
  });

  // What S3 does (localstack's recorded answers): Node's FormData sends a string so, and S3 stores it.
  it('takes a file part without a filename as the file, leaving ${filename} as written', async () => {
    const form = new FormData();
    form.append('key', 'open/as-field-${filename}');
    form.append('file', 'file sent as a field');
    expect((await fetch(`${s3.server.url}/test-bucket`, { method: 'POST', body: form })).status).toBe(204);
    const stored = await fetch(`${s3.server.url}/test-bucket/open/${encodeURIComponent('as-field-${filename}')}`);
    expect([stored.status, stored.headers.get('content-type'), await stored.text()]).toEqual([200, 'binary/octet-stream', 'file sent as a field']);
  });

  it('names the object in Location on the host the form came to, in the style it addressed the bucket', async () => {
    const form = new FormData();
    form.append('key', 'open/a b/c.txt');
    form.append('file', new Blob(['x']), 'c.txt');
    const encoded = new Response(form);
    const body = Buffer.from(await encoded.arrayBuffer());
    const send = (host: string, path: string) =>
      rawRequest(s3.server.port, { method: 'POST', path, headers: { Host: host, 'Content-Type': encoded.headers.get('content-type')! }, body });
    const host = `localhost:${s3.server.port}`;
    const [pathStyle, virtualHost] = [await send(host, '/test-bucket'), await send(`test-bucket.${host}`, '/')];
    expect([pathStyle.status, pathStyle.headers.location]).toEqual([204, `http://${host}/test-bucket/open/a%20b/c.txt`]);
    expect([virtualHost.status, virtualHost.headers.location]).toEqual([204, `http://test-bucket.${host}/open/a%20b/c.txt`]);
  });
});

describe('form fields S3 cannot use', () => {
  it('ignores a success_action_redirect that is no URL, answering as without it (204)', async () => {
    const response = await post({ key: 'open/not-redirected.txt', success_action_redirect: 'not a url' }, 'x', 'n.txt');
    expect([response.status, response.headers.get('location')]).toEqual([204, `${s3.server.url}/test-bucket/open/not-redirected.txt`]);
  });

  it('keeps metadata values beyond ASCII or with control characters, answering them RFC 2047-encoded as S3 does', async () => {
    const fields = { 'x-amz-meta-nonascii': 'ÄMÄZÕÑ S3', 'x-amz-meta-binary': '\u0000\u0001\u0002\u0003\u0004', 'x-amz-meta-b-encoded': '=?UTF-8?B?YWJj?=' };
    expect((await post({ key: 'open/unicode-meta.txt', ...fields }, 'x', 'm.txt')).status).toBe(204);
    const stored = await fetch(`${s3.server.url}/test-bucket/open/unicode-meta.txt`, { method: 'HEAD' });
    expect(['nonascii', 'binary', 'b-encoded'].map((name) => stored.headers.get(`x-amz-meta-${name}`)))
      .toEqual(['=?UTF-8?Q?=C3=84M=C3=84Z=C3=95=C3=91_S3?=', '=?UTF-8?B?AAECAwQ=?=', '=?UTF-8?B?YWJj?=']);
  });

  it('answers Content-Disposition and Cache-Control beyond ASCII in ISO-8859-1, a space for each character beyond it, as S3 does', async () => {
    const fields = { 'Content-Disposition': 'filename="test_—_file%E2%80%94_é_2-.pdf"', 'Cache-Control': 'non-ascii-%E2%80%94_—_é_👑_' };
    expect((await post({ key: 'open/latin1-headers.txt', ...fields }, 'x', 'l.txt')).status).toBe(204);
    await s3.client.send(new CopyObjectCommand({ Bucket: 'test-bucket', Key: 'open/latin1-copy.txt', CopySource: 'test-bucket/open/latin1-headers.txt' }));
    for (const key of ['latin1-headers.txt', 'latin1-copy.txt']) {
      for (const method of ['GET', 'HEAD']) {
        const { headers } = await rawRequest(s3.server.port, { method, path: `/test-bucket/open/${key}` });
        // node:http reads each byte as one character: 'é' here is the one byte E9
        expect([headers['content-disposition'], headers['cache-control']]).toEqual(['filename="test_ _file%E2%80%94_é_2-.pdf"', 'non-ascii-%E2%80%94_ _é_ _']);
      }
    }
  });

  it.each([
    ['a control character in Content-Type', { 'Content-Type': 'text/plain\u0000' }, 'Content-Type'],
    ['a line break in Cache-Control', { 'Cache-Control': 'max-age=1\r\nSet-Cookie: a=b' }, 'Cache-Control'],
    ['a metadata name with a space', { 'x-amz-meta-two words': '1' }, 'x-amz-meta-two words'],
    ['a metadata name with a colon', { 'x-amz-meta-a:b': '1' }, 'x-amz-meta-a:b'],
  ])('refuses %s (no header could carry it back) with InvalidArgument, storing nothing', async (_, fields, argument) => {
    const response = await post({ key: 'open/unreadable.txt', ...fields }, 'x', 'u.txt');
    const body = await response.text();
    expect([response.status, errorCodeOf(body)]).toEqual([400, 'InvalidArgument']);
    expect(body).toContain(`<ArgumentName>${argument}</ArgumentName>`);
    expect((await fetch(`${s3.server.url}/test-bucket/open/unreadable.txt`, { method: 'HEAD' })).status).toBe(404);
  });
});

describe('forms built by @aws-sdk/s3-presigned-post (createPresignedPost)', () => {
  async function presignedPost(options: Omit<PresignedPostOptions, 'Bucket'>, file: string): Promise<Response> {
    const { url, fields } = await createPresignedPost(s3.client, { Bucket: 'test-bucket', Expires: 60, ...options });
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([file]), 'report.txt');
    return fetch(url, { method: 'POST', body: form, redirect: 'manual' });
  }

  it('uploads under ${filename} with the fields the policy signs, answering 204 with ETag and a Location on the endpoint the form went to', async () => {
    const response = await presignedPost({ Key: 'sdk/${filename}', Fields: { 'Content-Type': 'text/plain', 'x-amz-meta-team': 'blue' } }, 'from a form');
    expect(response.status).toBe(204);
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    // The SDK's client, hence its form, addresses the mock as localhost, not as PRESIGNED_URL_BASE's 127.0.0.1.
    expect(response.headers.get('location')).toBe(`${localhostUrl(s3.server)}/test-bucket/sdk/report.txt`);
    const stored = await fetch(`${s3.server.url}/test-bucket/sdk/report.txt`);
    expect([stored.headers.get('content-type'), stored.headers.get('x-amz-meta-team'), await stored.text()]).toEqual(['text/plain', 'blue', 'from a form']);
  });

  it('redirects to success_action_redirect with 303, bucket, key and ETag, and no body', async () => {
    const redirect = 'http://app.example/done';
    const response = await presignedPost({ Key: 'sdk/redirected.txt', Fields: { success_action_redirect: redirect } }, 'x');
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location') ?? '');
    expect([location.origin + location.pathname, location.searchParams.get('bucket'), location.searchParams.get('key'), location.searchParams.get('etag')]).toEqual([
      redirect,
      'test-bucket',
      'sdk/redirected.txt',
      response.headers.get('etag'),
    ]);
    expect(await response.text()).toBe('');
  });

  it('answers 200 with no body for success_action_status 200', async () => {
    const response = await presignedPost({ Key: 'sdk/200.txt', Fields: { success_action_status: '200' } }, 'x');
    expect([response.status, await response.text()]).toEqual([200, '']);
  });

  it('refuses a file below content-length-range with EntityTooSmall', async () => {
    const response = await presignedPost({ Key: 'sdk/small.txt', Conditions: [['content-length-range', 10, 100]] }, 'tiny');
    expect([response.status, errorCodeOf(await response.text())]).toEqual([400, 'EntityTooSmall']);
  });

  it('refuses a value that breaks an eq condition', async () => {
    const { url, fields } = await createPresignedPost(s3.client, { Bucket: 'test-bucket', Key: 'sdk/eq.txt', Fields: { 'x-amz-meta-team': 'blue' } });
    const form = new FormData();
    for (const [name, value] of Object.entries({ ...fields, 'x-amz-meta-team': 'red' })) form.append(name, value);
    form.append('file', new Blob(['x']), 'eq.txt');
    const response = await fetch(url, { method: 'POST', body: form });
    expect([response.status, errorCodeOf(await response.text())]).toEqual([403, 'AccessDenied']);
  });
});

describe('POST Object with a SigV2 policy signature (AWSAccessKeyId + HMAC-SHA1)', () => {
  const policy = Buffer.from(JSON.stringify({ expiration: new Date(Date.now() + 60_000).toISOString(), conditions: [{ bucket: 'test-bucket' }, ['starts-with', '$key', 'v2/']] })).toString('base64');
  const signature = (secret: string) => createHmac('sha1', secret).update(policy).digest('base64');

  it('accepts the policy signed with the secret key', async () => {
    const response = await post({ key: 'v2/ok.txt', AWSAccessKeyId: CREDENTIALS.accessKeyId, policy, signature: signature(CREDENTIALS.secretAccessKey) }, 'v2');
    expect(response.status).toBe(204);
  });

  it('refuses a signature made with another secret', async () => {
    const response = await post({ key: 'v2/forged.txt', AWSAccessKeyId: CREDENTIALS.accessKeyId, policy, signature: signature('wrong-secret') }, 'v2');
    expect([response.status, errorCodeOf(await response.text())]).toEqual([403, 'SignatureDoesNotMatch']);
  });
});

describe('broken form uploads', () => {
  const field = (name: string, value: string) => `--B\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const filePart = (content: string) => `--B\r\nContent-Disposition: form-data; name="file"; filename="f.txt"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--B--\r\n`;
  /** A POST Object request as raw bytes, its multipart body as given. */
  const rawPost = (body: string, contentType = 'multipart/form-data; boundary=B') =>
    `POST /test-bucket HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  const readBack = 'GET /test-bucket/kept.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
  const padding = 'p'.repeat(256 * 1024);

  beforeAll(() => fetch(`${s3.server.url}/test-bucket/kept.txt`, { method: 'PUT', body: 'still here' }));

  it.each([
    ['a part header that is no header', field('key', 'broken/a.txt') + `--B\r\nno colon here\r\n\r\n${padding}`, undefined, 'MalformedPOSTRequest'],
    ['a body cut before its closing boundary', field('key', 'broken/b.txt') + `--B\r\nContent-Disposition: form-data; name="file"; filename="b.txt"\r\n\r\n${padding}`, undefined, 'MalformedPOSTRequest'],
    ['a Content-Type without a boundary', field('key', 'broken/c.txt') + filePart(padding), 'multipart/form-data', 'MalformedPOSTRequest'],
    ['fields before the file over 20 KB', field('key', 'broken/d.txt') + field('x-amz-meta-big', 'm'.repeat(21 * 1024)) + filePart(padding), undefined, 'MaxPostPreDataLengthExceededError'],
  ])('answers %s with its S3 error, keeps the connection usable and stores nothing', async (_, body, contentType, code) => {
    const [refused, next] = await sameConnection(s3.server.port, [rawPost(body, contentType), readBack]);
    expect([refused.status, errorCodeOf(refused.body)]).toEqual([400, code]);
    expect([next.status, next.body]).toEqual([200, 'still here']);
    const listed = await fetch(`${s3.server.url}/test-bucket?list-type=2&prefix=broken/`);
    expect(await listed.text()).toContain('<KeyCount>0</KeyCount>');
  });

  it('answers a file over the policy\'s content-length-range with EntityTooLarge on a connection that stays usable', async () => {
    const fields = { key: 'uploads/too-big.png', ...(await signedFields({ maxBytes: 10 })) };
    const body = Object.entries(fields).map(([name, value]) => field(name, value)).join('') + filePart(padding);
    const [refused, next] = await sameConnection(s3.server.port, [rawPost(body), readBack]);
    expect([refused.status, errorCodeOf(refused.body)]).toEqual([400, 'EntityTooLarge']);
    expect([next.status, next.body]).toEqual([200, 'still here']);
    expect((await fetch(`${s3.server.url}/test-bucket/uploads/too-big.png`, { method: 'HEAD' })).status).toBe(404);
  });

  it('stores nothing from an upload whose client goes away mid-file', async () => {
    const body = field('key', 'broken/abandoned.txt') + filePart(padding);
    const request = rawPost(body);
    await new Promise<void>((resolve) => {
      const socket = connect(s3.server.port, '127.0.0.1', () => socket.write(request.slice(0, request.length / 2), () => setTimeout(() => socket.destroy(), 50)));
      socket.on('close', () => resolve());
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await fetch(`${s3.server.url}/test-bucket/broken/abandoned.txt`, { method: 'HEAD' })).status).toBe(404);
  });
});

