import { announcedTrailers, isWellFormedChecksum, sdkChecksumAlgorithm, trailerChecksums, uploadChecksumHeaders } from '../../../../src/s3/body/announced-checksums';
import type { S3HttpRequest } from '../../../../src/s3/http-request';

const put = (...headers: string[]): S3HttpRequest => ({ method: 'PUT', rawPath: '/b/k', query: [], rawHeaders: headers });

describe('announced checksums', () => {
  it.each([
    ['crc32', 'NhCmhg==', true],
    ['crc32', 'NhCmhg', false],
    ['crc64nvme', 'AAAAAAAAAAA=', true],
    ['sha1', 'qvTGHdzF6KLavt4PO0gs2a6pQ00=', true],
    ['sha256', 'qvTGHdzF6KLavt4PO0gs2a6pQ00=', false],
  ] as const)('a %s value %j is well formed: %s', (algorithm, value, expected) => {
    expect(isWellFormedChecksum(algorithm, value)).toBe(expected);
  });

  it('takes one well-formed checksum header', () => {
    expect(uploadChecksumHeaders(put('x-amz-checksum-crc32', 'NhCmhg=='))).toEqual({ crc32: 'NhCmhg==' });
  });

  it('refuses two checksum headers, and a malformed header or trailer, with InvalidRequest as S3 does', () => {
    expect(() => uploadChecksumHeaders(put('x-amz-checksum-crc32', 'NhCmhg==', 'x-amz-checksum-crc32c', 'AAAAAA=='))).toThrow(expect.objectContaining({ code: 'InvalidRequest' }));
    expect(() => uploadChecksumHeaders(put('x-amz-checksum-sha256', 'x'))).toThrow(expect.objectContaining({ code: 'InvalidRequest', message: 'Value for x-amz-checksum-sha256 header is invalid.' }));
    expect(() => uploadChecksumHeaders(put('x-amz-checksum-crc32', 'a1b2c3d4'))).toThrow(expect.objectContaining({ code: 'InvalidRequest', status: 400 }));
    expect(() => trailerChecksums({ 'x-amz-checksum-crc32c': 'x' })).toThrow(expect.objectContaining({ code: 'InvalidRequest', message: 'Value for x-amz-checksum-crc32c trailing header is invalid.' }));
  });

  it('takes the checksum trailers x-amz-trailer announces, in any case', () => {
    expect(announcedTrailers(put('x-amz-trailer', 'X-Amz-Checksum-CRC64NVME'))).toEqual(['x-amz-checksum-crc64nvme']);
  });

  it.each(['x-amz-checksum-md5', 'x-amz-checksum-sha512', 'x-foo', 'x-amz-checksum-crc32, content-md5'])(
    'refuses x-amz-trailer: %s before the body, with InvalidRequest in S3\'s words',
    (trailer) => {
      expect(() => announcedTrailers(put('x-amz-trailer', trailer))).toThrow(
        expect.objectContaining({ code: 'InvalidRequest', status: 400, message: 'The value specified in the x-amz-trailer header is not supported' }),
      );
    },
  );

  it('accepts x-amz-sdk-checksum-algorithm backed by a header or an announced trailer, in any case', () => {
    expect(sdkChecksumAlgorithm(put('x-amz-sdk-checksum-algorithm', 'CRC32', 'x-amz-checksum-crc32', 'NhCmhg=='), [])).toBe('crc32');
    expect(sdkChecksumAlgorithm(put('x-amz-sdk-checksum-algorithm', 'crc64nvme'), ['x-amz-checksum-crc64nvme'])).toBe('crc64nvme');
    expect(() => sdkChecksumAlgorithm(put('x-amz-sdk-checksum-algorithm', 'CRC32'), [])).toThrow(expect.objectContaining({ code: 'InvalidRequest' }));
  });

  it('refuses an x-amz-sdk-checksum-algorithm that is not the algorithm of the checksum header or trailer sent, as S3 does', () => {
    const mismatch = expect.objectContaining({ code: 'InvalidRequest', message: 'Value for x-amz-sdk-checksum-algorithm header is invalid.' });
    expect(() => sdkChecksumAlgorithm(put('x-amz-sdk-checksum-algorithm', 'CRC32', 'x-amz-checksum-crc32c', 'm0cB1Q=='), [])).toThrow(mismatch);
    expect(() => sdkChecksumAlgorithm(put('x-amz-sdk-checksum-algorithm', 'CRC32'), ['x-amz-checksum-sha256'])).toThrow(mismatch);
  });
});
