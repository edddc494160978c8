import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl, S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { extendedEncodeURIComponent, HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { createAuthenticator } from '../../../../src/s3/auth/authenticator';
import { parseCredentials } from '../../../../src/s3/auth/credentials';
import { presignUrl } from '../../../../src/s3/auth/presigner';
import { queryValue, splitRequestTarget, type S3HttpRequest } from '../../../../src/s3/http-request';
import { NodeSha256 } from '../node-sha256';
import { capturingClient, TEST_CREDENTIALS } from '../sdk-request-capture';

const credentials = parseCredentials('test-key:test-secret');
const authenticateAt = (time: Date) => createAuthenticator({ credentials, now: () => time });

function requestFor(url: string, method = 'GET', extraHeaders: string[] = []): S3HttpRequest {
  const parsed = new URL(url);
  return { method, rawHeaders: ['Host', parsed.host, ...extraHeaders], ...splitRequestTarget(parsed.pathname + parsed.search) };
}

const signingDate = new Date('2026-01-02T03:04:05Z');
const minutesAfter = (minutes: number) => new Date(signingDate.getTime() + minutes * 60_000);

async function sdkPresigned(command: GetObjectCommand | PutObjectCommand, expiresIn = 900, forcePathStyle = true) {
  const { client } = capturingClient({ forcePathStyle });
  return getSignedUrl(client, command, { expiresIn, signingDate });
}

describe('SigV4 presigned URLs from @aws-sdk/s3-request-presigner', () => {
  it.each([
    ['a path-style GET', () => sdkPresigned(new GetObjectCommand({ Bucket: 'test-bucket', Key: 'a b/ü+!.jpg' })), 'GET'],
    ['a PUT with a content type', () => sdkPresigned(new PutObjectCommand({ Bucket: 'test-bucket', Key: 'up.jpg', ContentType: 'image/jpeg' })), 'PUT'],
    ['a GET with response-content-disposition', () => sdkPresigned(new GetObjectCommand({ Bucket: 'b1', Key: 'k', ResponseContentDisposition: 'attachment; filename="a b.jpg"' })), 'GET'],
  ])('accepts %s within its lifetime', async (_, presign, method) => {
    const url = await presign();
    const request = requestFor(url, method, method === 'PUT' ? ['Content-Type', 'image/jpeg'] : []);
    expect(authenticateAt(minutesAfter(10))(request)).toMatchObject({ scheme: 'sigv4', presigned: true, accessKeyId: 'test-key' });
  });

  it('accepts a virtual-host style URL (bucket in the host name)', async () => {
    const url = await sdkPresigned(new GetObjectCommand({ Bucket: 'test-bucket', Key: 'k.jpg' }), 900, false);
    expect(new URL(url).host).toBe('test-bucket.localhost:9000');
    expect(authenticateAt(minutesAfter(1))(requestFor(url), { virtualHostBucket: 'test-bucket' })).toMatchObject({ scheme: 'sigv4' });
  });

  it('refuses a URL after it expires with AccessDenied "Request has expired"', async () => {
    const url = await sdkPresigned(new GetObjectCommand({ Bucket: 'test-bucket', Key: 'k' }), 60);
    expect(() => authenticateAt(minutesAfter(2))(requestFor(url))).toThrow(
      expect.objectContaining({
        code: 'AccessDenied',
        message: 'Request has expired',
        // S3 writes these times to the second: 2026-01-02T03:05:05Z.
        fields: { 'X-Amz-Expires': '60', Expires: '2026-01-02T03:05:05Z', ServerTime: '2026-01-02T03:06:05Z' },
      }),
    );
  });

  it('takes a lifetime of 0 as in range and refuses the URL as expired, as S3 answers X-Amz-Expires=0', async () => {
    // S3 answers "must be non-negative" only below zero; a URL presigned for 0 seconds has expired.
    const url = await sdkPresigned(new GetObjectCommand({ Bucket: 'test-bucket', Key: 'k' }), 0);
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('0');
    expect(() => authenticateAt(new Date(signingDate.getTime() + 1000))(requestFor(url))).toThrow(
      expect.objectContaining({ code: 'AccessDenied', status: 403, message: 'Request has expired', fields: { 'X-Amz-Expires': '0', Expires: '2026-01-02T03:04:05Z', ServerTime: '2026-01-02T03:04:06Z' } }),
    );
  });

  it('refuses a URL dated more than 15 minutes ahead with AccessDenied "Request is not yet valid", saying when as S3 does', async () => {
    const url = await sdkPresigned(new GetObjectCommand({ Bucket: 'test-bucket', Key: 'k' }), 60);
    expect(() => authenticateAt(minutesAfter(-16))(requestFor(url))).toThrow(
      expect.objectContaining({
        code: 'AccessDenied',
        message: 'Request is not yet valid',
        fields: { 'X-Amz-Date': String(signingDate.getTime()), Expires: '2026-01-02T03:05:05Z', ServerTime: '2026-01-02T02:48:05Z' },
      }),
    );
  });

  it('refuses a URL whose key was changed with SignatureDoesNotMatch', async () => {
    const url = await sdkPresigned(new GetObjectCommand({ Bucket: 'test-bucket', Key: 'mine.jpg' }));
    expect(() => authenticateAt(minutesAfter(1))(requestFor(url.replace('mine.jpg', 'yours.jpg')))).toThrow(
      expect.objectContaining({ code: 'SignatureDoesNotMatch' }),
    );
  });

  it.each([
    ['above seven days', '604801', 'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds'],
    ['below zero', '-7', 'X-Amz-Expires must be non-negative'],
    ['that is no number', '1h', 'X-Amz-Expires should be a number'],
  ])('refuses a lifetime %s with AuthorizationQueryParametersError in S3\'s words', async (_, expires, message) => {
    const url = (await sdkPresigned(new GetObjectCommand({ Bucket: 'test-bucket', Key: 'k' }))).replace('X-Amz-Expires=900', `X-Amz-Expires=${expires}`);
    expect(() => authenticateAt(minutesAfter(1))(requestFor(url))).toThrow(
      expect.objectContaining({ code: 'AuthorizationQueryParametersError', status: 400, message }),
    );
  });

  it('refuses a URL missing one of its parameters with AuthorizationQueryParametersError', async () => {
    const url = (await sdkPresigned(new GetObjectCommand({ Bucket: 'test-bucket', Key: 'k' }))).replace(/X-Amz-Date=[^&]+&/, '');
    expect(() => authenticateAt(minutesAfter(1))(requestFor(url))).toThrow(expect.objectContaining({ code: 'AuthorizationQueryParametersError' }));
  });

  it('refuses a URL used with an x-amz-* header it did not sign, naming it, as S3 does', async () => {
    const url = await sdkPresigned(new PutObjectCommand({ Bucket: 'test-bucket', Key: 'up.jpg' }));
    expect(() => authenticateAt(minutesAfter(1))(requestFor(url, 'PUT', ['X-Amz-Tagging', 'a=b']))).toThrow(
      expect.objectContaining({ code: 'AccessDenied', fields: { HeadersNotSigned: 'x-amz-tagging' } }),
    );
    expect(authenticateAt(minutesAfter(1))(requestFor(url, 'PUT', ['Content-Type', 'image/jpeg']))).toMatchObject({ scheme: 'sigv4' });
  });

  // What S3 answers (localstack's recorded answers): the x-amz-content-sha256 is left out of HeadersNotSigned.
  it('takes an x-amz-content-sha256 sent beside the URL without signing it, naming only the other unsigned headers', async () => {
    const url = await sdkPresigned(new PutObjectCommand({ Bucket: 'test-bucket', Key: 'up.jpg' }));
    expect(authenticateAt(minutesAfter(1))(requestFor(url, 'PUT', ['x-amz-content-sha256', 'UNSIGNED-PAYLOAD']))).toMatchObject({ scheme: 'sigv4', presigned: true });
    const sentWith = ['x-amz-content-sha256', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'X-Amz-Date', '20211122T191045Z', 'X-Amz-Decoded-Content-Length', '4'];
    expect(() => authenticateAt(minutesAfter(1))(requestFor(url, 'PUT', sentWith))).toThrow(
      expect.objectContaining({ code: 'AccessDenied', fields: { HeadersNotSigned: 'x-amz-date, x-amz-decoded-content-length' } }),
    );
  });

  it('refuses a URL from an unknown access key with InvalidAccessKeyId', async () => {
    const url = (await sdkPresigned(new GetObjectCommand({ Bucket: 'test-bucket', Key: 'k' }))).replace('test-key%2F', 'nobody%2F');
    expect(() => authenticateAt(minutesAfter(1))(requestFor(url))).toThrow(expect.objectContaining({ code: 'InvalidAccessKeyId' }));
  });
});

describe('presigned URLs that leave the Host header unsigned', () => {
  const signer = new SignatureV4({ service: 's3', region: 'eu-west-1', credentials: TEST_CREDENTIALS, sha256: NodeSha256 });

  // What S3 answers (amazonka#272, aws-sdk-java#1680): 403 AccessDenied, HeadersNotSigned: host.
  it.each([
    ['an empty X-Amz-SignedHeaders', {}, ''],
    ['X-Amz-SignedHeaders without host', { 'content-type': 'image/png' }, 'content-type'],
  ])('are refused with AccessDenied naming host in HeadersNotSigned: %s', async (_, headers: Record<string, string>, signedHeaders) => {
    const signed = await signer.presign(new HttpRequest({ method: 'PUT', protocol: 'http:', hostname: 'localhost', port: 9000, path: '/test-bucket/k', headers: { host: 'localhost:9000', ...headers } }), {
      signingDate,
      unsignableHeaders: new Set(['host']),
    });
    const query = new URLSearchParams(signed.query as Record<string, string>).toString();
    const request = requestFor(`http://localhost:9000${signed.path}?${query}`, 'PUT', Object.entries(headers).flat());
    expect(queryValue(request.query, 'X-Amz-SignedHeaders')).toBe(signedHeaders);
    expect(() => authenticateAt(minutesAfter(1))(request)).toThrow(
      expect.objectContaining({ code: 'AccessDenied', status: 403, message: 'There were headers present in the request which were not signed', fields: { HeadersNotSigned: 'host' } }),
    );
  });
});

describe("the mock's own presigned-URL generator", () => {
  const sdkPresigner = new S3RequestPresigner({ credentials: TEST_CREDENTIALS, region: 'us-east-1', sha256: NodeSha256 });

  it.each([
    ['GET', 'photos/2024/a b+c.jpg'],
    ['PUT', "upload (1)!*'.bin"],
  ] as const)('signs a %s URL exactly as S3RequestPresigner does', async (method, key) => {
    const path = `/test-bucket/${key.split('/').map(extendedEncodeURIComponent).join('/')}`;
    const signed = await sdkPresigner.presign(
      new HttpRequest({ method, protocol: 'http:', hostname: 'localhost', port: 9000, path, headers: { host: 'localhost:9000' } }),
      { expiresIn: 3600, signingDate },
    );
    const ours = new URL(
      presignUrl({
        method,
        baseUrl: 'http://localhost:9000',
        bucket: 'test-bucket',
        key,
        expiresInSeconds: 3600,
        accessKeyId: TEST_CREDENTIALS.accessKeyId,
        secret: TEST_CREDENTIALS.secretAccessKey,
        region: 'us-east-1',
        now: signingDate,
      }),
    );
    expect(ours.pathname).toBe(signed.path);
    expect(Object.fromEntries(ours.searchParams)).toEqual(signed.query);
    expect(authenticateAt(minutesAfter(59))(requestFor(ours.href, method))).toMatchObject({ scheme: 'sigv4', presigned: true });
    expect(() => authenticateAt(minutesAfter(61))(requestFor(ours.href, method))).toThrow(expect.objectContaining({ message: 'Request has expired' }));
  });
});
