/**
 * Bucket names the S3 mock takes: S3's rules (src/kit/s3-bucket-name.ts), less the top-level
 * names this mock serves itself and so cannot be buckets.
 */
import { s3BucketNameProblem } from '../../kit/s3-bucket-name';

export const RESERVED_BUCKET_NAMES: readonly string[] = ['admin', 'health', 'docs', 'presigned-url', 'openapi.json'];

/** Why `name` cannot be a bucket, or undefined when it can. */
export function bucketNameProblem(name: string): string | undefined {
  return s3BucketNameProblem(name) ?? (RESERVED_BUCKET_NAMES.includes(name) ? 'is reserved by this mock for its own endpoints' : undefined);
}
