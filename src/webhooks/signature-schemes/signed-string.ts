import { digestsEqual, hmacSha256 } from './hmac-sha256';
import type { SignatureScheme, SignedPart, SignedReading, SignedShape, SignedTimestamp, SignatureStatus } from './types';

/**
 * Epoch seconds as Stripe's and the Standard Webhooks libraries write them. They read the header
 * as a number and sign `${number}`, so `t=0123` is checked as `123.{body}`: a timestamp with a
 * leading zero never verifies there, whatever was signed.
 */
export const EPOCH_SECONDS = /^(?:0|[1-9]\d*)$/;

/** What follows a part of the signed string: a dot unless the scheme says otherwise (Slack's `:`). */
const joinerOf = (part: SignedPart) => part.joiner ?? '.';

/** The HMAC-SHA256 of `prefix.body`, the construction most schemes here share. */
export function signedDigest(key: Buffer, prefix: SignedPart[], body: Buffer): Buffer {
  return hmacSha256(key, ...prefix.map((part) => `${part.value}${joinerOf(part)}`), body);
}

/** What the signed string looks like, without its content. */
export function shapeOf(prefix: SignedPart[], body: Buffer): SignedShape {
  const parts = [...prefix.map((part) => ({ name: part.name, bytes: Buffer.byteLength(part.value) })), { name: 'body', bytes: body.length }];
  return {
    template: `${prefix.map((part) => `{${part.name}}${joinerOf(part)}`).join('')}{body}`,
    parts,
    bytes: prefix.reduce((sum, part) => sum + Buffer.byteLength(joinerOf(part)), 0) + parts.reduce((sum, part) => sum + part.bytes, 0),
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
export function judge(scheme: SignatureScheme, reading: SignedReading, body: Buffer, secret: string, now: number): { status: SignatureStatus; reason: string } {
  if (reading.digests.length === 0) return { status: 'invalid', reason: reading.malformed };
  const late = reading.timestamp && timestampProblem(reading.timestamp, now);
  if (late) return { status: 'invalid', reason: late };
  const key = scheme.key(secret);
  const signable = [reading.prefix, ...(reading.alsoSigned ?? [])];
  if (!signable.some((prefix) => carries(reading.digests, scheme.digest(key, prefix, body)))) return { status: 'invalid', reason: reading.differs };
  return { status: 'valid', reason: reading.matches };
}
