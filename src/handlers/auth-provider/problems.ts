import { HttpProblem } from '../../kit';
import { InteractionGoneError, InvalidDefinitionError, InvalidIssuerIdError, IssuerNotCreatedError, UnknownClientError, UnknownUserError } from '../../auth-provider/errors';

/** The auth provider's one mapping from its domain errors to problem+json answers, passed to the kit as `mapError`. */
export function authProviderProblem(error: unknown): HttpProblem | undefined {
  if (error instanceof InvalidIssuerIdError) return new HttpProblem(400, 'Invalid issuer id', error.message, { issuer_id: error.issuerId });
  if (error instanceof InvalidDefinitionError) {
    return new HttpProblem(400, 'Invalid definition', error.message, { errors: [{ field: error.field, message: error.message }] });
  }
  if (error instanceof IssuerNotCreatedError) return new HttpProblem(404, 'Unknown issuer', error.message, { issuer_id: error.issuerId });
  if (error instanceof UnknownUserError) return new HttpProblem(404, 'Unknown user', error.message, { subject: error.subject });
  if (error instanceof UnknownClientError) return new HttpProblem(404, 'Unknown client', error.message, { client_id: error.clientId });
  if (error instanceof InteractionGoneError) return new HttpProblem(410, 'Sign-in gone', error.message);
  return undefined;
}
