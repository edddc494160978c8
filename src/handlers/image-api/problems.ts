import { HttpProblem, oauthErrorDescription, repeatedFieldProblem } from '../../kit';
import {
  InvalidTokenError,
  InvalidUploadFieldError,
  JobNotCompletedError,
  JobNotFoundError,
  MissingTokenError,
  RateLimitExceededError,
  RepeatedUploadFieldError,
  TokenIssuerUnavailableError,
  type TokenRefusal,
  UnsupportedImageTypeError,
  UploadTooLargeError,
} from '../../image-api/errors';

const ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

/** Each refusal's title, hence its problem type (https://standin.dev/problems/<slug of the title>). */
const TOKEN_REFUSAL_TITLES: Record<TokenRefusal, string> = {
  'invalid': 'Unauthorized',
  'expired': 'Token Expired',
  'wrong-issuer': 'Wrong Token Issuer',
  'wrong-audience': 'Wrong Token Audience',
  'unknown-key': 'Unknown Token Key',
  'unsupported-algorithm': 'Unsupported Token Algorithm',
  'sender-constrained': 'Sender-Constrained Token',
};
const ISSUER_RETRY_AFTER_S = 5;

/**
 * The image API's one mapping from its domain errors to HTTP problems (RFC 9457), passed to the
 * kit as `mapError`; for anything else it has no answer and the kit answers 500.
 */
export function imageApiProblem(error: unknown): HttpProblem | undefined {
  if (error instanceof InvalidTokenError) {
    // RFC 6750 §3.1: a request without credentials gets the scheme and realm alone, no error code.
    // The reason quotes the token (its `alg`, `iss`); the problem's `detail` keeps it as it was.
    const challenge = error instanceof MissingTokenError ? 'Bearer realm="image-api"'
      : `Bearer realm="image-api", error="invalid_token", error_description="${oauthErrorDescription(error.reason)}"`;
    return new HttpProblem(401, TOKEN_REFUSAL_TITLES[error.refusal], error.reason, {}, { 'WWW-Authenticate': challenge });
  }
  if (error instanceof TokenIssuerUnavailableError) {
    return new HttpProblem(503, 'Token Issuer Unavailable', error.message, { issuer: error.issuer }, { 'Retry-After': String(ISSUER_RETRY_AFTER_S) });
  }
  // worded as the kit words a field an urlencoded form repeats, as the client app's forms are
  if (error instanceof RepeatedUploadFieldError) return repeatedFieldProblem(error.field);
  if (error instanceof InvalidUploadFieldError) {
    return new HttpProblem(400, 'Invalid upload', `${error.field}: ${error.message}`, { errors: [{ field: error.field, message: error.message }] });
  }
  if (error instanceof UnsupportedImageTypeError) {
    return new HttpProblem(415, 'Unsupported Media Type', error.message, { accepted: ACCEPTED_TYPES });
  }
  if (error instanceof UploadTooLargeError) {
    return new HttpProblem(413, 'Payload Too Large', error.message, { limit_bytes: error.limitBytes });
  }
  if (error instanceof RateLimitExceededError) {
    return new HttpProblem(429, 'Too Many Requests', error.message, { retry_after_s: error.retryAfterSeconds }, { 'Retry-After': String(error.retryAfterSeconds) });
  }
  if (error instanceof JobNotFoundError) return new HttpProblem(404, 'Not Found', error.message);
  if (error instanceof JobNotCompletedError) {
    return new HttpProblem(409, 'Job not completed', error.message, { job_status: error.status, ...(error.jobError ? { job_error: error.jobError } : {}) });
  }
  return undefined;
}
