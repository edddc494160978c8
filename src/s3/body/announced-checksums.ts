/**
 * The flexible checksums a writer announces for an upload body, checked as S3 checks them before
 * it compares any bytes: one x-amz-checksum-* header (or trailer) at most, each value the base64
 * of a digest of its algorithm's size, and an x-amz-sdk-checksum-algorithm backed by a header or
 * a trailer. A value that cannot be a digest of its algorithm is InvalidRequest at once (the
 * answers localstack recorded from S3 for a header, and S3's quoted in versity/versitygw#1652 for
 * a trailer); a well-formed one that does not match the body is a BadDigest later, in the store.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 */
import { S3Error } from '../errors';
import { header, headerValues, type S3HttpRequest } from '../http-request';
import { CHECKSUM_ALGORITHMS, type ChecksumAlgorithm, type Checksums } from '../store/object-store';

const DIGEST_BYTES: Record<ChecksumAlgorithm, number> = { crc32: 4, crc32c: 4, crc64nvme: 8, sha1: 20, sha256: 32 };
const CHECKSUM_PREFIX = 'x-amz-checksum-';

const UNSUPPORTED_ALGORITHM_MESSAGE =
  'Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]';

export function isChecksumAlgorithm(name: string): name is ChecksumAlgorithm {
  return (CHECKSUM_ALGORITHMS as readonly string[]).includes(name);
}

/** The base64 of exactly one digest of the algorithm (canonical padding). */
export function isWellFormedChecksum(algorithm: ChecksumAlgorithm, value: string): boolean {
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === DIGEST_BYTES[algorithm] && bytes.toString('base64') === value;
}

/**
 * The trailing headers x-amz-trailer announces, lower-case (every instance of the header counts).
 * S3 takes only a checksum of an algorithm it knows there, and refuses any other name before it
 * reads the body (the answer localstack and versitygw give as S3's).
 */
export function announcedTrailers(request: Pick<S3HttpRequest, 'rawHeaders'>): string[] {
  const names = headerValues(request, 'x-amz-trailer').flatMap((list) => list.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean));
  if (names.some((name) => !name.startsWith(CHECKSUM_PREFIX) || !isChecksumAlgorithm(name.slice(CHECKSUM_PREFIX.length)))) {
    throw new S3Error('InvalidRequest', 'The value specified in the x-amz-trailer header is not supported');
  }
  return names;
}

/** x-amz-checksum-algorithm (CreateMultipartUpload, CopyObject): the algorithm the new object gets. */
export function checksumAlgorithmHeader(request: S3HttpRequest): ChecksumAlgorithm | undefined {
  const value = header(request, 'x-amz-checksum-algorithm')?.trim().toLowerCase();
  if (value === undefined) return undefined;
  if (!isChecksumAlgorithm(value)) throw new S3Error('InvalidRequest', UNSUPPORTED_ALGORITHM_MESSAGE);
  return value;
}

/** x-amz-checksum-* headers as sent, unchecked (CompleteMultipartUpload allows a `-N` suffix). */
export function headerChecksums(request: Pick<S3HttpRequest, 'rawHeaders'>): Checksums {
  const checksums: Checksums = {};
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    const value = header(request, `${CHECKSUM_PREFIX}${algorithm}`);
    if (value !== undefined) checksums[algorithm] = value.trim();
  }
  return checksums;
}

function checkedChecksums(entries: Array<[ChecksumAlgorithm, string]>, kind: 'header' | 'trailing header'): Checksums {
  if (entries.length > 1) throw new S3Error('InvalidRequest', 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  for (const [algorithm, value] of entries) {
    if (!isWellFormedChecksum(algorithm, value)) throw new S3Error('InvalidRequest', `Value for ${CHECKSUM_PREFIX}${algorithm} ${kind} is invalid.`);
  }
  return Object.fromEntries(entries);
}

/** The checksum header of an object or part upload: one at most, well formed. */
export function uploadChecksumHeaders(request: S3HttpRequest): Checksums {
  return checkedChecksums(Object.entries(headerChecksums(request)) as Array<[ChecksumAlgorithm, string]>, 'header');
}

/** Checksums from aws-chunked trailers (lower-case names): one at most, well formed. */
export function trailerChecksums(trailers: Record<string, string>): Checksums {
  const entries = Object.entries(trailers)
    .filter(([name]) => name.startsWith(CHECKSUM_PREFIX) && isChecksumAlgorithm(name.slice(CHECKSUM_PREFIX.length)))
    .map(([name, value]) => [name.slice(CHECKSUM_PREFIX.length), value] as [ChecksumAlgorithm, string]);
  return checkedChecksums(entries, 'trailing header');
}

/**
 * x-amz-sdk-checksum-algorithm names the algorithm of the checksum header or trailer the SDK
 * sends with it; S3 refuses it alone, an algorithm it does not know, and one that is not the
 * algorithm of the checksum header or trailer sent (CRC32 with x-amz-checksum-crc32c).
 */
export function sdkChecksumAlgorithm(request: S3HttpRequest, trailerNames: readonly string[]): ChecksumAlgorithm | undefined {
  const value = header(request, 'x-amz-sdk-checksum-algorithm');
  if (value === undefined) return undefined;
  const algorithm = value.trim().toLowerCase();
  if (!isChecksumAlgorithm(algorithm)) throw new S3Error('InvalidRequest', UNSUPPORTED_ALGORITHM_MESSAGE);
  const sent = [...Object.keys(headerChecksums(request)), ...trailerNames.filter((name) => name.startsWith(CHECKSUM_PREFIX)).map((name) => name.slice(CHECKSUM_PREFIX.length))];
  if (sent.length === 0) {
    throw new S3Error('InvalidRequest', 'x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.');
  }
  if (!sent.includes(algorithm)) throw new S3Error('InvalidRequest', 'Value for x-amz-sdk-checksum-algorithm header is invalid.');
  return algorithm;
}
