/**
 * What can go wrong in the client app's own domain. The HTTP adapter turns each into a
 * problem+json answer in one place (src/handlers/client-app/problems.ts); answers
 * from the image API itself are not errors here, they are passed through as they came.
 */
export abstract class ClientAppError extends Error {
  override readonly name = this.constructor.name;
}

/** A form (upload or stress test) is missing a field or carries a bad value. */
export class InvalidFormError extends ClientAppError {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/**
 * A form names a field twice: every field of the app's forms takes one value, and a second one
 * is refused rather than left to win (as the urlencoded form's spec check refuses it).
 */
export class RepeatedFieldError extends InvalidFormError {
  constructor(field: string) {
    super(`${field} is given more than once; give it once`, field);
  }
}

/**
 * A form sent its file before its user_id and the file outgrew MAX_UPLOAD_BYTES while the app
 * held it on disk, waiting to learn whose token to send it with.
 */
export class FileTooLargeError extends ClientAppError {
  constructor(readonly limitBytes: number) {
    super(`the file is larger than the limit of ${limitBytes} bytes (MAX_UPLOAD_BYTES)`);
  }
}

/** As many stress tests as STRESS_TEST_MAX_RUNS allows are running; another would only add to their load. */
export class StressTestsBusyError extends ClientAppError {
  constructor(readonly maxRuns: number) {
    super(`${maxRuns} stress test${maxRuns === 1 ? ' is' : 's are'} running, as many as STRESS_TEST_MAX_RUNS allows at once; start this one when one has finished`);
  }
}

/** The job id is not in this app's history, so the app does not know whose token to use. */
export class UnknownJobError extends ClientAppError {
  constructor(readonly jobId: string) {
    super(`job ${jobId} was not uploaded through this client app`);
  }
}

/** The image API could not be reached or answered something that is not HTTP we understand. */
export class ImageApiUnreachableError extends ClientAppError {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`image API at ${url} is unreachable: ${reason}`);
  }
}

/** The auth provider's discovery document cannot be fetched (AUTH_ISSUER), so nobody can sign in now. */
export class AuthProviderUnreachableError extends ClientAppError {
  constructor(
    readonly issuer: string,
    readonly reason: string,
  ) {
    super(`the auth provider at ${issuer} does not answer (${reason}); start it (npm start, or npx standin start auth) or point AUTH_ISSUER at a running issuer`);
  }
}

