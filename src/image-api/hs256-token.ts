import { decodeProtectedHeader } from 'jose';
import jwt from 'jsonwebtoken';
import { InvalidTokenError } from './errors';

/**
 * Verifies a token signed with HS256 and the shared `JWT_SECRET` (the client app's tokens): the
 * signature, and `exp`/`nbf` when present. Returns its claims.
 */
export function verifyHs256Token(token: string, secret: string): jwt.JwtPayload {
  refuseCriticalExtensions(token);
  try {
    const claims = jwt.verify(token, secret, { algorithms: ['HS256'] });
    if (typeof claims === 'string') throw new InvalidTokenError('token payload is not a JSON object');
    return claims;
  } catch (error) {
    if (error instanceof InvalidTokenError) throw error;
    if (error instanceof jwt.TokenExpiredError) throw new InvalidTokenError(`token expired at ${error.expiredAt.toISOString()}`, 'expired');
    if (error instanceof jwt.NotBeforeError) throw new InvalidTokenError(`token not valid before ${error.date.toISOString()}`);
    if (error instanceof jwt.JsonWebTokenError) throw new InvalidTokenError(describe(error.message));
    throw error;
  }
}

/**
 * A header's `crit` names extensions the verifier must understand or refuse the token (RFC 7515
 * §4.1.11); this API understands none. jsonwebtoken ignores `crit`, so it is checked here, as
 * jose does for the issuer's tokens.
 */
function refuseCriticalExtensions(token: string): void {
  let crit: unknown;
  try {
    crit = decodeProtectedHeader(token).crit;
  } catch {
    return; // jwt.verify says what is wrong with it
  }
  if (crit === undefined) return;
  throw new InvalidTokenError(`token header lists critical extensions this API does not understand (crit: ${JSON.stringify(crit).slice(0, 200)}); RFC 7515 says to refuse it`);
}

/** jsonwebtoken's messages, phrased for someone holding the token. */
function describe(message: string): string {
  if (message === 'invalid signature') return 'token signature does not match (signed with another secret?)';
  if (message === 'jwt malformed' || message.startsWith('invalid token')) return 'token is malformed (expected header.payload.signature)';
  return `token rejected: ${message}`;
}
