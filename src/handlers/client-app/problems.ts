import { HttpProblem, repeatedFieldProblem } from '../../kit';
import { AuthProviderUnreachableError, FileTooLargeError, ImageApiUnreachableError, InvalidFormError, RepeatedFieldError, StressTestsBusyError, UnknownJobError } from '../../client-app/errors';

/** A stress test runs for seconds, and when the running ones end is not known: ask again after a few. */
const STRESS_TEST_RETRY_AFTER_S = 5;

/** The client app's one mapping from its domain errors to problem+json answers, passed to the kit as `mapError`. */
export function clientAppProblem(error: unknown): HttpProblem | undefined {
  // worded as the kit words the same field repeated in an urlencoded form
  if (error instanceof RepeatedFieldError) return repeatedFieldProblem(error.field);
  if (error instanceof InvalidFormError) {
    return new HttpProblem(400, 'Invalid form', error.message, { errors: [{ field: error.field, message: error.message }] });
  }
  if (error instanceof FileTooLargeError) {
    return new HttpProblem(413, 'Payload Too Large', error.message, { limit_bytes: error.limitBytes });
  }
  if (error instanceof StressTestsBusyError) {
    return new HttpProblem(429, 'Too Many Stress Tests', error.message, { max_runs: error.maxRuns }, { 'Retry-After': String(STRESS_TEST_RETRY_AFTER_S) });
  }
  if (error instanceof UnknownJobError) {
    return new HttpProblem(404, 'Unknown job', `${error.message}, so the app cannot tell whose token to use`, { job_id: error.jobId });
  }
  if (error instanceof AuthProviderUnreachableError) {
    return new HttpProblem(502, 'Auth Provider Unreachable', error.message, { issuer: error.issuer });
  }
  if (error instanceof ImageApiUnreachableError) {
    return new HttpProblem(502, 'Image API Unreachable', error.message, { image_api_url: error.url });
  }
  return undefined;
}
