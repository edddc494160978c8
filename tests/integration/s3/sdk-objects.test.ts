/**
 * Objects through @aws-sdk/client-s3 on its defaults: checksums on, stream bodies sent aws-chunked
 * with trailing checksums, in both addressing styles.
 */
import {
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  type GetObjectCommandInput,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { s3ErrorOf } from './s3-error';
import { useS3 } from './s3-fixture';
import { s3Client, s3ClientSending } from './sdk-client';

const s3 = useS3();
const BUCKET = 'test-bucket';

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');

async function getBytes(c: S3Client, Key: string, Bucket = BUCKET): Promise<Buffer> {
  const object = await c.send(new GetObjectCommand({ Bucket, Key }));
  return Buffer.from(await object.Body!.transformToByteArray());
}

describe.each(['path', 'virtual-host'] as const)('PutObject/GetObject round trips (%s style)', (style) => {
  let styled: S3Client;
  beforeAll(() => {
    styled = s3Client(s3.server, style);
  });
  afterAll(() => styled.destroy());

  it('stores a stream body sent aws-chunked with a trailing checksum, byte for byte', async () => {
    const payload = randomBytes(3 * 1024 * 1024 + 17);
    const put = await styled.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: `${style}/stream.bin`, Body: Readable.from([payload.subarray(0, 8192), payload.subarray(8192)]), ContentLength: payload.length }),
    );
    expect(put.ETag).toBe(`"${md5(payload)}"`);
    expect(put.ChecksumCRC32).toBeDefined();
    expect((await getBytes(styled, `${style}/stream.bin`)).equals(payload)).toBe(true);
  });

  it('refuses a stream body whose aws-chunked chunks before the last hold under 8 KiB with InvalidChunkSizeError, as S3 does', async () => {
    const payload = randomBytes(20_000);
    const error = await s3ErrorOf(
      styled.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${style}/small-chunks.bin`, Body: Readable.from([payload.subarray(0, 1000), payload.subarray(1000)]), ContentLength: payload.length })),
    );
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['InvalidChunkSizeError', 400]);
    expect(error).toMatchObject({ Chunk: '2', BadChunkSize: '1000' });
  });

  it('stores a buffer body and keys with spaces, plus signs, unicode and slashes', async () => {
    const key = `${style}/dir/a b+c ü€ (1)!.txt`;
    await styled.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'hello' }));
    expect((await getBytes(styled, key)).toString()).toBe('hello');
    const listed = await styled.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${style}/dir/` }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual([key]);
  });

  it('stores an empty object', async () => {
    await styled.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${style}/empty`, Body: new Uint8Array(0) }));
    expect((await getBytes(styled, `${style}/empty`)).length).toBe(0);
  });
});

describe('object metadata', () => {
  it('round-trips Content-Type, Content-Encoding, Content-Disposition, Cache-Control, Expires and x-amz-meta-* exactly', async () => {
    const expires = new Date('2030-01-02T03:04:05Z');
    await s3.client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'meta.txt',
        Body: 'x',
        ContentType: 'text/plain; charset=utf-8',
        ContentEncoding: 'identity',
        ContentDisposition: 'attachment; filename="report 1.txt"',
        CacheControl: 'max-age=60, public',
        Expires: expires,
        Metadata: { owner: 'Alice Smith', 'camel-case': 'Value With  Spaces' },
      }),
    );
    const head = await s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'meta.txt' }));
    expect(head).toMatchObject({
      ContentType: 'text/plain; charset=utf-8',
      ContentEncoding: 'identity',
      ContentDisposition: 'attachment; filename="report 1.txt"',
      CacheControl: 'max-age=60, public',
      ContentLength: 1,
      ETag: `"${md5(Buffer.from('x'))}"`,
      Metadata: { owner: 'Alice Smith', 'camel-case': 'Value With  Spaces' },
    });
    expect(head.ExpiresString).toBe(expires.toUTCString());
    expect(head.LastModified).toBeInstanceOf(Date);
  });

  it('keeps user metadata named after Object.prototype members (__proto__, toString) as its own', async () => {
    // plain HTTP both ways: the SDK's Metadata, a plain object, would itself lose __proto__
    const headers = new Headers([['x-amz-meta-__proto__', 'kept'], ['x-amz-meta-tostring', 'also']]);
    expect((await fetch(`${s3.server.url}/${BUCKET}/proto-meta.txt`, { method: 'PUT', headers, body: 'x' })).status).toBe(200);
    const head = await fetch(`${s3.server.url}/${BUCKET}/proto-meta.txt`, { method: 'HEAD' });
    expect([head.headers.get('x-amz-meta-__proto__'), head.headers.get('x-amz-meta-tostring')]).toEqual(['kept', 'also']);
  });

  it('decodes metadata sent as RFC 2047 encoded words and answers values beyond ASCII encoded, as S3 does', async () => {
    const Metadata = { 'b-encoded': '=?UTF-8?B?YWJj?=', 'q-encoded': '=?UTF-8?Q?=C3=84M=C3=84Z=C3=95=C3=91_S3?=', binary: '=?UTF-8?B?AAECAw==?=' };
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'encoded-meta.txt', Body: 'x', Metadata }));
    const head = await s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'encoded-meta.txt' }));
    expect(head.Metadata).toEqual({ 'b-encoded': 'abc', 'q-encoded': Metadata['q-encoded'], binary: Metadata.binary });
  });

  it.each([
    ['AES256', undefined],
    ['aws:kms', 'arn:aws:kms:eu-west-1:111122223333:key/abcd'],
  ] as const)('stores and echoes server-side encryption %s', async (algorithm, keyId) => {
    const put = await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `sse-${algorithm}`, Body: 'secret', ServerSideEncryption: algorithm, SSEKMSKeyId: keyId }));
    expect(put.ServerSideEncryption).toBe(algorithm);
    const head = await s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `sse-${algorithm}` }));
    expect(head.ServerSideEncryption).toBe(algorithm);
    if (keyId) expect(head.SSEKMSKeyId).toBe(keyId);
  });

  it('refuses x-amz-server-side-encryption on reads, listings and multipart steps with InvalidArgument, as S3 does', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'sse-read', Body: 'x', ServerSideEncryption: 'AES256' }));
    const upload = await s3.client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'sse-parts', ServerSideEncryption: 'AES256' }));
    // The SDK sends the header only where S3 takes it; ClickHouse and s3cmd have sent it on every request.
    const sending = s3ClientSending(s3.server, { 'x-amz-server-side-encryption': 'AES256' });
    try {
      for (const refused of [
        sending.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'sse-read' })),
        sending.send(new ListObjectsV2Command({ Bucket: BUCKET })),
        sending.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'sse-parts', UploadId: upload.UploadId, PartNumber: 1, Body: 'part' })),
      ]) {
        const error = await s3ErrorOf(refused);
        expect([error.name, error.$metadata.httpStatusCode, error.message]).toEqual(['InvalidArgument', 400, 'x-amz-server-side-encryption header is not supported for this operation.']);
      }
      expect((await s3ErrorOf(sending.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'sse-read' })))).$metadata.httpStatusCode).toBe(400);
      expect((await sending.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'sse-read', Body: 'y' }))).ServerSideEncryption).toBe('AES256');
    } finally {
      sending.destroy();
    }
  });

  it('keeps a website redirect location given on a write, refuses one that is neither a path nor an http(s) URL, and does not copy it', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'moved.html', Body: 'old', WebsiteRedirectLocation: '/new.html' }));
    expect((await s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'moved.html' }))).WebsiteRedirectLocation).toBe('/new.html');
    expect((await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'moved.html' }))).WebsiteRedirectLocation).toBe('/new.html');
    const refused = await s3ErrorOf(s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'bad-redirect', Body: 'x', WebsiteRedirectLocation: 'ftp://example.com/' })));
    expect([refused.name, refused.$metadata.httpStatusCode]).toEqual(['InvalidRedirectLocation', 400]);
    await s3.client.send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'copied.html', CopySource: `${BUCKET}/moved.html` }));
    expect((await s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'copied.html' }))).WebsiteRedirectLocation).toBeUndefined();
    await s3.client.send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'moved.html', CopySource: `${BUCKET}/moved.html`, WebsiteRedirectLocation: 'https://example.com/' }));
    expect((await s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'moved.html' }))).WebsiteRedirectLocation).toBe('https://example.com/');
  });

  it('stores x-amz-checksum-* values and returns them with x-amz-checksum-mode: ENABLED', async () => {
    const put = await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'checked.txt', Body: 'checked', ChecksumAlgorithm: 'SHA256' }));
    expect(put.ChecksumSHA256).toBe(createHash('sha256').update('checked').digest('base64'));
    const got = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'checked.txt', ChecksumMode: 'ENABLED' }));
    expect(got.ChecksumSHA256).toBe(put.ChecksumSHA256);
    expect(await got.Body!.transformToString()).toBe('checked');
  });

  it('refuses a body that does not match its x-amz-checksum-sha256 with BadDigest', async () => {
    const wrong = createHash('sha256').update('other').digest('base64');
    const error = await s3ErrorOf(s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'bad-sum', Body: 'hello', ChecksumSHA256: wrong })));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['BadDigest', 400]);
  });

  it('serves an SSE-C object only to a request with the same customer key', async () => {
    const key = randomBytes(32);
    const sseC = { SSECustomerAlgorithm: 'AES256', SSECustomerKey: key.toString('base64') };
    const put = await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'sse-c', Body: 'customer keyed', ...sseC }));
    expect(put.SSECustomerKeyMD5).toBe(createHash('md5').update(key).digest('base64'));
    const got = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'sse-c', ...sseC }));
    expect(await got.Body!.transformToString()).toBe('customer keyed');
    expect((await s3ErrorOf(s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'sse-c' })))).$metadata.httpStatusCode).toBe(400);
    const otherKey = { SSECustomerAlgorithm: 'AES256', SSECustomerKey: randomBytes(32).toString('base64') };
    expect((await s3ErrorOf(s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'sse-c', ...otherKey })))).$metadata.httpStatusCode).toBe(403);
  });

  it('gives SSE-C and SSE-KMS objects an ETag that is no MD5 of their bytes, as S3 does, and keeps the MD5 for SSE-S3', async () => {
    const body = 'encrypted either way';
    const sseC = { SSECustomerAlgorithm: 'AES256', SSECustomerKey: randomBytes(32).toString('base64') };
    const written = [
      await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'etag-sse-c', Body: body, ...sseC })),
      await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'etag-sse-kms', Body: body, ServerSideEncryption: 'aws:kms' })),
      (await s3.client.send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'etag-kms-copy', CopySource: `${BUCKET}/etag-sse-kms`, ServerSideEncryption: 'aws:kms' }))).CopyObjectResult!,
    ];
    for (const { ETag } of written) expect(ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(written.map(({ ETag }) => ETag)).not.toContain(`"${md5(Buffer.from(body))}"`);
    // The ETag the write answered is the object's: HEAD names it, and If-Match takes it.
    expect((await s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'etag-sse-kms', IfMatch: written[1].ETag }))).ETag).toBe(written[1].ETag);
    expect((await s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'etag-sse-c', ...sseC }))).ETag).toBe(written[0].ETag);
    const sseS3 = await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'etag-sse-s3', Body: body, ServerSideEncryption: 'AES256' }));
    expect(sseS3.ETag).toBe(`"${md5(Buffer.from(body))}"`);
  });

  it('refuses a body that does not match its Content-MD5 with BadDigest, storing nothing', async () => {
    const error = await s3ErrorOf(s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'bad-md5', Body: 'hello', ContentMD5: createHash('md5').update('other').digest('base64') })));
    expect(error.name).toBe('BadDigest');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect((await s3ErrorOf(s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'bad-md5' })))).$metadata.httpStatusCode).toBe(404);
  });
});

describe('GetObject options', () => {
  const payload = Buffer.from('0123456789abcdefghij');
  beforeAll(async () => {
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'range.txt', Body: payload, ContentType: 'text/plain' }));
  });

  it.each([
    ['bytes=0-4', '01234', 'bytes 0-4/20'],
    ['bytes=15-', 'fghij', 'bytes 15-19/20'],
    ['bytes=-3', 'hij', 'bytes 17-19/20'],
    ['bytes=18-100', 'ij', 'bytes 18-19/20'],
    ['bytes=0-0', '0', 'bytes 0-0/20'],
    ['bytes=-30', payload.toString(), 'bytes 0-19/20'],
  ])('serves Range %s as 206 with Content-Range', async (Range, body, contentRange) => {
    const object = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range.txt', Range }));
    expect(object.$metadata.httpStatusCode).toBe(206);
    expect(object.ContentRange).toBe(contentRange);
    expect(await object.Body!.transformToString()).toBe(body);
  });

  it.each(['bytes=20-30', 'bytes=-0'])('answers Range %s, which selects no byte, with 416 InvalidRange', async (Range) => {
    const error = await s3ErrorOf(s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range.txt', Range })));
    expect(error.name).toBe('InvalidRange');
    expect(error.$metadata.httpStatusCode).toBe(416);
  });

  it('serves an empty object whole (200) for a suffix Range, which RFC 9110 counts satisfiable, and 416 for any other', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'empty-range.txt', Body: '' }));
    const suffix = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'empty-range.txt', Range: 'bytes=-1' }));
    expect([suffix.$metadata.httpStatusCode, suffix.ContentRange, await suffix.Body!.transformToString()]).toEqual([200, undefined, '']);
    expect((await s3ErrorOf(s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'empty-range.txt', Range: 'bytes=0-0' })))).$metadata.httpStatusCode).toBe(416);
  });

  it('names the Range as sent (RangeRequested) and the object size in its InvalidRange error, as S3 does', async () => {
    const answer = await fetch(`http://127.0.0.1:${s3.server.port}/${BUCKET}/range.txt`, { headers: { Range: 'bytes=100-' } });
    expect([answer.status, answer.headers.get('content-range')]).toEqual([416, 'bytes */20']);
    expect(await answer.text()).toContain('<RangeRequested>bytes=100-</RangeRequested><ActualObjectSize>20</ActualObjectSize>');
  });

  it('serves the whole object (200) for several ranges, which S3 does not support', async () => {
    const object = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range.txt', Range: 'bytes=0-1,3-4' }));
    expect([object.$metadata.httpStatusCode, object.ContentRange]).toEqual([200, undefined]);
    expect(await object.Body!.transformToString()).toBe(payload.toString());
  });

  describe('If-Range (sent raw: the SDK has no parameter for it)', () => {
    const rangeGet = (ifRange: string, range = 'bytes=0-4', method = 'GET') =>
      fetch(`http://127.0.0.1:${s3.server.port}/${BUCKET}/range.txt`, { method, headers: { Range: range, 'If-Range': ifRange } });
    let head: { ETag?: string; LastModified?: Date };
    beforeAll(async () => {
      head = await s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'range.txt' }));
    });

    it('applies the Range while the validator (ETag or Last-Modified) names the object', async () => {
      for (const validator of [head.ETag!, head.LastModified!.toUTCString()]) {
        const response = await rangeGet(validator);
        expect([response.status, response.headers.get('content-range'), await response.text()]).toEqual([206, 'bytes 0-4/20', '01234']);
      }
    });

    it('serves the whole object (200) once the validator is stale, also where the range alone would be 416', async () => {
      for (const [validator, range, method] of [['"0123456789abcdef0123456789abcdef"', 'bytes=0-4', 'GET'], ['Thu, 01 Jan 2015 00:00:00 GMT', 'bytes=0-4', 'GET'], [`W/${head.ETag}`, 'bytes=0-4', 'GET'], ['"stale"', 'bytes=50-', 'GET'], ['"stale"', 'bytes=0-4', 'HEAD']]) {
        const response = await rangeGet(validator, range, method);
        expect([response.status, response.headers.get('content-range'), response.headers.get('content-length')]).toEqual([200, null, '20']);
        if (method === 'GET') expect(await response.text()).toBe(payload.toString());
      }
    });

    it('keeps 416 for an unsatisfiable range under a current validator', async () => {
      expect((await rangeGet(head.ETag!, 'bytes=50-')).status).toBe(416);
    });
  });

  it('applies response-* overrides', async () => {
    const object = await s3.client.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'range.txt', ResponseContentType: 'application/x-test', ResponseContentDisposition: 'attachment; filename="x.txt"', ResponseCacheControl: 'no-store' }),
    );
    expect(object).toMatchObject({ ContentType: 'application/x-test', ContentDisposition: 'attachment; filename="x.txt"', CacheControl: 'no-store' });
    await object.Body!.transformToString();
  });

  it('answers If-None-Match with the ETag 304 and If-Match with another ETag 412', async () => {
    const etag = `"${md5(payload)}"`;
    expect((await s3ErrorOf(s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range.txt', IfNoneMatch: etag })))).$metadata.httpStatusCode).toBe(304);
    const failed = await s3ErrorOf(s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range.txt', IfMatch: '"0000"' })));
    expect([failed.name, failed.$metadata.httpStatusCode]).toEqual(['PreconditionFailed', 412]);
    const ok = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range.txt', IfMatch: etag, IfModifiedSince: new Date(Date.now() - 3600_000) }));
    expect(await ok.Body!.transformToString()).toBe(payload.toString());
  });

  it('answers If-Modified-Since after the change 304 (one in the future is ignored, as S3 ignores it) and If-Unmodified-Since before it 412', async () => {
    const later = new Date(Date.now() + 3600_000);
    const earlier = new Date(Date.now() - 3600_000);
    expect((await s3ErrorOf(s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'range.txt', IfModifiedSince: new Date() })))).$metadata.httpStatusCode).toBe(304);
    expect((await s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'range.txt', IfModifiedSince: later }))).$metadata.httpStatusCode).toBe(200);
    expect((await s3ErrorOf(s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'range.txt', IfUnmodifiedSince: earlier })))).$metadata.httpStatusCode).toBe(412);
  });

  it('lets the ETag condition decide when both kinds are sent (If-Match over If-Unmodified-Since, If-None-Match over If-Modified-Since)', async () => {
    const { ETag } = await s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'range.txt' }));
    const later = new Date(Date.now() + 3600_000);
    const earlier = new Date(Date.now() - 3600_000);
    const status = (conditions: Partial<GetObjectCommandInput>) =>
      s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range.txt', ...conditions })).then((r) => r.$metadata.httpStatusCode, (e: S3ServiceException) => e.$metadata.httpStatusCode);
    expect(await status({ IfMatch: ETag, IfUnmodifiedSince: earlier })).toBe(200);
    expect(await status({ IfNoneMatch: ETag, IfModifiedSince: earlier })).toBe(304);
    expect(await status({ IfNoneMatch: '"other"', IfModifiedSince: later })).toBe(200);
    expect(await status({ IfMatch: '"other"', IfNoneMatch: '"other"' })).toBe(412);
  });

  it('answers a missing key with NoSuchKey', async () => {
    const error = await s3ErrorOf(s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'nope' })));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['NoSuchKey', 404]);
  });
});

describe('deleting objects', () => {
  it('DeleteObject answers 204, also for a key that does not exist', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'doomed', Body: 'x' }));
    expect((await s3.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'doomed' }))).$metadata.httpStatusCode).toBe(204);
    expect((await s3.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'doomed' }))).$metadata.httpStatusCode).toBe(204);
  });

  it('DeleteObjects lists what it deleted, and nothing in Quiet mode', async () => {
    for (const key of ['d/1', 'd/2', 'd/3']) await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }));
    const loud = await s3.client.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: 'd/1' }, { Key: 'd/missing' }] } }));
    expect(loud.Deleted?.map((d) => d.Key).sort()).toEqual(['d/1', 'd/missing']);
    const quiet = await s3.client.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: 'd/2' }, { Key: 'd/3' }], Quiet: true } }));
    expect(quiet.Deleted ?? []).toEqual([]);
    expect((await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'd/' }))).KeyCount).toBe(0);
  });

  it('keeps carriage returns and line feeds in keys through listings and DeleteObjects (sent as &#13; and &#10;, as S3 does)', async () => {
    const keys = ['cr/a\rb', 'cr/a\nb', 'cr/a\r\nb'];
    for (const Key of keys) await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: 'x' }));
    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'cr/' }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['cr/a\nb', 'cr/a\r\nb', 'cr/a\rb']); // UTF-8 order: LF < CR < 'b'
    const deleted = await s3.client.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: keys.map((Key) => ({ Key })) } }));
    expect(deleted.Deleted?.map((d) => d.Key).sort()).toEqual([...keys].sort());
    expect((await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'cr/' }))).KeyCount).toBe(0);
  });
});
