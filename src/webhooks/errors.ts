import type { SignatureVerdict } from './signature-schemes';

/**
 * What can go wrong in the webhook receiver, as typed errors. The HTTP adapter maps each class
 * to its status in one table (src/handlers/webhooks/problems.ts); the domain never speaks HTTP.
 */
export abstract class WebhookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The delivery's signature is wrong, unusable, or required and absent; it was recorded as rejected. */
export class DeliveryRejectedError extends WebhookError {
  constructor(readonly eventId: string, readonly verdict: SignatureVerdict) {
    super(verdict.reason);
  }
}

/** The delivery body is larger than WEBHOOK_MAX_BODY. */
export class BodyTooLargeError extends WebhookError {
  constructor(readonly limitBytes: number) {
    super(`the body is larger than the limit of ${limitBytes} bytes (WEBHOOK_MAX_BODY)`);
  }
}

export class EventNotFoundError extends WebhookError {
  constructor(readonly eventId: string) {
    super(`no event ${eventId}`);
  }
}

/** The replay target is not an absolute http(s) URL. */
export class InvalidReplayTargetError extends WebhookError {}

/** The replay target's host is neither loopback nor listed in WEBHOOK_REPLAY_ALLOW. */
export class ReplayTargetNotAllowedError extends WebhookError {
  constructor(readonly host: string) {
    super(`replays go only to loopback hosts and those in WEBHOOK_REPLAY_ALLOW; ${host} is neither`);
  }
}

/** A signed replay of an event no holder of the secret signed (unverified, or verified with another secret). */
export class ReplayNotSignableError extends WebhookError {
  constructor(readonly eventId: string, why: string) {
    super(`${why}: only an event verified with the secret a replay would be signed with is re-signed; replay it with include_signature=false`);
  }
}

/** The replay target could not be reached, or did not answer in time; the attempt was recorded. */
export class ReplayFailedError extends WebhookError {
  constructor(readonly replayId: string, readonly timedOut: boolean, message: string) {
    super(message);
  }
}

/** A name that cannot be a client id (too long, control characters, reserved); see client-id.ts. */
export class InvalidClientIdError extends WebhookError {}

/** A client setting has a value the receiver cannot use (an out-of-range status, a rate above 1). */
export class InvalidClientSettingsError extends WebhookError {}

/**
 * A client's stored settings that the receiver now refuses (see ClientSettingsStore): never used,
 * so every operation that needs them fails, saying how to replace them.
 */
export class UnusableStoredSettingsError extends WebhookError {
  constructor(readonly clientId: string, problem: string) {
    super(`the stored settings of client ${clientId} cannot be used (${problem}); they were stored before the receiver refused this: PUT new settings (a new secret, or secret null for WEBHOOK_SECRET) or DELETE them`);
  }
}

/** A list cursor that this receiver did not hand out. */
export class InvalidCursorError extends WebhookError {
  constructor() {
    super('cursor is not one returned as next_cursor by this receiver');
  }
}

/** No test-event template has this name. */
export class UnknownTemplateError extends WebhookError {
  constructor(readonly template: string, known: string[]) {
    super(`no template named "${template}"; the templates are ${known.join(', ')}`);
  }
}

/**
 * A request to sign a body the caller chose with a secret the caller was not given: signing it
 * with WEBHOOK_SECRET (which the image API signs with too) would make the receiver a signing
 * oracle. A client's own secret was given to the receiver through this same API, as the request
 * could give a secret itself, so signing with it lends the caller nothing.
 */
export class SecretNotAvailableError extends WebhookError {}

/** A secret given to sign with that holds no key for its scheme (a whsec_ one that is no base64). */
export class UnusableSecretError extends WebhookError {}

/** The target could not be reached, or did not answer in time. */
export class TargetUnreachableError extends WebhookError {
  constructor(readonly timedOut: boolean, message: string, readonly attemptId: string | null = null) {
    super(message);
  }
}

/** A payload schema the receiver cannot use: not a JSON Schema ajv compiles, or an OpenAPI document without that callback. */
export class InvalidPayloadSchemaError extends WebhookError {}
