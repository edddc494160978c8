/**
 * Hostile and broken requests: each gets its S3 error, nothing half-written is stored, and the
 * server keeps serving.
 */
import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, GetObjectCommand, PutObjectCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { startServer } from '../../support/standin-harness';
import { abandonedDownload, abandonedUpload, errorCodeOf, rawExchange, rawRequest, sameConnection } from './raw-http';
import { useS3 } from './s3-fixture';
import { s3Client } from './sdk-client';
import { signedChunkedUpload } from './signed-chunked-upload';
import { signedRequest } from './signed-request';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 's3-bad-input-'));
});
const s3 = useS3(() => ({ dataDir: join(dataDir, 'data') }));
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});
afterEach(async () => {
  // Whatever the previous request did, the server still answers.
  expect((await rawRequest(s3.server.port, { method: 'GET', path: '/health' })).status).toBe(200);
});

const exists = async (key: string) => (await rawRequest(s3.server.port, { method: 'HEAD', path: `/test-bucket/${key}` })).status === 200;

describe('broken Authorization headers', () => {
  it.each([
    ['Bearer abc.def', 400, 'InvalidArgument'],
    ['AWS4-HMAC-SHA256 garbage', 400, 'AuthorizationHeaderMalformed'],
    ['AWS4-HMAC-SHA256 Credential=test-key/2024/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00', 400, 'AuthorizationHeaderMalformed'],
    ['AWS test-key', 400, 'InvalidArgument'],
    ['AWS nobody:c2lnbmF0dXJl', 403, 'InvalidAccessKeyId'],
    ['\u00ff\u00fe', 400, 'InvalidArgument'],
  ])('Authorization: %s -> %i %s', async (authorization, status, code) => {
    const response = await rawRequest(s3.server.port, { method: 'GET', path: '/test-bucket/k', headers: { Authorization: authorization, Date: new Date().toUTCString() } });
    expect([response.status, errorCodeOf(response.body)]).toEqual([status, code]);
    expect(response.headers['x-amz-request-id']).toMatch(/^[0-9A-F]{16}$/);
  });

  it('refuses a request with a second Authorization header in an S3 error, rather than serve it by the first', async () => {
    const signed = await signedRequest(s3.server.port, { method: 'GET', path: '/test-bucket/' });
    const lines = Object.entries(signed.headers ?? {}).map(([name, value]) => `${name}: ${value}`);
    const response = await rawExchange(s3.server.port, `GET /test-bucket/ HTTP/1.1\r\n${lines.join('\r\n')}\r\nAuthorization: AWS other:c2lnbmF0dXJl\r\nConnection: close\r\n\r\n`);
    const [head, body] = response.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head).toContain('content-type: application/xml');
    expect(errorCodeOf(body)).toBe('BadRequest');
    expect(body).toContain('at most one Authorization header');
  });

  it('refuses a request signed 20 minutes ago with RequestTimeTooSkewed', async () => {
    const skewed = s3Client(s3.server, 'path', 'eu-west-1', { maxAttempts: 1, systemClockOffset: -20 * 60 * 1000 });
    const error = await skewed.send(new GetObjectCommand({ Bucket: 'test-bucket', Key: 'k' })).catch((e: { name: string }) => e);
    expect(error).toMatchObject({ name: 'RequestTimeTooSkewed' });
    skewed.destroy();
  });
});

describe('signed aws-chunked bodies (STREAMING-AWS4-HMAC-SHA256-PAYLOAD)', () => {
  const chunks = [Buffer.alloc(64 * 1024, 'a'), Buffer.alloc(1000, 'b')];

  it('stores the decoded payload when every chunk signature holds', async () => {
    const response = await rawRequest(s3.server.port, await signedChunkedUpload(s3.server.port, '/test-bucket/chunked-ok', chunks));
    expect(response.status).toBe(200);
    const object = await s3.client.send(new GetObjectCommand({ Bucket: 'test-bucket', Key: 'chunked-ok' }));
    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(Buffer.concat(chunks))).toBe(true);
  });

  it('refuses a chunk that does not match its signature with SignatureDoesNotMatch, storing nothing', async () => {
    const response = await rawRequest(s3.server.port, await signedChunkedUpload(s3.server.port, '/test-bucket/chunked-forged', chunks, { corruptChunk: 1 }));
    expect([response.status, errorCodeOf(response.body)]).toEqual([403, 'SignatureDoesNotMatch']);
    expect(await exists('chunked-forged')).toBe(false);
  });

  describe('carrying an XML document (PutObjectTagging)', () => {
    const tagging = '<Tagging><TagSet><Tag><Key>signed</Key><Value>yes</Value></Tag></TagSet></Tagging>';
    const tagsOf = async () => (await rawRequest(s3.server.port, { method: 'GET', path: '/test-bucket/chunked-ok?tagging' })).body;

    it('takes the document when every chunk signature holds', async () => {
      const response = await rawRequest(s3.server.port, await signedChunkedUpload(s3.server.port, '/test-bucket/chunked-ok?tagging', [Buffer.from(tagging)]));
      expect(response.status).toBe(200);
      expect(await tagsOf()).toContain('<Key>signed</Key>');
    });

    it('refuses a changed chunk with SignatureDoesNotMatch', async () => {
      const forged = await signedChunkedUpload(s3.server.port, '/test-bucket/chunked-ok?tagging', [Buffer.from(tagging.replace('signed', 'forged'))], { corruptChunk: 0 });
      const response = await rawRequest(s3.server.port, forged);
      expect([response.status, errorCodeOf(response.body)]).toEqual([403, 'SignatureDoesNotMatch']);
    });

    it('refuses a plain document under a STREAMING-AWS4-HMAC-SHA256-PAYLOAD signature: its bytes were never signed', async () => {
      const unframed = tagging.replace('signed', 'unsigned');
      const headers = { 'content-encoding': 'aws-chunked', 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'x-amz-decoded-content-length': String(unframed.length) };
      const response = await rawRequest(s3.server.port, await signedRequest(s3.server.port, { method: 'PUT', path: '/test-bucket/chunked-ok?tagging', headers, body: unframed }));
      expect([response.status, errorCodeOf(response.body)]).toEqual([400, 'IncompleteBody']);
      expect(await tagsOf()).not.toContain('<Key>unsigned</Key>');
    });
  });

  it('refuses a body cut short with IncompleteBody, storing nothing', async () => {
    const response = await rawRequest(s3.server.port, await signedChunkedUpload(s3.server.port, '/test-bucket/chunked-short', chunks, { truncateAt: 40_000 }));
    expect([response.status, errorCodeOf(response.body)]).toEqual([400, 'IncompleteBody']);
    expect(await exists('chunked-short')).toBe(false);
  });
});

describe('Content-Encoding: aws-chunked outside the STREAMING-* payload modes', () => {
  const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
  const framed = '5\r\nevil!\r\n0\r\n\r\n';

  it('cannot slip another body under a signed payload hash: XAmzContentSHA256Mismatch, nothing stored', async () => {
    const signed = await signedRequest(s3.server.port, { method: 'PUT', path: '/test-bucket/side-door', headers: { 'x-amz-content-sha256': sha256('hello') }, body: framed }, { unsigned: { 'Content-Encoding': 'aws-chunked' } });
    const response = await rawRequest(s3.server.port, signed);
    expect([response.status, errorCodeOf(response.body)]).toEqual([400, 'XAmzContentSHA256Mismatch']);
    expect(await exists('side-door')).toBe(false);
  });

  it.each([
    ['signed with the hash of the bytes sent', { 'x-amz-content-sha256': sha256(framed) }],
    ['sent unsigned', {}],
  ])('is no framing: a body %s is stored byte for byte as it arrived', async (_, payloadHash) => {
    const request = { method: 'PUT', path: '/test-bucket/as-sent', headers: { 'Content-Encoding': 'aws-chunked', ...payloadHash }, body: framed };
    const response = await rawRequest(s3.server.port, 'x-amz-content-sha256' in payloadHash ? await signedRequest(s3.server.port, request) : request);
    expect(response.status).toBe(200);
    expect((await rawRequest(s3.server.port, { method: 'GET', path: '/test-bucket/as-sent' })).body).toBe(framed);
  });
});

describe('plain bodies', () => {
  it('refuses a body that does not hash to x-amz-content-sha256 with XAmzContentSHA256Mismatch', async () => {
    const response = await rawRequest(s3.server.port, {
      method: 'PUT',
      path: '/test-bucket/sha-mismatch',
      headers: { 'x-amz-content-sha256': 'a'.repeat(64) },
      body: 'hello',
    });
    expect([response.status, errorCodeOf(response.body)]).toEqual([400, 'XAmzContentSHA256Mismatch']);
    expect(await exists('sha-mismatch')).toBe(false);
  });

  it('keeps nothing from an upload whose client disconnects halfway', async () => {
    await abandonedUpload(s3.server.port, '/test-bucket/abandoned.bin', 1024 * 1024, Buffer.alloc(200 * 1024, 'x'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await exists('abandoned.bin')).toBe(false);
    expect(await readdir(join(dataDir, 'data', 'tmp')).catch(() => [])).toEqual([]);
  });

  it('answers the next request on the connection after refusing an upload it did not read', async () => {
    const body = 'x'.repeat(256 * 1024);
    const [refused, next] = await sameConnection(s3.server.port, [
      `PUT /no-such-bucket/a.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
    ]);
    expect([refused.status, errorCodeOf(refused.body)]).toEqual([404, 'NoSuchBucket']);
    expect(next.status).toBe(200);
  });

  it('answers 100 Continue to Expect: 100-continue and then stores the body', async () => {
    const response = await rawRequest(s3.server.port, { method: 'PUT', path: '/test-bucket/expect.txt', headers: { Expect: '100-continue', 'Content-Length': '5' }, body: 'hello', awaitContinue: true });
    expect(response.status).toBe(200);
    expect((await rawRequest(s3.server.port, { method: 'GET', path: '/test-bucket/expect.txt' })).body).toBe('hello');
  });

  it('refuses an upload in HTTP chunked coding with 501 NotImplemented naming Transfer-Encoding, and stores nothing', async () => {
    // Node sends a body of unknown length chunked, as boto3 does a stream it cannot measure.
    const response = await rawRequest(s3.server.port, { method: 'PUT', path: '/test-bucket/chunked-plain.txt', headers: { 'Transfer-Encoding': 'chunked' }, body: 'hello' });
    expect([response.status, errorCodeOf(response.body)]).toEqual([501, 'NotImplemented']);
    expect(response.body).toContain('<Header>Transfer-Encoding</Header>');
    expect((await rawRequest(s3.server.port, { method: 'GET', path: '/test-bucket/chunked-plain.txt' })).status).toBe(404);
  });

  it('serves a request whose Expect is not 100-continue as if it had none, as S3 does (no 417)', async () => {
    for (const [expectation, key] of [['200', 'expect-200.txt'], ['', 'expect-empty.txt']]) {
      const put = await rawRequest(s3.server.port, { method: 'PUT', path: `/test-bucket/${key}`, headers: { Expect: expectation, 'Content-Length': String(key.length) }, body: key });
      expect(put.status).toBe(200);
      expect((await rawRequest(s3.server.port, { method: 'GET', path: `/test-bucket/${key}`, headers: { Expect: expectation } })).body).toBe(key);
    }
  });

  it.each([
    ['to a missing bucket', '/no-such-bucket/a.txt', 5, 404, 'NoSuchBucket'],
    ['of more than 5 GiB (the most one PUT takes)', '/test-bucket/huge.bin', 5 * 1024 ** 3 + 1, 400, 'EntityTooLarge'],
  ])('refuses an Expect: 100-continue upload %s without asking for its body', async (_, path, length, status, code) => {
    const firstBytes = await new Promise<string>((resolve, reject) => {
      const socket = connect(s3.server.port, '127.0.0.1', () => {
        socket.write(`PUT ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nContent-Length: ${length}\r\n\r\n`);
      });
      socket.once('data', (chunk: Buffer) => {
        socket.destroy();
        resolve(chunk.toString('latin1'));
      });
      socket.on('error', reject);
    });
    expect(firstBytes).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    expect(firstBytes).toContain(`<Code>${code}</Code>`);
  });

  it('answers an Expect: 100-continue upload it refuses whole even when the client sends the body at once', async () => {
    // As curl with a big -T file and the SDK given its own agent do: the 404 must reach the client
    // every time, not a reset of the connection the server closes after it.
    const body = Buffer.alloc(5 * 1024 * 1024, 'u');
    for (let round = 0; round < 20; round += 1) {
      const outcome = await new Promise<{ response: string; error?: string }>((resolve) => {
        const socket = connect({ port: s3.server.port, host: '127.0.0.1', allowHalfOpen: true });
        const chunks: Buffer[] = [];
        let error: string | undefined;
        socket.on('data', (chunk: Buffer) => chunks.push(chunk));
        socket.on('error', (cause: Error & { code?: string }) => { error = cause.code; });
        socket.on('close', () => resolve({ response: Buffer.concat(chunks).toString('latin1'), error }));
        socket.write(`PUT /no-such-bucket/big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nContent-Length: ${body.length}\r\n\r\n`);
        socket.end(body);
      });
      expect(outcome).toEqual({ error: undefined, response: expect.stringMatching(/^HTTP\/1\.1 404 [^]*<Code>NoSuchBucket<\/Code>[^]*<\/Error>$/) });
    }
  });
});

describe('downloads cut short', () => {
  const MIB = 1024 * 1024;
  /** Body files (under the data directory) this process still has open. */
  const openBodyFiles = async () => {
    const targets = await Promise.all((await readdir('/proc/self/fd')).map((fd) => readlink(join('/proc/self/fd', fd)).catch(() => '')));
    return targets.filter((target) => target.startsWith(join(dataDir, 'data', 'bodies') + '/'));
  };

  it('closes the body files of a GetObject whose client goes away, and serves the object whole after', async () => {
    const client = s3Client(s3.server);
    const single = Buffer.alloc(32 * MIB, 's');
    await client.send(new PutObjectCommand({ Bucket: 'test-bucket', Key: 'single.bin', Body: single }));
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: 'test-bucket', Key: 'multi.bin' }));
    const parts = [];
    for (const PartNumber of [1, 2, 3, 4, 5, 6]) {
      const { ETag } = await client.send(new UploadPartCommand({ Bucket: 'test-bucket', Key: 'multi.bin', UploadId, PartNumber, Body: Buffer.alloc(5 * MIB, PartNumber) }));
      parts.push({ ETag, PartNumber });
    }
    await client.send(new CompleteMultipartUploadCommand({ Bucket: 'test-bucket', Key: 'multi.bin', UploadId, MultipartUpload: { Parts: parts } }));
    await abandonedDownload(s3.server.port, '/test-bucket/single.bin', MIB);
    await abandonedDownload(s3.server.port, '/test-bucket/multi.bin', 6 * MIB);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await openBodyFiles()).toEqual([]);
    const bytesOf = async (Key: string, Range?: string) => Buffer.from(await (await client.send(new GetObjectCommand({ Bucket: 'test-bucket', Key, Range }))).Body!.transformToByteArray());
    const multi = Buffer.concat([1, 2, 3, 4, 5, 6].map((n) => Buffer.alloc(5 * MIB, n)));
    expect((await bytesOf('multi.bin')).equals(multi)).toBe(true);
    expect((await bytesOf('multi.bin', `bytes=${5 * MIB - 3}-${15 * MIB + 2}`)).equals(multi.subarray(5 * MIB - 3, 15 * MIB + 3))).toBe(true);
    expect((await bytesOf('single.bin', `bytes=${MIB + 1}-${3 * MIB}`)).equals(single.subarray(MIB + 1, 3 * MIB + 1))).toBe(true);
    client.destroy();
  });
});

describe("requests Node's HTTP parser refuses", () => {
  it.each([
    ['a repeated Content-Length', 'Content-Length: 5\r\nContent-Length: 5\r\n', 'BadRequest'],
    ['a negative Content-Length', 'Content-Length: -5\r\n', 'BadRequest'],
    ['a header block over the limit', `X-Padding: ${'a'.repeat(20_000)}\r\n`, 'RequestHeaderSectionTooLarge'],
  ])('answer %s with an S3 error that says why, not an empty response', async (_what, headers, code) => {
    const response = await rawExchange(s3.server.port, `PUT /test-bucket/parser.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}\r\nhello`);
    const [head, body] = response.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1.1 400 /);
    expect(head).toContain('content-type: application/xml');
    expect(head).toMatch(/x-amz-request-id: [0-9A-F]{16}/);
    expect(errorCodeOf(body)).toBe(code);
    expect(body).toContain('<Message>The HTTP request could not be parsed');
  });

  it.each([
    ['a character a URL may not hold', `/presigned-url?key=\u00ff`, 400],
    ['a request line over the limit', `/admin/buckets?padding=${'a'.repeat(70_000)}`, 431],
  ])("answer one for the mock's JSON extras (%s) with a problem, as their other errors", async (_what, target, status) => {
    const [head, body] = (await rawExchange(s3.server.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`)).split('\r\n\r\n');
    expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
    expect(head).toContain('content-type: application/problem+json');
    expect(JSON.parse(body)).toMatchObject({ status, detail: expect.stringContaining('The HTTP request could not be parsed') });
  });

  it('answer an HTTP/1.1 request without Host with an S3 error, and the JSON extras with a problem', async () => {
    const [s3Head, s3Body] = (await rawExchange(s3.server.port, 'GET /test-bucket/parser.txt HTTP/1.1\r\nConnection: close\r\n\r\n')).split('\r\n\r\n');
    expect(s3Head).toMatch(/^HTTP\/1.1 400 /);
    expect(errorCodeOf(s3Body)).toBe('BadRequest');
    expect(s3Body).toContain('must carry a Host header');
    const [extraHead, extraBody] = (await rawExchange(s3.server.port, 'GET /health HTTP/1.1\r\nConnection: close\r\n\r\n')).split('\r\n\r\n');
    expect(extraHead).toContain('content-type: application/problem+json');
    expect(JSON.parse(extraBody)).toMatchObject({ status: 400, title: 'Host Required' });
  });
});

describe('request targets', () => {
  it('serves an absolute-form target, taking the bucket from the host it names (RFC 9112 §3.2.2)', async () => {
    expect((await rawRequest(s3.server.port, { method: 'PUT', path: '/test-bucket/absolute.txt', body: 'by absolute-form' })).status).toBe(200);
    const [head, body] = (await rawExchange(s3.server.port, `GET http://test-bucket.localhost:${s3.server.port}/absolute.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`)).split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1.1 200 /);
    expect(body).toBe('by absolute-form');
  });

  it('answers CONNECT with an S3 NotImplemented error', async () => {
    const [head, body] = (await rawExchange(s3.server.port, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n')).split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1.1 501 /);
    expect(errorCodeOf(body)).toBe('NotImplemented');
  });
});

describe('SSE-C headers', () => {
  const key = Buffer.alloc(32, 7).toString('base64');
  it.each([
    ['a key-MD5 that is not the MD5 of the key', { 'x-amz-server-side-encryption-customer-key-MD5': 'AAAAAAAAAAAAAAAAAAAAAA==' }],
    ['a key that is not 256 bits', { 'x-amz-server-side-encryption-customer-key': 'c2hvcnQ=' }],
    ['an algorithm other than AES256', { 'x-amz-server-side-encryption-customer-algorithm': 'DES' }],
  ])('refuse %s with InvalidArgument, storing nothing', async (_what, override) => {
    const headers = {
      'x-amz-server-side-encryption-customer-algorithm': 'AES256',
      'x-amz-server-side-encryption-customer-key': key,
      'x-amz-server-side-encryption-customer-key-MD5': createHash('md5').update(Buffer.from(key, 'base64')).digest('base64'),
      ...override,
    };
    const response = await rawRequest(s3.server.port, { method: 'PUT', path: '/test-bucket/sse-c-bad.txt', headers, body: 'x' });
    expect([response.status, errorCodeOf(response.body)]).toEqual([400, 'InvalidArgument']);
    expect(await exists('sse-c-bad.txt')).toBe(false);
  });
});

describe('Range headers S3 ignores', () => {
  beforeAll(() => rawRequest(s3.server.port, { method: 'PUT', path: '/test-bucket/digits.txt', body: '0123456789' }));

  it.each(['bytes=abc', 'bytes=5-2', 'bytes=0-1,4-5', 'items=0-1', 'bytes=--3', 'bytes= -1', 'bytes=0 -1', 'bytes=0- 3'])('serves the whole object for Range: %s', async (range) => {
    const response = await rawRequest(s3.server.port, { method: 'GET', path: '/test-bucket/digits.txt', headers: { Range: range } });
    expect([response.status, response.body, response.headers['content-range']]).toEqual([200, '0123456789', undefined]);
  });
});

describe('paths and keys', () => {
  it('stores a key with ../ segments as a plain key inside its bucket, never as a file path', async () => {
    const put = await rawRequest(s3.server.port, { method: 'PUT', path: '/test-bucket/../../../../tmp/escaped.txt', body: 'not a file' });
    expect(put.status).toBe(200);
    expect(existsSync('/tmp/escaped.txt')).toBe(false);
    const listed = await rawRequest(s3.server.port, { method: 'GET', path: '/test-bucket?list-type=2&prefix=..' });
    expect(listed.body).toContain('<Key>../../../../tmp/escaped.txt</Key>');
    expect((await rawRequest(s3.server.port, { method: 'GET', path: '/test-bucket/%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2Ftmp%2Fescaped.txt' })).body).toBe('not a file');
  });

  it('answers a path whose first segment is .. with NoSuchBucket', async () => {
    const response = await rawRequest(s3.server.port, { method: 'GET', path: '/../etc/passwd' });
    expect([response.status, errorCodeOf(response.body)]).toEqual([404, 'NoSuchBucket']);
  });

  it('answers a malformed percent-escape with InvalidURI', async () => {
    const response = await rawRequest(s3.server.port, { method: 'GET', path: '/test-bucket/%zz' });
    expect([response.status, errorCodeOf(response.body)]).toEqual([400, 'InvalidURI']);
  });

  it('answers a key over 1024 bytes with KeyTooLongError', async () => {
    const response = await rawRequest(s3.server.port, { method: 'PUT', path: `/test-bucket/${'k'.repeat(1025)}`, body: 'x' });
    expect([response.status, errorCodeOf(response.body)]).toEqual([400, 'KeyTooLongError']);
  });
});

describe('XML documents', () => {
  /** Content-MD5 of a document: S3 takes some (Delete, bucket tagging, CORS) only with a checksum. */
  const md5Of = (body: Buffer | string) => ({ 'Content-MD5': createHash('md5').update(body).digest('base64') });

  it.each(['not xml', '<Delete><Object><Key>a</Key></Delete>', '<Delete></Delete>', '<Other/>'])('refuses the Delete document %j with MalformedXML', async (body) => {
    const response = await rawRequest(s3.server.port, { method: 'POST', path: '/test-bucket?delete', headers: md5Of(body), body });
    expect([response.status, errorCodeOf(response.body)]).toEqual([400, 'MalformedXML']);
  });

  it.each([
    ['PUT', '/test-bucket?tagging'],
    ['PUT', '/test-bucket?cors'],
    ['PUT', '/test-bucket?encryption'],
    ['PUT', '/test-bucket?versioning'],
    ['PUT', '/test-bucket/k?tagging'],
    ['PUT', '/malformed-config-bucket'],
  ])('refuses a broken document sent to %s %s with MalformedXML', async (method, path) => {
    await rawRequest(s3.server.port, { method: 'PUT', path: '/test-bucket/k', body: 'x' });
    for (const body of ['<Unclosed>', '<?xml version="1.0"?><Wrong/>', '\u0000\u0001binary']) {
      const response = await rawRequest(s3.server.port, { method, path, headers: md5Of(body), body });
      expect([response.status, errorCodeOf(response.body)]).toEqual([400, 'MalformedXML']);
    }
  });

  describe('hostile documents', () => {
    const tagging = (key: string) => `<Tagging><TagSet><Tag><Key>${key}</Key><Value>v</Value></Tag></TagSet></Tagging>`;
    const bodies: Array<[string, Buffer | string]> = [
      ['entity expansion (billion laughs)', `<!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>${tagging('&b;')}`],
      ['an external entity', `<!DOCTYPE t [<!ENTITY e SYSTEM "file:///etc/passwd">]>${tagging('&e;')}`],
      ['100,000 nested elements', `<Tagging>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</Tagging>`],
      ['an element named __proto__', '<Tagging><TagSet><__proto__/></TagSet></Tagging>'],
      ['bytes that are not UTF-8', Buffer.concat([Buffer.from(tagging('k')).subarray(0, 30), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(tagging('k')).subarray(30)])],
      ['a truncated document', tagging('k').slice(0, 40)],
      ['a control character XML forbids', tagging('a\u0001b')],
      ['a reference to a control character (S3 refuses &#x1; too)', tagging('&#x1;')],
      ['an entity XML does not define', tagging('&nbsp;')],
      ['a second root element', `${tagging('k')}<Tagging/>`],
      ['text after the root element', `${tagging('k')}trailing`],
      ['an empty body', ''],
    ];

    beforeAll(() => rawRequest(s3.server.port, { method: 'PUT', path: '/test-bucket/tagged', body: 'x' }));

    it.each(bodies)('refuses %s with 400 MalformedXML, changing nothing', async (_, body) => {
      for (const path of ['/test-bucket/tagged?tagging', '/test-bucket?tagging']) {
        const response = await rawRequest(s3.server.port, { method: 'PUT', path, headers: md5Of(body), body });
        expect([path, response.status, errorCodeOf(response.body)]).toEqual([path, 400, 'MalformedXML']);
      }
      const tags = await rawRequest(s3.server.port, { method: 'GET', path: '/test-bucket/tagged?tagging' });
      expect(tags.body).toContain('<TagSet></TagSet>');
    });

    it.each([
      ['DeleteObjects', 'POST', '/test-bucket?delete'],
      ['CompleteMultipartUpload', 'POST', '/test-bucket/k?uploadId=none'],
      ['PutBucketCors', 'PUT', '/test-bucket?cors'],
      ['PutBucketLifecycleConfiguration', 'PUT', '/test-bucket?lifecycle'],
    ])('%s refuses a DOCTYPE with 400 MalformedXML', async (_, method, path) => {
      const body = `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>`;
      const response = await rawRequest(s3.server.port, { method, path, headers: { 'Content-MD5': createHash('md5').update(body).digest('base64') }, body });
      expect([response.status, errorCodeOf(response.body)]).toEqual([400, 'MalformedXML']);
    });
  });

  it('answers a sub-resource it does not implement with NotImplemented, not a listing', async () => {
    const response = await rawRequest(s3.server.port, { method: 'GET', path: '/test-bucket?website' });
    expect([response.status, errorCodeOf(response.body)]).toEqual([501, 'NotImplemented']);
  });

  it('answers a sub-resource it does not implement of a bucket that does not exist with NoSuchBucket, as S3 answers any operation on one', async () => {
    for (const path of ['/no-such-bucket?website', '/no-such-bucket?logging', '/no-such-bucket/k?torrent']) {
      const response = await rawRequest(s3.server.port, await signedRequest(s3.server.port, { method: 'GET', path }));
      expect([response.status, errorCodeOf(response.body)]).toEqual([404, 'NoSuchBucket']);
    }
  });

  it('checks the signature before answering a sub-resource it does not implement', async () => {
    const forged = await signedRequest(s3.server.port, { method: 'GET', path: '/test-bucket?website' }, { credentials: { accessKeyId: 'test-key', secretAccessKey: 'not-the-secret' } });
    const response = await rawRequest(s3.server.port, forged);
    expect([response.status, errorCodeOf(response.body)]).toEqual([403, 'SignatureDoesNotMatch']);
  });
});

describe('S3_AUTH=strict', () => {
  it('refuses unsigned requests with AccessDenied and serves signed ones', async () => {
    const strict = await startServer('s3', { env: { S3_AUTH: 'strict' } });
    try {
      const unsigned = await rawRequest(strict.port, { method: 'GET', path: '/test-bucket?list-type=2' });
      expect([unsigned.status, errorCodeOf(unsigned.body)]).toEqual([403, 'AccessDenied']);
      const signed = s3Client(strict);
      await signed.send(new PutObjectCommand({ Bucket: 'test-bucket', Key: 'k', Body: 'signed' }));
      signed.destroy();
    } finally {
      await strict.close();
    }
  });

  it('refuses an unsigned request for a sub-resource it does not implement with AccessDenied, and answers a signed one NotImplemented', async () => {
    const strict = await startServer('s3', { env: { S3_AUTH: 'strict' } });
    try {
      const unsigned = await rawRequest(strict.port, { method: 'GET', path: '/test-bucket?website' });
      expect([unsigned.status, errorCodeOf(unsigned.body)]).toEqual([403, 'AccessDenied']);
      const signed = await rawRequest(strict.port, await signedRequest(strict.port, { method: 'GET', path: '/test-bucket?website' }));
      expect([signed.status, errorCodeOf(signed.body)]).toEqual([501, 'NotImplemented']);
    } finally {
      await strict.close();
    }
  });
});
