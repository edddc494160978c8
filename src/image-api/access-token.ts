import jwt from 'jsonwebtoken';
import { isPrincipalId, PRINCIPAL_ID_RULE } from '../kit/principal-id';
import { InvalidTokenError } from './errors';

/** Who is calling: the JWT `sub`, and the client id webhooks are addressed to. */
export interface Principal {
  userId: string;
  /** The `client_id` claim when the token has one, else `sub` (see WEBHOOK_URL's {client}). */
  clientId: string;
}

/**
 * Verifies an `Authorization: Bearer <jwt>` header (RFC 6750): HS256 only (an `alg: none` or RS256
 * token is refused, never trusted), signature checked with `secret`, `exp` required and not past,
 * `sub` required; `sub` and `client_id` (when present) must be ids of the PrincipalId shape.
 */
export function verifyBearerToken(authorization: string | undefined, secret: string): Principal {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) throw new InvalidTokenError('missing "Authorization: Bearer <token>" header');
  const claims = decode(match[1], secret);
  if (typeof claims.exp !== 'number') throw new InvalidTokenError('token has no exp claim');
  if (claims.sub === undefined || claims.sub === '') throw new InvalidTokenError('token has no sub claim');
  const userId = principalIdClaim(claims, 'sub');
  return { userId, clientId: claims.client_id === undefined ? userId : principalIdClaim(claims, 'client_id') };
}

/**
 * The claim's value, if it is a usable id. The refusal names the claim but not its value, which
 * may hold control characters that the WWW-Authenticate challenge could not carry.
 */
function principalIdClaim(claims: jwt.JwtPayload, name: 'sub' | 'client_id'): string {
  const value: unknown = claims[name];
  if (!isPrincipalId(value)) {
    throw new InvalidTokenError(`token's ${name} claim is not a valid id (${PRINCIPAL_ID_RULE})`);
  }
  return value;
}

function decode(token: string, secret: string): jwt.JwtPayload {
  try {
    const claims = jwt.verify(token, secret, { algorithms: ['HS256'] });
    if (typeof claims === 'string') throw new InvalidTokenError('token payload is not a JSON object');
    return claims;
  } catch (error) {
    if (error instanceof InvalidTokenError) throw error;
    if (error instanceof jwt.TokenExpiredError) throw new InvalidTokenError(`token expired at ${error.expiredAt.toISOString()}`);
    if (error instanceof jwt.NotBeforeError) throw new InvalidTokenError(`token not valid before ${error.date.toISOString()}`);
    if (error instanceof jwt.JsonWebTokenError) throw new InvalidTokenError(describe(error.message));
    throw error;
  }
}

/** jsonwebtoken's messages, phrased for someone holding the token. */
function describe(message: string): string {
  if (message === 'invalid signature') return 'token signature does not match (signed with another secret?)';
  if (message === 'jwt malformed' || message.startsWith('invalid token')) return 'token is malformed (expected header.payload.signature)';
  if (message.startsWith('invalid algorithm')) return 'token must be signed with HS256';
  return `token rejected: ${message}`;
}
