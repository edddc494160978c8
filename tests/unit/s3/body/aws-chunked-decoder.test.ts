import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createAuthenticator } from '../../../../src/s3/auth/authenticator';
import { parseCredentials } from '../../../../src/s3/auth/credentials';
import { signingKey } from '../../../../src/s3/auth/sigv4-signing';
import { AwsChunkedDecoder, type AwsChunkedOptions } from '../../../../src/s3/body/aws-chunked-decoder';
import { splitRequestTarget, type S3HttpRequest } from '../../../../src/s3/http-request';
import { NodeSha256 } from '../node-sha256';
import { capturingClient } from '../sdk-request-capture';

async function decode(pieces: Buffer[], options: AwsChunkedOptions) {
  const decoder = new AwsChunkedDecoder(options);
  const out: Buffer[] = [];
  await pipeline(Readable.from(pieces), decoder, new Writable({ write: (chunk, _e, cb) => { out.push(chunk); cb(); } }));
  return { data: Buffer.concat(out), trailers: decoder.trailers };
}

const bytewise = (body: Buffer) => Array.from(body, (byte) => Buffer.from([byte]));

/**
 * AWS's published example for STREAMING-AWS4-HMAC-SHA256-PAYLOAD: 66560 bytes of 'a' in chunks of
 * 64 KiB and 1 KiB, with the signatures from
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
 */
const awsExample = {
  secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  request: {
    method: 'PUT',
    ...splitRequestTarget('/examplebucket/chunkObject.txt'),
    rawHeaders: [
      'Host', 's3.amazonaws.com',
      'x-amz-date', '20130524T000000Z',
      'x-amz-storage-class', 'REDUCED_REDUNDANCY',
      'Authorization',
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9',
      'x-amz-content-sha256', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      'Content-Encoding', 'aws-chunked',
      'x-amz-decoded-content-length', '66560',
      'Content-Length', '66824',
    ],
  } satisfies S3HttpRequest,
  body: Buffer.concat([
    Buffer.from('10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n'),
    Buffer.alloc(65536, 'a'),
    Buffer.from('\r\n400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n'),
    Buffer.alloc(1024, 'a'),
    Buffer.from('\r\n0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n'),
  ]),
};

function awsExampleSigning() {
  const authenticate = createAuthenticator({
    credentials: parseCredentials(`AKIAIOSFODNN7EXAMPLE:${awsExample.secret}`),
    now: () => new Date('2013-05-24T00:05:00Z'),
  });
  const auth = authenticate(awsExample.request);
  if (auth.scheme !== 'sigv4') throw new Error('expected SigV4');
  const { signingKey: key, amzDate, seedSignature } = auth.context;
  return { signingKey: key, amzDate, seedSignature, scope: '20130524/us-east-1/s3/aws4_request' };
}

describe('aws-chunked decoding of signed chunks (STREAMING-AWS4-HMAC-SHA256-PAYLOAD)', () => {
  it("verifies AWS's published example and yields exactly the payload", async () => {
    expect(awsExample.body.length).toBe(66824);
    const signing = awsExampleSigning();
    expect(signing.seedSignature).toBe('4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9');
    const { data } = await decode([awsExample.body], { signing, decodedLength: 66560 });
    expect(data.equals(Buffer.alloc(66560, 'a'))).toBe(true);
  });

  it('decodes the same body delivered one byte at a time', async () => {
    const { data } = await decode(bytewise(awsExample.body), { signing: awsExampleSigning(), decodedLength: 66560 });
    expect(data.length).toBe(66560);
  });

  it('refuses a chunk whose signature does not match with SignatureDoesNotMatch', async () => {
    const tampered = Buffer.from(awsExample.body);
    tampered.write('b', 200); // one payload byte of the first chunk
    await expect(decode([tampered], { signing: awsExampleSigning() })).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
  });

  it('refuses chunks replayed from another request (signatures chain from the seed)', async () => {
    const otherSeed = { ...awsExampleSigning(), seedSignature: '0'.repeat(64) };
    await expect(decode([awsExample.body], { signing: otherSeed })).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
  });

  it('refuses an unsigned chunk in a signed body', async () => {
    const body = Buffer.from('5\r\nhello\r\n0\r\n\r\n');
    await expect(decode([body], { signing: awsExampleSigning() })).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
  });

  it.each([1, 100, 65626, 66000, 66800, 66821])('refuses a body truncated after %i bytes with IncompleteBody', async (length) => {
    await expect(decode([awsExample.body.subarray(0, length)], { signing: awsExampleSigning() })).rejects.toMatchObject({ code: 'IncompleteBody' });
  });
});

describe('aws-chunked decoding with trailing checksums', () => {
  it('decodes what @aws-sdk/client-s3 sends for a stream body (STREAMING-UNSIGNED-PAYLOAD-TRAILER)', async () => {
    const payload = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));
    const { client, captured } = capturingClient();
    await client.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: Readable.from([payload]), ContentLength: payload.length }));
    const wire = captured[0];
    expect(wire.wire.rawHeaders).toContain('STREAMING-UNSIGNED-PAYLOAD-TRAILER');
    const { data, trailers } = await decode([wire.body], {
      decodedLength: payload.length,
      trailerNames: ['x-amz-checksum-crc32'],
    });
    expect(data.equals(payload)).toBe(true);
    expect(trailers['x-amz-checksum-crc32']).toMatch(/^[A-Za-z0-9+/]{6}==$/);
  });

  it('verifies the trailer signature of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER body', async () => {
    // Chunk and trailer signatures computed with the SDK's SignatureV4 string signer.
    const scope = { date: '20260102', region: 'eu-west-1', service: 's3' };
    const signer = new SignatureV4({
      service: 's3',
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test-key', secretAccessKey: 'test-secret' },
      sha256: NodeSha256,
    });
    const signingDate = new Date('2026-01-02T03:04:05Z');
    const sign = (text: string) => signer.sign(text, { signingDate });
    const hex = (data: string) => createHash('sha256').update(data).digest('hex');
    const seed = 'a'.repeat(64);
    const emptyHash = hex('');
    const stringToSign = (kind: string, previous: string, last: string) =>
      [`AWS4-HMAC-SHA256-${kind}`, '20260102T030405Z', '20260102/eu-west-1/s3/aws4_request', previous, ...(kind === 'PAYLOAD' ? [emptyHash] : []), last].join('\n');
    const chunk1 = await sign(stringToSign('PAYLOAD', seed, hex('hello world')));
    const final = await sign(stringToSign('PAYLOAD', chunk1, emptyHash));
    const trailerSignature = await sign(stringToSign('TRAILER', final, hex('x-amz-checksum-crc32:DUoRhQ==\n')));
    const body = Buffer.from(
      `b;chunk-signature=${chunk1}\r\nhello world\r\n0;chunk-signature=${final}\r\n` +
        `x-amz-checksum-crc32:DUoRhQ==\r\nx-amz-trailer-signature:${trailerSignature}\r\n\r\n`,
    );
    const signing = { signingKey: signingKey('test-secret', scope), amzDate: '20260102T030405Z', scope: '20260102/eu-west-1/s3/aws4_request', seedSignature: seed };
    const { data, trailers } = await decode([body], { signing, decodedLength: 11, trailerNames: ['x-amz-checksum-crc32'] });
    expect(data.toString()).toBe('hello world');
    expect(trailers).toEqual({ 'x-amz-checksum-crc32': 'DUoRhQ==' });

    const forged = Buffer.from(body.toString().replace('DUoRhQ==', 'AAAAAA=='));
    await expect(decode([forged], { signing, trailerNames: ['x-amz-checksum-crc32'] })).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
  });

  it.each([
    ['without the trailer announced in x-amz-trailer', '5\r\nhello\r\n0\r\n\r\n', ['x-amz-checksum-crc32']],
    ['with a trailer x-amz-trailer did not announce', '5\r\nhello\r\n0\r\nx-amz-checksum-crc64nvme:M3eFcAZSQlc=\r\n\r\n', []],
    ['with another trailer than the one announced', '5\r\nhello\r\n0\r\ninvalid_trailer:M3eFcAZSQlc=\r\n\r\n', ['x-amz-checksum-crc64nvme']],
    ['with a trailer line without a name', '5\r\nhello\r\n0\r\n:M3eFcAZSQlc=\r\n\r\n', ['x-amz-checksum-crc64nvme']],
  ])('refuses a body %s with MalformedTrailerError, as S3 does', async (_, body, trailerNames) => {
    await expect(decode([Buffer.from(body)], { trailerNames })).rejects.toMatchObject({
      code: 'MalformedTrailerError',
      status: 400,
      message: 'The request contained trailing data that was not well-formed or did not conform to our published schema.',
    });
  });
});

describe('aws-chunked framing errors', () => {
  it.each([
    ['less', 6],
    ['more', 3],
  ])('refuses %s data than x-amz-decoded-content-length with IncompleteBody naming both lengths, as S3 does', async (_, decodedLength) => {
    await expect(decode([Buffer.from('5\r\nhello\r\n0\r\n\r\n')], { decodedLength })).rejects.toMatchObject({
      code: 'IncompleteBody',
      status: 400,
      message: 'You did not provide the number of bytes specified by the Content-Length HTTP header',
      fields: { NumberBytesExpected: decodedLength, NumberBytesProvided: 5 },
    });
  });

  // AWS's own example above sends 64 KiB then 1 KiB: only the last data chunk may be under 8 KiB.
  it('refuses a data chunk under 8 KiB followed by another with InvalidChunkSizeError, numbering the chunk that showed it', async () => {
    const chunk = (size: number) => `${size.toString(16)}\r\n${'a'.repeat(size)}\r\n`;
    await expect(decode([Buffer.from(`${chunk(8192)}${chunk(10)}${chunk(100)}0\r\n\r\n`)], {})).rejects.toMatchObject({
      code: 'InvalidChunkSizeError',
      status: 400,
      message: 'Only the last chunk is allowed to have a size less than 8192 bytes',
      fields: { Chunk: 3, BadChunkSize: 10 },
    });
    expect((await decode([Buffer.from(`${chunk(8192)}${chunk(8192)}${chunk(100)}0\r\n\r\n`)], {})).data.length).toBe(16484);
    expect((await decode([Buffer.from(`${chunk(100)}0\r\n\r\n`)], {})).data.length).toBe(100);
  });

  it.each([
    ['a size that is not hex', 'zz\r\nhello\r\n0\r\n\r\n'],
    ['chunk data longer than its size', '3\r\nhello\r\n0\r\n\r\n'],
    ['chunk data shorter than its size', 'a\r\nhello\r\n0\r\n\r\n'],
    ['bare LF line ends', '5\nhello\n0\n\n'],
    ['no final chunk', '5\r\nhello\r\n'],
  ])('refuses %s with IncompleteBody "The request body terminated unexpectedly", as S3 does', async (_, body) => {
    await expect(decode([Buffer.from(body)], {})).rejects.toMatchObject({ code: 'IncompleteBody', status: 400, message: 'The request body terminated unexpectedly' });
  });
});
