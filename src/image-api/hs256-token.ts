import jwt from 'jsonwebtoken';
import { InvalidTokenError } from './errors';
import { wrongAudience } from './issuer-token';

/**
 * Verifies a token signed with HS256 and the shared `JWT_SECRET_KEY` / `JWT_SECRET` (the client
 * app's tokens): the signature, `exp`/`nbf` when present, and `aud` when present, which must name
 * one of `audiences` (this API). Returns its claims.
 */
export function verifyHs256Token(token: string, secret: string, audiences: string[]): jwt.JwtPayload {
  try {
    const claims = jwt.verify(token, secret, { algorithms: ['HS256'] });
    if (typeof claims === 'string') throw new InvalidTokenError('token payload is not a JSON object');
    // The client app's tokens have no aud; one that has it is for the APIs it names (RFC 7519
    // §4.1.3: a recipient not named there MUST refuse it), such as another service sharing the secret.
    if (claims.aud !== undefined && ![claims.aud].flat().some((name) => audiences.includes(name))) throw wrongAudience(claims.aud, audiences);
    // jsonwebtoken checks exp and nbf, but takes an iat of any type; an issuer's token (jose) is
    // refused for one that is no NumericDate (RFC 7519 §4.1.6), and so is this one, in its words.
    if (claims.iat !== undefined && typeof claims.iat !== 'number') throw new InvalidTokenError('token\'s iat claim is invalid: "iat" claim must be a number');
    return claims;
  } catch (error) {
    if (error instanceof InvalidTokenError) throw error;
    if (error instanceof jwt.TokenExpiredError) throw new InvalidTokenError(`token expired at ${error.expiredAt.toISOString()}`, 'expired');
    if (error instanceof jwt.NotBeforeError) throw new InvalidTokenError(`token not valid before ${error.date.toISOString()}`);
    if (error instanceof jwt.JsonWebTokenError) throw new InvalidTokenError(describe(error.message));
    throw error;
  }
}

/** jsonwebtoken's messages, phrased for someone holding the token. */
function describe(message: string): string {
  if (message === 'invalid signature') return 'token signature does not match (signed with another secret?)';
  if (message === 'jwt malformed' || message.startsWith('invalid token')) return 'token is malformed (expected header.payload.signature)';
  return `token rejected: ${message}`;
}
