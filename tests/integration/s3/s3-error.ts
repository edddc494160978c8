import { S3ServiceException } from '@aws-sdk/client-s3';

/** The S3 error a client call fails with; fails the test if the call succeeds or fails otherwise. */
export async function s3ErrorOf(promise: Promise<unknown>): Promise<S3ServiceException> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof S3ServiceException)) throw new Error(`expected an S3 error, got ${String(error)}`);
  return error;
}
