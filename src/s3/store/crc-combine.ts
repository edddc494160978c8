/**
 * The CRC of byte strings laid end to end, from each one's CRC and length, without reading a byte:
 * how a multipart upload's FULL_OBJECT checksum follows from its parts' checksums. It holds for
 * the three CRCs S3 offers, which are reflected and start and finish with all ones. For them
 * crc(A‖B) = crc(A)·x^(8·|B|) + crc(B), polynomials over GF(2) taken modulo the CRC's polynomial.
 * x^(8·|B|) is a product of the powers x^(2^k) for the bits of 8·|B|, which come from squaring
 * x again and again. Values are BigInts, so one routine serves the 32- and 64-bit CRCs.
 */
import type { ChecksumAlgorithm } from './object-store';

export type CrcAlgorithm = Extract<ChecksumAlgorithm, 'crc32' | 'crc32c' | 'crc64nvme'>;

interface ReflectedCrc {
  width: bigint;
  /** The generator polynomial, bit-reversed as a reflected CRC uses it. */
  polynomial: bigint;
}

const CRCS: Record<CrcAlgorithm, ReflectedCrc> = {
  crc32: { width: 32n, polynomial: 0xedb88320n },
  crc32c: { width: 32n, polynomial: 0x82f63b78n },
  crc64nvme: { width: 64n, polynomial: 0x9a6c9329ac4bc9b5n },
};

export const isCrc = (algorithm: ChecksumAlgorithm): algorithm is CrcAlgorithm => algorithm in CRCS;

/** a·b modulo the polynomial, both reflected (the highest bit is x^0); `a` is never zero here. */
function multiply(crc: ReflectedCrc, a: bigint, b: bigint): bigint {
  let bit = 1n << (crc.width - 1n);
  let product = 0n;
  for (;;) {
    if (a & bit) {
      product ^= b;
      if ((a & (bit - 1n)) === 0n) return product;
    }
    bit >>= 1n;
    b = b & 1n ? (b >> 1n) ^ crc.polynomial : b >> 1n;
  }
}

const powersOfXByCrc = new Map<ReflectedCrc, bigint[]>();

/** x^(2^k) for k = 0, 1, ...: enough for lengths far beyond S3's largest object; made once per CRC. */
function powersOfX(crc: ReflectedCrc): bigint[] {
  let powers = powersOfXByCrc.get(crc);
  if (powers) return powers;
  powers = [1n << (crc.width - 2n)];
  while (powers.length < 64) powers.push(multiply(crc, powers[powers.length - 1], powers[powers.length - 1]));
  powersOfXByCrc.set(crc, powers);
  return powers;
}

/** x^(8·bytes), from x^(2^k) for each bit k of 8·bytes. */
function shiftByBytes(crc: ReflectedCrc, powers: bigint[], bytes: number): bigint {
  let product = 1n << (crc.width - 1n);
  let bits = BigInt(bytes) << 3n;
  for (let k = 0; bits > 0n; k += 1, bits >>= 1n) {
    if (bits & 1n) product = multiply(crc, powers[k], product);
  }
  return product;
}

const fromBase64 = (checksum: string): bigint => BigInt(`0x${Buffer.from(checksum, 'base64').toString('hex') || '0'}`);
const toBase64 = (value: bigint, width: bigint): string => Buffer.from(value.toString(16).padStart(Number(width / 4n), '0'), 'hex').toString('base64');

/**
 * The CRC of the parts one after the other, as S3 writes checksums (base64 of the big-endian
 * value). Parts of one size share the work of shifting by that size.
 */
export function combinedCrc(algorithm: CrcAlgorithm, parts: ReadonlyArray<{ checksum: string; size: number }>): string {
  const crc = CRCS[algorithm];
  const powers = powersOfX(crc);
  const shifts = new Map<number, bigint>();
  let combined = 0n;
  parts.forEach(({ checksum, size }, index) => {
    const value = fromBase64(checksum);
    if (index === 0) {
      combined = value;
      return;
    }
    let shift = shifts.get(size);
    if (shift === undefined) shifts.set(size, (shift = shiftByBytes(crc, powers, size)));
    combined = multiply(crc, shift, combined) ^ value;
  });
  return toBase64(combined, crc.width);
}
