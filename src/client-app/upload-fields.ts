import { InvalidFormError } from './errors';

/** S3's bucket naming rules: 3-63 lowercase letters, digits, dots and hyphens, a letter or digit at each end, no `..`. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * `context` travels as `metadata.context`, and the image API refuses metadata over 16384
 * characters: 2048 characters stay within that even if every one is escaped as `\u00XX`.
 */
const MAX_CONTEXT_CHARACTERS = 2048;

/** The upload's `bucket` (BucketName in openapi/client-app.yaml). */
export function checkedBucket(value: unknown): string {
  if (typeof value !== 'string' || !BUCKET_NAME.test(value) || value.includes('..')) {
    throw new InvalidFormError('bucket must be an S3 bucket name: 3-63 lowercase letters, digits, dots or hyphens, a letter or digit at each end', 'bucket');
  }
  return value;
}

/** The upload's free-text `context`; its length is counted in characters (code points), as JSON Schema's maxLength does. */
export function checkedContext(value: string): string {
  if (Array.from(value).length > MAX_CONTEXT_CHARACTERS) {
    throw new InvalidFormError(`context must be at most ${MAX_CONTEXT_CHARACTERS} characters`, 'context');
  }
  return value;
}
