/**
 * What can go wrong in the image API, as typed errors. The HTTP adapter maps each class to its
 * status in one table (src/handlers/image-api/problems.ts); the domain never speaks HTTP.
 */
export abstract class ImageApiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * Why a bearer token was refused, for the caller to act on: each has its own problem type
 * (openapi/image-api.yaml, "Unauthorized"). `invalid` covers the rest: missing, malformed, a
 * signature that does not match, a claim missing or of the wrong shape.
 */
export type TokenRefusal = 'invalid' | 'expired' | 'wrong-issuer' | 'wrong-audience' | 'unknown-key' | 'unsupported-algorithm' | 'sender-constrained';

/** The bearer token is missing, malformed, expired, not for this API or signed with a key it does not trust. */
export class InvalidTokenError extends ImageApiError {
  constructor(readonly reason: string, readonly refusal: TokenRefusal = 'invalid') {
    super(reason);
  }
}

/**
 * The request carries no bearer token at all (no Authorization header, or another scheme): RFC
 * 6750 §3.1 answers it with a bare challenge, no error code, as the client may not have known a
 * token was needed.
 */
export class MissingTokenError extends InvalidTokenError {
  constructor() {
    super('missing "Authorization: Bearer <token>" header');
  }
}

/** The token issuer's discovery document or JWKS cannot be fetched, so its tokens cannot be verified now. */
export class TokenIssuerUnavailableError extends ImageApiError {
  constructor(readonly issuer: string, reason: string) {
    super(`cannot verify tokens of ${issuer} now: ${reason}`);
  }
}

/** A form field has a value the API cannot use; `field` names it (e.g. `metadata`). */
export class InvalidUploadFieldError extends ImageApiError {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

/**
 * A form gives a field the upload takes (`file`, `bucket`, `metadata`) more than once: it takes one
 * value of each, and a second one is refused rather than left to win.
 */
export class RepeatedUploadFieldError extends InvalidUploadFieldError {
  constructor(field: string) {
    super(field, 'is given more than once; give it once');
  }
}

/** The file's first bytes are not those of a JPEG, PNG, WebP or GIF. */
export class UnsupportedImageTypeError extends ImageApiError {
  constructor() {
    super('the file is not a JPEG, PNG, WebP or GIF image (checked by its first bytes)');
  }
}

/** The file is larger than MAX_UPLOAD_BYTES. */
export class UploadTooLargeError extends ImageApiError {
  constructor(readonly limitBytes: number) {
    super(`the file is larger than the limit of ${limitBytes} bytes`);
  }
}

/** The user has used every upload of the rolling hour. */
export class RateLimitExceededError extends ImageApiError {
  constructor(readonly limit: number, readonly retryAfterSeconds: number) {
    super(`at most ${limit} uploads per hour; retry in ${retryAfterSeconds} s`);
  }
}

/** No job with this id belongs to the caller (another user's job is reported the same way). */
export class JobNotFoundError extends ImageApiError {
  constructor(readonly jobId: string) {
    super(`no job ${jobId}`);
  }
}

/** The job has no result: it is still queued or running, or it failed. */
export class JobNotCompletedError extends ImageApiError {
  constructor(readonly jobId: string, readonly status: string, readonly jobError: string | null) {
    super(status === 'failed' ? `job ${jobId} failed: ${jobError ?? 'unknown error'}` : `job ${jobId} is ${status}, not completed yet`);
  }
}

/** Retrying cannot help a job that met this: it fails at once, with this error's message. */
export abstract class PermanentJobError extends ImageApiError {}

/** The image itself cannot be processed, so retrying cannot help: its job fails at once. */
export abstract class UnprocessableImageError extends PermanentJobError {}

/**
 * S3 refused a request in a way that asking again cannot change: a 4xx answer (a bucket it will
 * not create, credentials it does not take, access it denies) other than throttling or a timeout.
 */
export class StorageRefusedError extends PermanentJobError {
  constructor(readonly operation: string, readonly status: number, readonly code: string, readonly s3Message: string) {
    super(`S3 refused ${operation} with ${status} ${code}: ${s3Message}`);
  }
}

/** The file has an image's magic bytes but cannot be decoded. */
export class UndecodableImageError extends UnprocessableImageError {
  constructor(reason: string) {
    super(`the image cannot be decoded: ${reason}`);
  }
}

/** The image has more pixels than the worker may decode (MAX_INPUT_PIXELS). */
export class TooManyPixelsError extends UnprocessableImageError {
  constructor(readonly width: number, readonly height: number, readonly limit: number) {
    super(`the image is ${width}x${height} = ${width * height} pixels, more than the limit of ${limit} (MAX_INPUT_PIXELS)`);
  }
}
