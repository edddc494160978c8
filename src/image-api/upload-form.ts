import { jsonNestsDeeperThan } from '../kit/json-depth';
import { jsonSyntaxError } from '../kit/json-syntax';
import { s3BucketNameProblem } from '../kit/s3-bucket-name';
import { InvalidUploadFieldError } from './errors';

export interface UploadOptions {
  bucket: string;
  metadata: Record<string, unknown>;
}

/**
 * The `metadata` field's limits (UploadForm in openapi/image-api.yaml). The document is stored
 * with the job and sent back in every result and webhook, so it stays small; and every layer that
 * serialises it recurses once per level, so a document nested thousands deep would overflow the
 * stack there.
 */
const METADATA_LIMITS = { characters: 16384, depth: 8 };

/** The text fields the upload takes, one value each (UploadForm in openapi/image-api.yaml). */
export const UPLOAD_TEXT_FIELDS: ReadonlySet<string> = new Set(['bucket', 'metadata']);

/**
 * The upload's text fields: `bucket` (default: S3_BUCKET) and `metadata`, a JSON object sent as a
 * string. Other fields are ignored, as a client may send its own (e.g. `user_id`, `context`).
 */
export function readUploadOptions(fields: Record<string, string>, defaultBucket: string): UploadOptions {
  const bucket = fields.bucket?.trim() || defaultBucket;
  // Refused here rather than by S3 later (InvalidBucketName), after the job has spent every attempt on it.
  const problem = s3BucketNameProblem(bucket);
  if (problem) throw new InvalidUploadFieldError('bucket', `"${bucket}" is not a valid S3 bucket name: it ${problem}`);
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
  } catch {
    // V8's message quotes the text, which may hold a secret (README, "Security model").
    throw new InvalidUploadFieldError('metadata', `is not valid JSON (${jsonSyntaxError(raw)}); send a JSON object, e.g. {"context":"demo"}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidUploadFieldError('metadata', 'must be a JSON object, e.g. {"context":"demo"}');
  }
  return value as Record<string, unknown>;
}
