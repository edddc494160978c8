import { HttpProblem, type Handler } from '../../kit';
import { ImageApiUnreachableError, InvalidFormError, UnknownJobError } from '../../client-app/errors';

/** The one place the client app's domain errors become problem+json answers. */
export function asHttpProblem(error: unknown): unknown {
  if (error instanceof InvalidFormError) {
    return new HttpProblem(400, 'Invalid form', error.message, { errors: [{ field: error.field, message: error.message }] });
  }
  if (error instanceof UnknownJobError) {
    return new HttpProblem(404, 'Unknown job', `${error.message}, so the app cannot tell whose token to use`, { job_id: error.jobId });
  }
  if (error instanceof ImageApiUnreachableError) {
    return new HttpProblem(502, 'Image API Unreachable', error.message, { image_api_url: error.url });
  }
  return error;
}

/** Wraps each handler so a domain error thrown anywhere below it is answered as its problem. */
export function mappingDomainErrors(handlers: Record<string, Handler>): Record<string, Handler> {
  const mapped: Record<string, Handler> = {};
  for (const [operationId, handler] of Object.entries(handlers)) {
    mapped[operationId] = async (c, req, res) => {
      try {
        return await handler(c, req, res);
      } catch (error) {
        throw asHttpProblem(error);
      }
    };
  }
  return mapped;
}
