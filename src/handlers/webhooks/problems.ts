import { HttpProblem } from '../../kit';
import {
  BodyTooLargeError,
  DeliveryRejectedError,
  EventNotFoundError,
  InvalidClientIdError,
  InvalidClientSettingsError,
  InvalidCursorError,
  InvalidReplayTargetError,
  ReplayFailedError,
  ReplayNotSignableError,
  ReplayTargetNotAllowedError,
  WebhookError,
} from '../../webhooks/errors';
import { invalidField } from './request-parameters';

/** The one place where webhook domain errors become HTTP problems. */
export function toProblem(error: unknown): unknown {
  if (!(error instanceof WebhookError)) return error;
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
  return error;
}

/** Wraps a handler so that the domain errors it throws reach the kit as problems. */
export function mappingErrors<A extends unknown[], R>(handler: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      throw toProblem(error);
    }
  };
}
