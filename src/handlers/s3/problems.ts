import { HttpProblem } from '../../kit';
import { S3Error } from '../../s3/errors';
import { NoSuchBucket } from '../../s3/store';

/** Problem titles by status, for S3 errors met by the extras (the detail names S3's code). */
const TITLES: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 416: 'Range Not Satisfiable' };

/**
 * The one mapping from S3 domain errors to problems for the mock's JSON extras (S3 operations
 * answer S3 XML, see s3-responses.ts), passed to the kit as `mapError`. The extras call the store
 * and the admin domain (src/s3/admin), whose refusals are S3 errors: each becomes a problem with
 * S3's status for its code and the code in `code` (NoSuchBucket 404, BucketNotEmpty 409...).
 * Refused signatures of the awsSigV4 scheme are turned into problems where they are checked
 * (extras-auth.ts).
 */
export function s3ExtrasProblem(error: unknown): HttpProblem | undefined {
  if (error instanceof NoSuchBucket) return new HttpProblem(404, 'No such bucket', `Bucket "${error.bucket}" does not exist`, { code: error.code });
  if (!(error instanceof S3Error) || error.status >= 500) return undefined;
  return new HttpProblem(error.status, TITLES[error.status] ?? 'Refused', `${error.code}: ${error.message}`, { code: error.code });
}
