/**
 * Computes an object's MD5 (its ETag) and the S3 flexible checksums in one pass over the body (as
 * it streams through, or over a small body read whole), and verifies what the writer announced
 * before the last byte is let through: a mismatch fails the stream, so the write that pipes
 * through it stores nothing. The SHA-256 a request was signed with
 * (x-amz-content-sha256) is checked on the same pass, sharing the hash with a SHA-256 checksum.
 * CRC implementations are the AWS SDK's own (@aws-sdk/checksums, as the SDK computes them),
 * loaded with the first body that is digested rather than when the server starts.
 */
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { S3Error } from '../errors';
import { BadDigest } from './errors';
import type { ChecksumAlgorithm, Checksums, ExpectedDigests } from './object-store';

interface Checksummer {
  update(chunk: Uint8Array): void;
  digest(): Promise<Uint8Array>;
}

function nodeHash(algorithm: 'sha1' | 'sha256'): Checksummer {
  const hash: Hash = createHash(algorithm);
  return { update: (chunk) => hash.update(chunk), digest: async () => hash.digest() };
}

export type CrcModule = typeof import('@aws-sdk/checksums/crc');
let crcModule: Promise<CrcModule> | undefined;
export const loadCrcs = (): Promise<CrcModule> => (crcModule ??= import('@aws-sdk/checksums/crc'));

const checksummers: Record<ChecksumAlgorithm, (crc: CrcModule) => Checksummer> = {
  crc32: (crc) => new crc.Crc32(),
  crc32c: (crc) => new crc.Crc32c(),
  crc64nvme: (crc) => new crc.Crc64Nvme(),
  sha1: () => nodeHash('sha1'),
  sha256: () => nodeHash('sha256'),
};

export interface DigestOptions {
  /** false: no MD5 (the caller's ETag comes from elsewhere). */
  md5?: boolean;
  /** The hex SHA-256 the body must have: XAmzContentSHA256Mismatch otherwise. */
  payloadSha256?: string;
}

export interface Digests {
  size: number;
  /** Left out when the stream was made without it. */
  md5?: Buffer;
  checksums: Checksums;
}

/**
 * One pass of digests over a body given chunk by chunk: `update` each chunk, then `finish`, which
 * verifies what the writer announced and resolves to the digests (or rejects, storing nothing).
 */
export class Digester {
  private readonly md5: Hash | undefined;
  /** Hashes the body for options.payloadSha256 when no SHA-256 checksum does already. */
  private readonly payloadHash: Checksummer | undefined;
  private readonly checksummers: [ChecksumAlgorithm, Checksummer][];
  private size = 0;

  constructor(
    crc: CrcModule,
    algorithms: Iterable<ChecksumAlgorithm>,
    private readonly expect?: ExpectedDigests | (() => ExpectedDigests),
    private readonly options: DigestOptions = {},
  ) {
    this.md5 = options.md5 === false ? undefined : createHash('md5');
    const wanted = new Set(algorithms);
    const known = typeof expect === 'function' ? undefined : expect?.checksums;
    for (const algorithm of Object.keys(known ?? {})) wanted.add(algorithm as ChecksumAlgorithm);
    this.checksummers = [...wanted].map((algorithm) => [algorithm, checksummers[algorithm](crc)]);
    this.payloadHash = options.payloadSha256 !== undefined && !wanted.has('sha256') ? nodeHash('sha256') : undefined;
  }

  update(chunk: Buffer): void {
    this.size += chunk.length;
    this.md5?.update(chunk);
    for (const [, checksummer] of this.checksummers) checksummer.update(chunk);
    this.payloadHash?.update(chunk);
  }

  async finish(): Promise<Digests> {
    const md5 = this.md5?.digest();
    const checksums: Checksums = {};
    for (const [algorithm, checksummer] of this.checksummers) {
      checksums[algorithm] = Buffer.from(await checksummer.digest()).toString('base64');
    }
    const signed = this.options.payloadSha256;
    if (signed !== undefined) {
      const computed = Buffer.from(this.payloadHash ? await this.payloadHash.digest() : Buffer.from(checksums.sha256!, 'base64')).toString('hex');
      if (computed !== signed) throw new S3Error('XAmzContentSHA256Mismatch', undefined, { ClientComputedContentSHA256: signed, S3ComputedContentSHA256: computed });
    }
    // Called only now: aws-chunked trailers carry their checksum after the payload.
    const expected = (typeof this.expect === 'function' ? this.expect() : this.expect) ?? {};
    const computedMd5 = md5?.toString('base64') ?? '';
    if (expected.contentMd5 !== undefined && expected.contentMd5 !== computedMd5) throw new BadDigest('md5', { sent: expected.contentMd5, computed: computedMd5 });
    for (const [algorithm, value] of Object.entries(expected.checksums ?? {})) {
      if (value !== checksums[algorithm as ChecksumAlgorithm]) throw new BadDigest(algorithm as ChecksumAlgorithm);
    }
    return { size: this.size, md5, checksums };
  }
}

/** Checks a body held whole (a small XML document) against what its writer announced: BadDigest when it differs. */
export async function verifyWholeBody(body: Buffer, expected: ExpectedDigests): Promise<void> {
  if (expected.contentMd5 === undefined && Object.keys(expected.checksums ?? {}).length === 0) return;
  const digester = new Digester(await loadCrcs(), [], expected, { md5: expected.contentMd5 !== undefined });
  digester.update(body);
  await digester.finish();
}

/** A Digester as a stream stage: the last byte is let through only once the body verified. */
export class DigestStream extends Transform {
  /** Set once the body has ended and passed verification. */
  digests?: Digests;

  constructor(private readonly digester: Digester) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.digester.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.digester.finish().then((digests) => {
      this.digests = digests;
      callback();
    }, callback);
  }
}

/**
 * S3's composite checksum of a multipart object: the checksum of the concatenated binary part
 * checksums, base64, suffixed with the part count.
 */
export async function compositeChecksum(algorithm: ChecksumAlgorithm, partChecksums: string[]): Promise<string> {
  const checksummer = checksummers[algorithm](await loadCrcs());
  for (const value of partChecksums) checksummer.update(Buffer.from(value, 'base64'));
  return `${Buffer.from(await checksummer.digest()).toString('base64')}-${partChecksums.length}`;
}
