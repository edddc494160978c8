/**
 * Conditional writes (If-None-Match: *, If-Match) from @aws-sdk/client-s3, and the 409 S3 answers
 * when a concurrent write lands while a conditional upload is still streaming.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
 */
import { CopyObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import http from 'node:http';
import { errorCodeOf, rawRequest, type RawResponse } from './raw-http';
import { s3ErrorOf } from './s3-error';
import { useS3 } from './s3-fixture';

const s3 = useS3();
const Bucket = 'test-bucket';

const textOf = async (Key: string) => (await s3.client.send(new GetObjectCommand({ Bucket, Key }))).Body!.transformToString();

/**
 * PUT with `Expect: 100-continue`: the server has begun the upload (and checked its conditions)
 * once it answers 100 Continue; `meanwhile` runs then, before the body is sent.
 */
function putAfterContinue(path: string, headers: Record<string, string>, body: string, meanwhile: () => Promise<unknown>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: s3.server.port, method: 'PUT', path, agent: false, headers: { ...headers, Expect: '100-continue', 'Content-Length': String(Buffer.byteLength(body)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.on('continue', () => meanwhile().then(() => req.end(body), reject));
  });
}

describe('conditional writes', () => {
  it('If-None-Match: * refuses to overwrite an existing key with 412', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'once.txt', Body: 'first', IfNoneMatch: '*' }));
    const error = await s3ErrorOf(s3.client.send(new PutObjectCommand({ Bucket, Key: 'once.txt', Body: 'second', IfNoneMatch: '*' })));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['PreconditionFailed', 412]);
    expect(await textOf('once.txt')).toBe('first');
  });

  it('If-Match writes only over the object with that ETag (412 otherwise, NoSuchKey without one)', async () => {
    const { ETag } = await s3.client.send(new PutObjectCommand({ Bucket, Key: 'by-etag.txt', Body: 'v1' }));
    const stale = await s3ErrorOf(s3.client.send(new PutObjectCommand({ Bucket, Key: 'by-etag.txt', Body: 'v2', IfMatch: '"00000000000000000000000000000000"' })));
    expect([stale.name, stale.$metadata.httpStatusCode]).toEqual(['PreconditionFailed', 412]);
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'by-etag.txt', Body: 'v2', IfMatch: ETag }));
    expect(await textOf('by-etag.txt')).toBe('v2');
    expect((await s3ErrorOf(s3.client.send(new PutObjectCommand({ Bucket, Key: 'no-such.txt', Body: 'x', IfMatch: ETag })))).name).toBe('NoSuchKey');
  });

  it('answers 409 ConditionalRequestConflict when another write lands while a conditional upload streams', async () => {
    const response = await putAfterContinue(`/${Bucket}/contested.txt`, { 'If-None-Match': '*' }, 'too late', () =>
      s3.client.send(new PutObjectCommand({ Bucket, Key: 'contested.txt', Body: 'winner' })),
    );
    expect([response.status, errorCodeOf(response.body)]).toEqual([409, 'ConditionalRequestConflict']);
    expect(await textOf('contested.txt')).toBe('winner');
  });

  it('answers 409 when the If-Match object is deleted while the upload streams', async () => {
    const { ETag } = await s3.client.send(new PutObjectCommand({ Bucket, Key: 'vanishing.txt', Body: 'v1' }));
    const response = await putAfterContinue(`/${Bucket}/vanishing.txt`, { 'If-Match': ETag! }, 'v2', () => fetch(`${s3.server.url}/${Bucket}/vanishing.txt`, { method: 'DELETE' }));
    expect([response.status, errorCodeOf(response.body)]).toEqual([409, 'ConditionalRequestConflict']);
  });
  it('answers 501 NotImplemented, as S3 does, to If-Match with If-None-Match, If-Match: * and an If-None-Match other than *', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'guarded.txt', Body: 'kept' }));
    const refusals: Array<[Record<string, string>, string, string]> = [
      [{ 'If-Match': '"abcdef"', 'If-None-Match': '*' }, 'If-Match,If-None-Match', 'Multiple conditional request headers present in the request'],
      [{ 'If-Match': '*' }, 'If-Match', "We don't accept the provided value of If-Match header for this API"],
      [{ 'If-None-Match': '"abcdef"' }, 'If-None-Match', "We don't accept the provided value of If-None-Match header for this API"],
    ];
    for (const [headers, named, additionalMessage] of refusals) {
      const response = await rawRequest(s3.server.port, { method: 'PUT', path: `/${Bucket}/guarded.txt`, headers, body: 'replaced' });
      expect([response.status, errorCodeOf(response.body)]).toEqual([501, 'NotImplemented']);
      expect(response.body).toContain(`<Header>${named}</Header>`);
      expect(response.body).toContain(`<additionalMessage>${additionalMessage.replace("'", '&apos;')}</additionalMessage>`);
    }
    const copy = await s3ErrorOf(s3.client.send(new CopyObjectCommand({ Bucket, Key: 'guarded-copy.txt', CopySource: `${Bucket}/guarded.txt`, IfMatch: '*', IfNoneMatch: '*' })));
    expect([copy.name, copy.$metadata.httpStatusCode]).toEqual(['NotImplemented', 501]);
    expect(await textOf('guarded.txt')).toBe('kept');
  });
});
