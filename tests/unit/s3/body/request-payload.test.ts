import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { openRequestPayload, storedContentEncoding, type RequestPayload } from '../../../../src/s3/body/request-payload';
import type { S3HttpRequest } from '../../../../src/s3/http-request';
import type { BodySource } from '../../../../src/s3/store';
import { Digester, DigestStream, loadCrcs } from '../../../../src/s3/store/digest-stream';

const anonymous = { scheme: 'anonymous' } as const;
const put = (...headers: string[]): S3HttpRequest => ({ method: 'PUT', rawPath: '/b/k', query: [], rawHeaders: headers });
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The bytes as the store keeps them: through its one digest pass, with the checks the payload hands it. */
async function stored(payload: RequestPayload): Promise<Buffer> {
  const digester = new Digester(await loadCrcs(), payload.checksumAlgorithms, payload.expect, { payloadSha256: payload.payloadSha256 });
  if (typeof payload.body === 'function') {
    const bytes = await payload.body();
    digester.update(bytes);
    await digester.finish();
    return bytes;
  }
  const chunks: Buffer[] = [];
  await pipeline(payload.body, new DigestStream(digester), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) chunks.push(chunk);
  });
  return Buffer.concat(chunks);
}

describe('an upload body', () => {
  it('passes a plain body through and verifies a hex x-amz-content-sha256', async () => {
    const payload = openRequestPayload(Readable.from([Buffer.from('hello')]), put('Content-Length', '5', 'x-amz-content-sha256', sha256('hello')), anonymous);
    expect(payload.payloadSha256).toBe(sha256('hello'));
    expect((await stored(payload)).toString()).toBe('hello');
  });

  it('fails with XAmzContentSHA256Mismatch when the body does not hash to x-amz-content-sha256', async () => {
    const payload = openRequestPayload(Readable.from([Buffer.from('hellO')]), put('Content-Length', '5', 'x-amz-content-sha256', sha256('hello')), anonymous);
    await expect(stored(payload)).rejects.toMatchObject({
      code: 'XAmzContentSHA256Mismatch',
      fields: { ClientComputedContentSHA256: sha256('hello'), S3ComputedContentSHA256: sha256('hellO') },
    });
  });

  it('decodes an unsigned aws-chunked body and reports its trailing checksum for the store to check', async () => {
    const request = put(
      'Content-Encoding', 'aws-chunked',
      'x-amz-content-sha256', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      'x-amz-decoded-content-length', '5',
      'x-amz-trailer', 'x-amz-checksum-crc32',
      'x-amz-sdk-checksum-algorithm', 'CRC32',
      'Content-MD5', 'XUFAKrxLKna5cZ2REBfFkg==',
    );
    const payload = openRequestPayload(Readable.from([Buffer.from('5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n')]), request, anonymous);
    expect(payload.checksumAlgorithms).toEqual(['crc32']);
    expect((await buffer(payload.body as Readable)).toString()).toBe('hello');
    expect(payload.expect()).toEqual({ contentMd5: 'XUFAKrxLKna5cZ2REBfFkg==', checksums: { crc32: 'NhCmhg==' } });
  });

  it('honours aws-chunked framing only in a STREAMING-* mode: beside a hex payload hash the bytes are hashed as they arrived', async () => {
    const framed = '5\r\nhello\r\n0\r\n\r\n';
    const forged = openRequestPayload(Readable.from([Buffer.from(framed)]), put('Content-Length', String(framed.length), 'Content-Encoding', 'aws-chunked', 'x-amz-content-sha256', sha256('hello')), anonymous);
    await expect(stored(forged)).rejects.toMatchObject({ code: 'XAmzContentSHA256Mismatch' });
    const asSent = openRequestPayload(Readable.from([Buffer.from(framed)]), put('Content-Length', String(framed.length), 'Content-Encoding', 'aws-chunked', 'x-amz-content-sha256', sha256(framed)), anonymous);
    expect((await stored(asSent)).toString()).toBe(framed);
  });

  it('needs a SigV4 Authorization header for signed chunks', () => {
    const request = put('Content-Length', '10', 'x-amz-content-sha256', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'x-amz-decoded-content-length', '5');
    expect(() => openRequestPayload(Readable.from([]), request, anonymous)).toThrow(expect.objectContaining({ code: 'InvalidRequest' }));
  });

  it('answers MissingContentLength when neither Content-Length nor x-amz-decoded-content-length is given', () => {
    expect(() => openRequestPayload(Readable.from([]), put(), anonymous)).toThrow(expect.objectContaining({ code: 'MissingContentLength', status: 411 }));
  });

  it.each([
    ['without x-amz-decoded-content-length', []],
    ['with an x-amz-decoded-content-length that is no number', ['x-amz-decoded-content-length', 'abc']],
  ])('answers MissingContentLength for an aws-chunked upload %s, even with a Content-Length, as S3 does', (_name, decoded) => {
    const request = put('Content-Length', '30', 'Content-Encoding', 'aws-chunked', 'x-amz-content-sha256', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', ...decoded);
    expect(() => openRequestPayload(Readable.from([]), request, anonymous)).toThrow(expect.objectContaining({ code: 'MissingContentLength', status: 411 }));
  });

  it.each(['x-amz-checksum-crc64nvme', 'x-amz-checksum-sha1'])('refuses a checksum trailer announced beside an %s header with InvalidRequest, as S3 does', (checksumHeader) => {
    const value = checksumHeader.endsWith('sha1') ? 'qvTGHdzF6KLavt4PO0gs2a6pQ00=' : 'M3eFcAZSQlc=';
    const request = put(
      'Content-Length', '60', 'Content-Encoding', 'aws-chunked', 'x-amz-content-sha256', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      'x-amz-decoded-content-length', '5', 'x-amz-trailer', 'x-amz-checksum-crc64nvme', checksumHeader, value,
    );
    expect(() => openRequestPayload(Readable.from([]), request, anonymous)).toThrow(
      expect.objectContaining({ code: 'InvalidRequest', status: 400, message: 'Expecting a single x-amz-checksum- header' }),
    );
  });

  it('refuses a plain body in HTTP chunked coding with NotImplemented naming Transfer-Encoding, as S3 does', () => {
    expect(() => openRequestPayload(Readable.from([]), put('Transfer-Encoding', 'chunked'), anonymous)).toThrow(
      expect.objectContaining({ code: 'NotImplemented', status: 501, fields: { Header: 'Transfer-Encoding' } }),
    );
  });

  it('takes an aws-chunked body that travels in HTTP chunked coding', () => {
    const request = put('Transfer-Encoding', 'chunked', 'x-amz-content-sha256', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'x-amz-decoded-content-length', '5');
    expect(() => openRequestPayload(Readable.from([]), request, anonymous)).not.toThrow();
  });

  it.each(['abc', 'MTIz', 'dGVzdC1zdHJpbmc='])('answers InvalidDigest naming a Content-MD5 %j that is not a base64 MD5, as S3 does', (md5) => {
    expect(() => openRequestPayload(Readable.from([]), put('Content-Length', '0', 'Content-MD5', md5), anonymous)).toThrow(
      expect.objectContaining({ code: 'InvalidDigest', status: 400, message: 'The Content-MD5 you specified was invalid.', fields: { 'Content-MD5': md5 } }),
    );
  });

  it('reads a small plain body whole, in one Buffer, when the store asks for it, and streams a large one', async () => {
    const small = openRequestPayload(Readable.from([Buffer.from('hel'), Buffer.from('lo')]), put('Content-Length', '5'), anonymous);
    expect(typeof small.body === 'function' && (await small.body()).toString()).toBe('hello');
    const bytes = Buffer.alloc(64 * 1024 + 1, 'x');
    const large = openRequestPayload(Readable.from([bytes]), put('Content-Length', String(bytes.length)), anonymous);
    expect(large.body).toBeInstanceOf(Readable);
    expect(await stored(large)).toEqual(bytes);
  });

  it.each([
    ['a small body, read whole', 100, (body: BodySource) => (body as () => Promise<Buffer>)()],
    ['a large body, streamed', 100_000, (body: BodySource) => buffer(body as Readable)],
  ])('fails %s when the client goes away mid-upload, without destroying the request itself', async (_, length, read) => {
    const source = new PassThrough();
    const reading = read(openRequestPayload(source, put('Content-Length', String(length)), anonymous).body);
    source.write('partial');
    source.emit('error', new Error('aborted'));
    await expect(reading).rejects.toMatchObject({ code: 'IncompleteBody' });
    expect(source.destroyed).toBe(false);
  });
});

describe('the stored Content-Encoding', () => {
  it.each([
    ['aws-chunked', undefined],
    ['aws-chunked,gzip', 'gzip'],
    ['gzip, aws-chunked', 'gzip'],
    ['br', 'br'],
  ])('of %s is %s', (given, stored) => {
    expect(storedContentEncoding(given)).toBe(stored);
  });
});
