import type { Handler } from '../../kit';

/**
 * openapi-backend in strict mode sends every request to an operation that declares `security`
 * to `unauthorizedHandler` unless a security handler for its scheme is registered, and the kit
 * registers none yet. Until it does, this handler does what openapi-backend would have done
 * next: validate the request (400 through the kit's validationFail), then call the operation's
 * handler, which checks the bearer token itself (one verifier, ../../image-api/access-token.ts).
 */
export const bearerOperations: Record<string, Handler> = {
  unauthorizedHandler: (c, req, res) => {
    c.validation = c.api.validateRequest(c.request, c.operation);
    const next = c.validation.valid ? c.api.handlers[String(c.operation.operationId)] : c.api.handlers.validationFail;
    return next?.(c, req, res);
  },
};
