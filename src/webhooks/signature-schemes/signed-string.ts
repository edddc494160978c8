import { digestsEqual, hmacSha256 } from './hmac-sha256';
import type { SignedPart, SignedReading, SignedShape, SignedTimestamp, SignatureStatus } from './types';

/** The HMAC-SHA256 of `prefix.body`, the construction every scheme here shares. */
export function signedDigest(key: Buffer, prefix: SignedPart[], body: Buffer): Buffer {
  return hmacSha256(key, ...prefix.map((part) => `${part.value}.`), body);
}

/** What the signed string looks like, without its content. */
export function shapeOf(prefix: SignedPart[], body: Buffer): SignedShape {
  const parts = [...prefix.map((part) => ({ name: part.name, bytes: Buffer.byteLength(part.value) })), { name: 'body', bytes: body.length }];
  return {
    template: parts.map((part) => `{${part.name}}`).join('.'),
    parts,
    bytes: parts.reduce((sum, part) => sum + part.bytes, parts.length - 1),
  };
}

export function carries(digests: Buffer[], digest: Buffer): boolean {
  return digests.some((candidate) => digestsEqual(digest, candidate));
}

/** Why the timestamp is refused, or undefined when it is within the tolerance. */
export function timestampProblem(timestamp: SignedTimestamp, now: number): string | undefined {
  const ageS = Math.floor(now / 1000) - timestamp.seconds;
  if (ageS > timestamp.toleranceS) return `${timestamp.label} is ${ageS} s old, outside the ${timestamp.toleranceS} s tolerance`;
  if (timestamp.refusesFuture && -ageS > timestamp.toleranceS) return `${timestamp.label} is ${-ageS} s in the future, outside the ${timestamp.toleranceS} s tolerance`;
  return undefined;
}

/** The verdict on a signature header the scheme could read: notation, then timestamp, then the digest. */
export function judge(reading: SignedReading, body: Buffer, key: Buffer, now: number): { status: SignatureStatus; reason: string } {
  if (reading.digests.length === 0) return { status: 'invalid', reason: reading.malformed };
  const late = reading.timestamp && timestampProblem(reading.timestamp, now);
  if (late) return { status: 'invalid', reason: late };
  if (!carries(reading.digests, signedDigest(key, reading.prefix, body))) return { status: 'invalid', reason: reading.differs };
  return { status: 'valid', reason: reading.matches };
}
