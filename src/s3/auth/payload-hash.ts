/**
 * The values `x-amz-content-sha256` may take, and what each means for the body.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
 */
import { S3Error } from '../errors';

export type PayloadMode =
  | { kind: 'hash'; sha256: string } // the whole body's SHA-256, checked while streaming
  | { kind: 'unsigned' } // UNSIGNED-PAYLOAD: plain body, not checked
  | { kind: 'aws-chunked'; signed: boolean; trailer: boolean };

const STREAMING_MODES: Record<string, PayloadMode> = {
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD': { kind: 'aws-chunked', signed: true, trailer: false },
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER': { kind: 'aws-chunked', signed: true, trailer: true },
  'STREAMING-UNSIGNED-PAYLOAD-TRAILER': { kind: 'aws-chunked', signed: false, trailer: true },
};
const ECDSA_MODES = new Set(['STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD', 'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER']);

/**
 * Classifies a payload hash header value; an unknown value is S3's InvalidArgument, in its words,
 * which list the ECDSA (SigV4a) modes too (as its answer quoted in versity/versitygw#1352 reads).
 */
export function payloadModeOf(value: string | undefined): PayloadMode {
  if (value === undefined || value === 'UNSIGNED-PAYLOAD') return { kind: 'unsigned' };
  if (/^[0-9a-fA-F]{64}$/.test(value)) return { kind: 'hash', sha256: value.toLowerCase() };
  const streaming = STREAMING_MODES[value];
  if (streaming) return streaming;
  if (ECDSA_MODES.has(value)) throw new S3Error('NotImplemented', 'SigV4a (ECDSA) streaming signatures are not supported');
  throw new S3Error('InvalidArgument', 'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.', {
    ArgumentName: 'x-amz-content-sha256',
    ArgumentValue: value,
  });
}

export function assertKnownPayloadHash(value: string): void {
  payloadModeOf(value);
}
