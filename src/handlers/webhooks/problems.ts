import { HttpProblem } from '../../kit';
import {
  BodyTooLargeError,
  DeliveryRejectedError,
  EventNotFoundError,
  InvalidClientIdError,
  InvalidClientSettingsError,
  InvalidCursorError,
  InvalidPayloadSchemaError,
  InvalidReplayTargetError,
  ReplayFailedError,
  ReplayNotSignableError,
  ReplayTargetNotAllowedError,
  SecretNotAvailableError,
  TargetUnreachableError,
  UnknownTemplateError,
  UnusableSecretError,
  UnusableStoredSettingsError,
  WebhookError,
} from '../../webhooks/errors';
import { invalidField } from './request-parameters';

/**
 * The receiver's one mapping from its domain errors to HTTP problems, passed to the kit as
 * `mapError` (and used by the delivery pre-route, which answers ahead of the kit's router).
 */
export function webhookProblem(error: unknown): HttpProblem | undefined {
  if (!(error instanceof WebhookError)) return undefined;
  if (error instanceof DeliveryRejectedError) {
    const { scheme, status, diagnosis } = error.verdict;
    const title = status === 'missing' ? 'Signature required' : 'Invalid signature';
    return new HttpProblem(401, title, error.message, { event_id: error.eventId, scheme, signature_status: status, diagnosis });
  }
  if (error instanceof BodyTooLargeError) return new HttpProblem(413, 'Payload Too Large', error.message, {}, { connection: 'close' });
  if (error instanceof EventNotFoundError) return new HttpProblem(404, 'Event not found', error.message);
  if (error instanceof InvalidCursorError) return new HttpProblem(400, 'Invalid cursor', error.message);
  if (error instanceof InvalidClientIdError) return invalidField('path.client_id', error.message);
  if (error instanceof InvalidClientSettingsError) return new HttpProblem(400, 'Invalid client settings', error.message);
  if (error instanceof InvalidReplayTargetError) return new HttpProblem(400, 'Invalid replay target', error.message);
  if (error instanceof ReplayTargetNotAllowedError) return new HttpProblem(403, 'Replay target not allowed', error.message);
  if (error instanceof ReplayNotSignableError) return new HttpProblem(409, 'Replay cannot be signed', error.message);
  if (error instanceof ReplayFailedError) return new HttpProblem(error.timedOut ? 504 : 502, 'Replay failed', error.message, { replay_id: error.replayId });
  if (error instanceof TargetUnreachableError) {
    return new HttpProblem(error.timedOut ? 504 : 502, 'Target unreachable', error.message, error.attemptId === null ? {} : { replay_id: error.attemptId });
  }
  if (error instanceof SecretNotAvailableError) return new HttpProblem(409, 'Secret not available', error.message);
  if (error instanceof UnusableSecretError) return invalidField('body.secret', error.message);
  if (error instanceof UnusableStoredSettingsError) return new HttpProblem(409, 'Client settings unusable', error.message, { client_id: error.clientId });
  if (error instanceof UnknownTemplateError) return new HttpProblem(404, 'Unknown template', error.message);
  if (error instanceof InvalidPayloadSchemaError) return invalidField('payload_schema', error.message);
  return undefined;
}
