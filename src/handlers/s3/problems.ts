import { HttpProblem } from '../../kit';
import { S3Error } from '../../s3/errors';
import { NoSuchBucket } from '../../s3/store';

/**
 * The one mapping from S3 domain errors to problems for the mock's JSON extras (S3 operations
 * answer S3 XML, see s3-responses.ts), passed to the kit as `mapError`. The extras read the store,
 * whose one refusal they meet is NoSuchBucket, and otherwise meet S3 errors only from the S3
 * authenticator of their `awsSigV4` scheme: a refused signature, a 403 naming S3's error code.
 */
export function s3ExtrasProblem(error: unknown): HttpProblem | undefined {
  if (error instanceof NoSuchBucket) return new HttpProblem(404, 'No such bucket', `Bucket "${error.bucket}" does not exist`);
  if (error instanceof S3Error) return new HttpProblem(403, 'Forbidden', `${error.code}: ${error.message}`, { code: error.code });
  return undefined;
}
