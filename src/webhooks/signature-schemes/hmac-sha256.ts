import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 over the concatenation of `parts`, without copying them into one buffer. */
export function hmacSha256(key: Buffer, ...parts: Array<Buffer | string>): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/** Constant-time comparison; a length mismatch is answered without looking at the bytes. */
export function digestsEqual(expected: Buffer, received: Buffer): boolean {
  return expected.length === received.length && timingSafeEqual(expected, received);
}

/**
 * Lowercase only: every provider's library compares the signature it computes with the header
 * as strings (Stripe's constructEvent, @octokit/webhooks-methods' verify, Slack's Bolt), so a
 * sender writing uppercase hex is refused by them, and must be here too.
 */
const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** The digest a hex string encodes, or undefined when it is not 64 lowercase hex characters. */
export function parseHexDigest(hex: string): Buffer | undefined {
  return HEX_SHA256.test(hex) ? Buffer.from(hex, 'hex') : undefined;
}

/**
 * The digest of `bytes` bytes a base64 string encodes, or undefined when it is not written the
 * one way Buffer and the providers' libraries write it: standard alphabet, padded, canonical. The libraries
 * compare strings, so of the four strings that decode to one SHA-256 (the last character before
 * `=` carries two unused bits) they accept only the one they write; Buffer decodes all four.
 */
export function parseBase64Of(base64: string, bytes: number): Buffer | undefined {
  const digest = Buffer.from(base64, 'base64');
  return digest.length === bytes && digest.toString('base64') === base64 ? digest : undefined;
}

/** The digest a base64 string encodes, or undefined when it is not the canonical base64 of 32 bytes. */
export function parseBase64Digest(base64: string): Buffer | undefined {
  return parseBase64Of(base64, 32);
}
