import {
  S3Client,
  type S3ClientConfig,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  PutObjectTaggingCommand,
} from '@aws-sdk/client-s3';
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { createAuthenticator } from '../../../../src/s3/auth/authenticator';
import { parseCredentials } from '../../../../src/s3/auth/credentials';
import { header, type S3HttpRequest } from '../../../../src/s3/http-request';
import { NodeSha256 } from '../node-sha256';
import { capturingClient, TEST_CREDENTIALS, toWireRequest } from '../sdk-request-capture';

const authenticate = createAuthenticator({ credentials: parseCredentials('test-key:test-secret,other:other-secret') });

type Send = (client: S3Client) => Promise<unknown>;
const getObject: Send = (c) => c.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }));

async function signedBySdk(send: Send, config: Partial<S3ClientConfig> = {}) {
  const { client, captured } = capturingClient(config);
  await send(client);
  return captured[0].wire;
}

function withHeader(request: S3HttpRequest, name: string, value: string): S3HttpRequest {
  const rawHeaders = [...request.rawHeaders];
  const at = rawHeaders.findIndex((h, i) => i % 2 === 0 && h.toLowerCase() === name);
  if (at === -1) rawHeaders.push(name, value);
  else rawHeaders[at + 1] = value;
  return { ...request, rawHeaders };
}

describe('SigV4 Authorization header, as signed by @aws-sdk/client-s3', () => {
  it.each([
    ['a key with spaces, plus, unicode and !*\'()', (c) => c.send(new PutObjectCommand({ Bucket: 'b', Key: "dir/a b+c!*'()é.txt", Body: 'hi' }))],
    ['a key with a double slash and dots', (c) => c.send(new GetObjectCommand({ Bucket: 'b', Key: 'a//b/../c/./d' }))],
    ['a listing with prefix, delimiter and list-type', (c) => c.send(new ListObjectsV2Command({ Bucket: 'b', Prefix: 'a b/ü', Delimiter: '/' }))],
    ['a query flag without value (?uploads)', (c) => c.send(new CreateMultipartUploadCommand({ Bucket: 'b', Key: 'k' }))],
    ['user metadata and a tagging flag', (c) => c.send(new PutObjectTaggingCommand({ Bucket: 'b', Key: 'k', Tagging: { TagSet: [{ Key: 'a', Value: 'b' }] } }))],
    ['response-* overrides', (c) => c.send(new GetObjectCommand({ Bucket: 'b', Key: 'k', ResponseContentDisposition: 'attachment; filename="x y.jpg"' }))],
  ] as Array<[string, Send]>)('accepts %s', async (_, send) => {
    const request = await signedBySdk(send);
    const auth = authenticate(request);
    expect(auth).toMatchObject({ scheme: 'sigv4', accessKeyId: 'test-key', presigned: false });
  });

  it('accepts virtual-host style requests (bucket in the Host header)', async () => {
    const request = await signedBySdk((c) => c.send(new PutObjectCommand({ Bucket: 'my-bucket', Key: 'x/y.txt', Body: 'hi' })), { forcePathStyle: false });
    expect(request.rawPath).toBe('/x/y.txt');
    expect(authenticate(request, { virtualHostBucket: 'my-bucket' })).toMatchObject({ scheme: 'sigv4' });
  });

  it('hands the seed signature and signing key on for chunk signatures', async () => {
    const request = await signedBySdk(getObject);
    const auth = authenticate(request);
    if (auth.scheme !== 'sigv4') throw new Error('expected sigv4');
    expect(auth.context.seedSignature).toMatch(/^[0-9a-f]{64}$/);
    expect(auth.context.scope).toEqual(expect.objectContaining({ region: 'eu-west-1', service: 's3' }));
  });

  it('refuses a request whose signed header changed, showing the canonical request and string to sign', async () => {
    const request = withHeader(await signedBySdk((c) => c.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'hi', Metadata: { color: 'blue' } }))), 'x-amz-meta-color', 'red');
    expect(() => authenticate(request)).toThrow(
      expect.objectContaining({
        code: 'SignatureDoesNotMatch',
        status: 403,
        fields: expect.objectContaining({
          AWSAccessKeyId: 'test-key',
          CanonicalRequest: expect.stringContaining('x-amz-meta-color:red\n'),
          StringToSign: expect.stringMatching(/^AWS4-HMAC-SHA256\n\d{8}T\d{6}Z\n\d{8}\/eu-west-1\/s3\/aws4_request\n[0-9a-f]{64}$/),
          StringToSignBytes: expect.stringMatching(/^41 57 53 34 /),
          CanonicalRequestBytes: expect.stringMatching(/^50 55 54 0a /),
          SignatureProvided: expect.stringMatching(/^[0-9a-f]{64}$/),
        }),
      }),
    );
  });

  // node:http hands a header value over one character per byte received; S3 signs those bytes.
  describe('user metadata beyond ASCII, signed as UTF-8 by the SDK', () => {
    const signedWithAccent = () => signedBySdk((c) => c.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'hi', Metadata: { meta1: 'Hello Worldé' } })));

    it('accepts it sent as UTF-8 bytes (as botocore sends it)', async () => {
      const request = await signedWithAccent();
      const sentAsUtf8 = withHeader(request, 'x-amz-meta-meta1', Buffer.from('Hello Worldé', 'utf8').toString('latin1'));
      expect(authenticate(sentAsUtf8)).toMatchObject({ scheme: 'sigv4' });
    });

    it('refuses it sent as Latin-1 bytes, as S3 refuses the JS SDK', async () => {
      const request = await signedWithAccent();
      expect(() => authenticate(request)).toThrow(expect.objectContaining({ code: 'SignatureDoesNotMatch' }));
    });
  });

  it('refuses a request signed with the wrong secret', async () => {
    const request = await signedBySdk(getObject, {
      credentials: { accessKeyId: 'other', secretAccessKey: 'not-the-secret' },
    });
    expect(() => authenticate(request)).toThrow(expect.objectContaining({ code: 'SignatureDoesNotMatch' }));
  });

  it('refuses an unknown access key with InvalidAccessKeyId', async () => {
    const request = await signedBySdk(getObject, {
      credentials: { accessKeyId: 'nobody', secretAccessKey: 'x' },
    });
    expect(() => authenticate(request)).toThrow(expect.objectContaining({ code: 'InvalidAccessKeyId', status: 403 }));
  });

  it('refuses a request more than 15 minutes from the server clock with RequestTimeTooSkewed, saying both times as S3 does', async () => {
    const request = await signedBySdk(getObject);
    const serverTime = new Date(Date.now() + 16 * 60 * 1000 + 123);
    const later = createAuthenticator({ credentials: parseCredentials('test-key:test-secret'), now: () => serverTime });
    expect(() => later(request)).toThrow(
      expect.objectContaining({
        code: 'RequestTimeTooSkewed',
        status: 403,
        fields: {
          RequestTime: header(request, 'x-amz-date'),
          ServerTime: serverTime.toISOString().replace(/\.\d{3}Z$/, 'Z'),
          MaxAllowedSkewMilliseconds: 900000,
        },
      }),
    );
  });

  it.each([
    ['no components', 'AWS4-HMAC-SHA256 garbage'],
    ['a credential with too few parts', 'AWS4-HMAC-SHA256 Credential=test-key/20240101/s3/aws4_request, SignedHeaders=host, Signature=00'],
    ['another service', 'AWS4-HMAC-SHA256 Credential=test-key/20240101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=00'],
  ])('answers AuthorizationHeaderMalformed for %s', async (_, authorization) => {
    const request = withHeader(await signedBySdk(getObject), 'authorization', authorization);
    expect(() => authenticate(request)).toThrow(expect.objectContaining({ code: 'AuthorizationHeaderMalformed', status: 400 }));
  });

  it('answers AuthorizationHeaderMalformed in S3\'s words when the credential date is not the request date', async () => {
    const request = await signedBySdk(getObject);
    const authorization = request.rawHeaders[request.rawHeaders.indexOf('authorization') + 1].replace(/\/\d{8}\//, '/20000101/');
    expect(() => authenticate(withHeader(request, 'authorization', authorization))).toThrow(
      expect.objectContaining({
        code: 'AuthorizationHeaderMalformed',
        message: 'The authorization header is malformed; Invalid credential date. Date is not the same as X-Amz-Date.',
      }),
    );
  });

  it('answers InvalidArgument naming every mode S3 knows for an x-amz-content-sha256 that is none of them', async () => {
    const request = await signedBySdk(getObject);
    const gibberish = withHeader(request, 'x-amz-content-sha256', 'GIBBERISH');
    expect(() => authenticate(gibberish)).toThrow(
      expect.objectContaining({
        code: 'InvalidArgument',
        message:
          'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.',
        fields: { ArgumentName: 'x-amz-content-sha256', ArgumentValue: 'GIBBERISH' },
      }),
    );
  });

  it('answers InvalidArgument for an Authorization header of an unknown kind', () => {
    const request: S3HttpRequest = { method: 'GET', rawPath: '/b/k', query: [], rawHeaders: ['Authorization', 'Bearer abc'] };
    expect(() => authenticate(request)).toThrow(expect.objectContaining({ code: 'InvalidArgument', message: 'Unsupported Authorization Type' }));
  });

  // What S3 answers for this (coda/packs-sdk#3093 quotes it): 403 AccessDenied, HeadersNotSigned: host.
  it('refuses a signature that leaves the Host header out with AccessDenied naming host in HeadersNotSigned', async () => {
    const signer = new SignatureV4({ service: 's3', region: 'eu-west-1', credentials: TEST_CREDENTIALS, sha256: NodeSha256 });
    const signed = await signer.sign(new HttpRequest({ method: 'GET', protocol: 'http:', hostname: 'localhost', port: 9000, path: '/b/k', headers: { host: 'localhost:9000' } }), {
      unsignableHeaders: new Set(['host']),
    });
    const request = toWireRequest(new HttpRequest(signed));
    expect(header(request, 'authorization')).toMatch(/SignedHeaders=x-amz-content-sha256;x-amz-date,/);
    expect(() => authenticate(request)).toThrow(
      expect.objectContaining({ code: 'AccessDenied', status: 403, message: 'There were headers present in the request which were not signed', fields: { HeadersNotSigned: 'host' } }),
    );
  });

  it('refuses x-amz-* headers sent beside the signature with AccessDenied naming them; other unsigned headers pass', async () => {
    const request = await signedBySdk(getObject);
    const added = withHeader(withHeader(request, 'x-amz-copy-source', 'source-bucket/source-key'), 'x-amz-tagging', 'a=b');
    expect(() => authenticate(added)).toThrow(
      expect.objectContaining({
        code: 'AccessDenied',
        status: 403,
        message: 'There were headers present in the request which were not signed',
        fields: { HeadersNotSigned: 'x-amz-copy-source, x-amz-tagging' },
      }),
    );
    expect(authenticate(withHeader(withHeader(request, 'content-type', 'text/plain'), 'x-custom-header', 'value'))).toMatchObject({ scheme: 'sigv4' });
  });

  // What S3 does (scality/Arsenal#2590): the header's value is the canonical request's last line either way.
  it('takes an x-amz-content-sha256 left out of SignedHeaders, still checking the payload hash it names', async () => {
    const signer = new SignatureV4({ service: 's3', region: 'eu-west-1', credentials: TEST_CREDENTIALS, sha256: NodeSha256 });
    const headers = { host: 'localhost:9000', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' };
    const signed = await signer.sign(new HttpRequest({ method: 'GET', protocol: 'http:', hostname: 'localhost', port: 9000, path: '/b/k', headers }), {
      unsignableHeaders: new Set(['x-amz-content-sha256']),
    });
    const request = toWireRequest(new HttpRequest(signed));
    expect(header(request, 'authorization')).toMatch(/SignedHeaders=host;x-amz-date,/);
    expect(authenticate(request)).toMatchObject({ scheme: 'sigv4', context: expect.objectContaining({ payloadHash: 'UNSIGNED-PAYLOAD' }) });
    const swapped = withHeader(request, 'x-amz-content-sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(() => authenticate(swapped)).toThrow(expect.objectContaining({ code: 'SignatureDoesNotMatch' }));
  });

  it('requires x-amz-content-sha256 on header-signed requests, as S3 does', async () => {
    const request = await signedBySdk(getObject);
    const at = request.rawHeaders.indexOf('x-amz-content-sha256');
    const rawHeaders = request.rawHeaders.filter((_, i) => i !== at && i !== at + 1);
    expect(() => authenticate({ ...request, rawHeaders })).toThrow(expect.objectContaining({ code: 'InvalidRequest' }));
  });
});

describe('unsigned requests', () => {
  const anonymous: S3HttpRequest = { method: 'GET', rawPath: '/b/k', query: [], rawHeaders: ['Host', 'localhost'] };

  it('are anonymous (whether they may proceed is the access decision\'s)', () => {
    expect(authenticate(anonymous)).toEqual({ scheme: 'anonymous' });
  });

  it('refuses an empty Authorization header with AccessDenied instead of treating it as anonymous', () => {
    expect(() => authenticate({ ...anonymous, rawHeaders: [...anonymous.rawHeaders, 'Authorization', ''] })).toThrow(expect.objectContaining({ code: 'AccessDenied', status: 403 }));
  });

  it('may not combine two auth mechanisms', () => {
    const both: S3HttpRequest = { ...anonymous, query: [['X-Amz-Algorithm', 'AWS4-HMAC-SHA256']], rawHeaders: ['Authorization', 'AWS a:b'] };
    expect(() => authenticate(both)).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
  });
});
