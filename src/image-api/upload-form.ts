import { jsonNestsDeeperThan } from '../kit/json-depth';
import { InvalidUploadFieldError } from './errors';

export interface UploadOptions {
  bucket: string;
  metadata: Record<string, unknown>;
}

// S3 bucket naming rules (lowercase letters, digits, dots, hyphens; 3..63; letter or digit at both ends).
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
// Names of that shape S3 still refuses to create (InvalidBucketName), so the job could never store
// its image: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
const IP_ADDRESS = /^\d{1,3}(\.\d{1,3}){3}$/;
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/**
 * The `metadata` field's limits (UploadForm in openapi/image-api.yaml). The document is stored
 * with the job and sent back in every result and webhook, so it stays small; and every layer that
 * serialises it recurses once per level, so a document nested thousands deep would overflow the
 * stack there.
 */
const METADATA_LIMITS = { characters: 16384, depth: 8 };

/**
 * The upload's text fields: `bucket` (default: S3_BUCKET) and `metadata`, a JSON object sent as a
 * string. Other fields are ignored, as a client may send its own (e.g. `user_id`, `context`).
 */
export function readUploadOptions(fields: Record<string, string>, defaultBucket: string): UploadOptions {
  const bucket = fields.bucket?.trim() || defaultBucket;
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..')) {
    throw new InvalidUploadFieldError('bucket', `"${bucket}" is not a valid S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)`);
  }
  // Refused here rather than by S3 later, after the job has spent every attempt on it.
  if (IP_ADDRESS.test(bucket)) throw new InvalidUploadFieldError('bucket', `"${bucket}" is not a valid S3 bucket name (formatted as an IP address)`);
  const reserved = RESERVED_PREFIXES.find((prefix) => bucket.startsWith(prefix)) ?? RESERVED_SUFFIXES.find((suffix) => bucket.endsWith(suffix));
  if (reserved) throw new InvalidUploadFieldError('bucket', `"${bucket}" is not a valid S3 bucket name ("${reserved}" is reserved by S3)`);
  return { bucket, metadata: parseMetadata(fields.metadata) };
}

function parseMetadata(raw: string | undefined): Record<string, unknown> {
  if (raw === undefined || raw.trim() === '') return {};
  // maxLength counts characters (code points), as JSON Schema does
  if (Array.from(raw).length > METADATA_LIMITS.characters) {
    throw new InvalidUploadFieldError('metadata', `is longer than ${METADATA_LIMITS.characters} characters`);
  }
  // measured on the text, so a deep document is refused before anything walks it
  if (jsonNestsDeeperThan(raw, METADATA_LIMITS.depth)) {
    throw new InvalidUploadFieldError('metadata', `nests objects and arrays more than ${METADATA_LIMITS.depth} levels deep`);
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new InvalidUploadFieldError('metadata', `is not valid JSON (${(error as Error).message}); send a JSON object, e.g. {"context":"demo"}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidUploadFieldError('metadata', 'must be a JSON object, e.g. {"context":"demo"}');
  }
  return value as Record<string, unknown>;
}
