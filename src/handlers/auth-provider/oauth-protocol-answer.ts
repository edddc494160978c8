import { oauthErrorDescription, type HttpProblem, type ProtocolAnswer, type RequestHead } from '../../kit';
import { isOAuthJsonEndpoint } from './protocol-routes';

/**
 * The answers the kit gives on its own (the request guard's refusal of a Host or an Origin, a
 * request Node's parser refused, a body in a content coding nothing here decodes) on an issuer's
 * JSON endpoints, in the error format of OAuth
 * (RFC 6749 §5.2): `invalid_request`, the problem's detail as `error_description`, its status and
 * headers kept. OAuth clients read no other body there: oauth4webapi and openid-client, given a
 * problem+json, report only that its content-type is not application/json, and the reason (add
 * the host to ALLOWED_HOSTS) is lost. Other paths keep the problem+json.
 */
export function oauthProtocolAnswer(problem: HttpProblem, req?: RequestHead): ProtocolAnswer | undefined {
  if (req?.url === undefined || !isOAuthJsonEndpoint(req.url)) return undefined;
  return {
    status: problem.status,
    headers: { ...problem.headers, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
    body: JSON.stringify({ error: 'invalid_request', error_description: oauthErrorDescription(problem.detail ?? problem.title) }),
  };
}
