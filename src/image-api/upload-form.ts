import { InvalidUploadFieldError } from './errors';

export interface UploadOptions {
  bucket: string;
  metadata: Record<string, unknown>;
}

// S3 bucket naming rules (lowercase letters, digits, dots, hyphens; 3..63; letter or digit at both ends).
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * The upload's text fields: `bucket` (default: S3_BUCKET) and `metadata`, a JSON object sent as a
 * string. Other fields are ignored, as a client may send its own (e.g. `user_id`, `context`).
 */
export function readUploadOptions(fields: Record<string, string>, defaultBucket: string): UploadOptions {
  const bucket = fields.bucket?.trim() || defaultBucket;
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..')) {
    throw new InvalidUploadFieldError('bucket', `"${bucket}" is not a valid S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)`);
  }
  return { bucket, metadata: parseMetadata(fields.metadata) };
}

function parseMetadata(raw: string | undefined): Record<string, unknown> {
  if (raw === undefined || raw.trim() === '') return {};
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
