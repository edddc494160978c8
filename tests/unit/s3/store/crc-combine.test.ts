/** combinedCrc against the AWS SDK's own CRCs of the whole: a multipart object's FULL_OBJECT checksum. */
import { Crc32, Crc32c, Crc64Nvme } from '@aws-sdk/checksums/crc';
import fc from 'fast-check';
import { combinedCrc, type CrcAlgorithm } from '../../../../src/s3/store/crc-combine';

const SDK_CRCS: Record<CrcAlgorithm, () => { update(data: Uint8Array): void; digest(): Promise<Uint8Array> }> = {
  crc32: () => new Crc32(),
  crc32c: () => new Crc32c(),
  crc64nvme: () => new Crc64Nvme(),
};

async function sdkChecksum(algorithm: CrcAlgorithm, ...pieces: Uint8Array[]): Promise<string> {
  const crc = SDK_CRCS[algorithm]();
  for (const piece of pieces) crc.update(piece);
  return Buffer.from(await crc.digest()).toString('base64');
}

async function partsOf(algorithm: CrcAlgorithm, pieces: Uint8Array[]) {
  return Promise.all(pieces.map(async (piece) => ({ checksum: await sdkChecksum(algorithm, piece), size: piece.length })));
}

describe.each(Object.keys(SDK_CRCS) as CrcAlgorithm[])('combinedCrc(%s)', (algorithm) => {
  it('equals the checksum of the pieces read one after the other, however they are cut', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 3000 }), { minLength: 1, maxLength: 8 }), async (pieces) => {
        expect(combinedCrc(algorithm, await partsOf(algorithm, pieces))).toBe(await sdkChecksum(algorithm, ...pieces));
      }),
      { numRuns: 100 },
    );
  });

  it('shifts by the sizes of big parts, and by one size for many parts of that size', async () => {
    const part = Buffer.alloc(5 * 1024 * 1024);
    for (let i = 0; i < part.length; i += 1) part[i] = (i * 7919) % 251;
    const last = Buffer.from('the last, short part');
    const pieces = [part, part, part, last];
    expect(combinedCrc(algorithm, await partsOf(algorithm, pieces))).toBe(await sdkChecksum(algorithm, ...pieces));
  });

  it('is the one part\'s own checksum for a single part, and the empty one\'s for no bytes', async () => {
    const only = Buffer.from('only part');
    expect(combinedCrc(algorithm, await partsOf(algorithm, [only]))).toBe(await sdkChecksum(algorithm, only));
    expect(combinedCrc(algorithm, await partsOf(algorithm, [Buffer.alloc(0)]))).toBe(await sdkChecksum(algorithm));
  });
});
