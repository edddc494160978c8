import { decodeJwt, decodeProtectedHeader } from 'jose';
import { isPrincipalId, PRINCIPAL_ID_RULE } from '../kit/principal-id';
import { InvalidTokenError, MissingTokenError } from './errors';
import { verifyHs256Token } from './hs256-token';
import { ISSUER_ALGORITHMS, type IssuerTokenVerifier } from './issuer-token';

/** Who is calling: the JWT `sub`, and the client id webhooks are addressed to. */
export interface Principal {
  userId: string;
  /** The `client_id` claim when the token has one, else `sub` (see WEBHOOK_URL's {client}). */
  clientId: string;
}

type Claims = Record<string, unknown>;

/**
 * Verifies an `Authorization: Bearer <jwt>` header (RFC 6750). The token's `alg` picks the one
 * way it may be verified: HS256 with the shared `JWT_SECRET_KEY` (or `JWT_SECRET`), or
 * RS256/ES256 with the keys of the configured issuer; any other (`none` included) is refused,
 * never trusted. Either way `exp` and `sub` are required, and `sub` and `client_id` (when
 * present) must be ids of the PrincipalId shape.
 */
export class AccessTokenVerifier {
  constructor(private readonly secret: string, private readonly issuer: IssuerTokenVerifier) {}

  async verify(authorization: string | undefined): Promise<Principal> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) throw new MissingTokenError();
    const token = match[1];
    const { alg: algorithm, crit } = protectedHeaderOf(token);
    if (algorithm === 'HS256') {
      this.refuseConfusedHs256(token);
      refuseCriticalExtensions(crit);
      return principalOf(verifyHs256Token(token, this.secret, this.issuer.audiences));
    }
    if (ISSUER_ALGORITHMS.includes(algorithm)) {
      refuseCriticalExtensions(crit);
      return principalOf(await this.issuer.verify(token));
    }
    throw new InvalidTokenError(
      `token is signed with ${JSON.stringify(algorithm)}; this API accepts HS256 tokens (JWT_SECRET_KEY) and ${ISSUER_ALGORITHMS.join('/')} tokens of ${this.issuer.issuer}`,
      'unsupported-algorithm',
    );
  }

  /**
   * The issuer signs with its private keys only: an HS256 token naming it as `iss` is an
   * algorithm-confusion attempt (its public key used as an HMAC secret), refused as such.
   */
  private refuseConfusedHs256(token: string): void {
    let iss: unknown;
    try {
      iss = decodeJwt(token).iss;
    } catch {
      return; // verifyHs256Token says what is wrong with it
    }
    if (iss !== this.issuer.issuer) return;
    throw new InvalidTokenError(
      `token names ${this.issuer.issuer} as its issuer but is signed with HS256; that issuer's tokens are verified with ${ISSUER_ALGORITHMS.join('/')} and its JWKS only`,
      'unsupported-algorithm',
    );
  }
}

/** The token's protected header, with its `alg`; a token whose header cannot be read is malformed. */
function protectedHeaderOf(token: string): { alg: string; crit?: unknown } {
  try {
    const header = decodeProtectedHeader(token);
    if (typeof header.alg === 'string') return { alg: header.alg, crit: header.crit };
  } catch {
    // falls through to the refusal below
  }
  throw new InvalidTokenError('token is malformed (expected header.payload.signature)');
}

/**
 * A header's `crit` names extensions the verifier must understand or refuse the token (RFC 7515
 * §4.1.11); this API understands none, whichever kind the token is. jsonwebtoken ignores `crit`,
 * and jose would refuse it as if the algorithm were wrong, so it is checked here, once for both.
 */
function refuseCriticalExtensions(crit: unknown): void {
  if (crit === undefined) return;
  throw new InvalidTokenError(`token header lists critical extensions this API does not understand (crit: ${JSON.stringify(crit).slice(0, 200)}); RFC 7515 says to refuse it`);
}

function principalOf(claims: Claims): Principal {
  refuseSenderConstrained(claims);
  if (typeof claims.exp !== 'number') throw new InvalidTokenError('token has no exp claim');
  if (claims.sub === undefined || claims.sub === '') throw new InvalidTokenError('token has no sub claim');
  const userId = principalIdClaim(claims, 'sub');
  return { userId, clientId: claims.client_id === undefined ? userId : principalIdClaim(claims, 'client_id') };
}

/** The confirmation methods (RFC 7800 §3.1, its IANA registry) a refusal names by what they bind the token to. */
const CONFIRMATION_METHODS = new Map([
  ['jkt', 'a DPoP key'], // RFC 9449 §6.1
  ['x5t#S256', 'a client certificate'], // RFC 8705 §3.1
]);

/**
 * A token whose `cnf` claim names a confirmation method (RFC 7800) is sender-constrained: only
 * whoever proves they hold its key may use it, a DPoP key (`jkt`) with a proof in each request, a
 * client certificate (`x5t#S256`) on the TLS connection. This API takes bearer tokens only, no
 * DPoP proofs and no TLS client certificates, so it can check no binding; taking such a token as
 * a bearer token would let anyone who copied it use it, which a resource server that checks the
 * binding refuses (RFC 9449 §7.2, RFC 8705 §3: 401 invalid_token). A method it does not know is
 * refused as well: RFC 7800 §3.1 asks to ignore one only where the application sets no rule, and
 * every method registered names a key to prove. A `cnf` without members binds to nothing.
 */
function refuseSenderConstrained(claims: Claims): void {
  const confirmation = claims.cnf;
  if (confirmation === undefined || confirmation === null) return;
  if (typeof confirmation !== 'object' || Array.isArray(confirmation)) {
    throw new InvalidTokenError('token\'s cnf claim is not a JSON object (RFC 7800 §3.1)');
  }
  const methods = Object.keys(confirmation);
  if (methods.length === 0) return;
  const known = methods.find((method) => CONFIRMATION_METHODS.has(method));
  const binding = known === undefined
    ? `a key whose confirmation method this API does not know (cnf member ${JSON.stringify(methods[0]).slice(0, 100)})`
    : `${CONFIRMATION_METHODS.get(known)} (cnf.${known})`;
  throw new InvalidTokenError(
    `token is bound to ${binding}: only its holder may use it, and this API takes bearer tokens only (no DPoP proofs, no TLS client certificates), so it cannot check that binding; ask the issuer for a token that is not sender-constrained`,
    'sender-constrained',
  );
}

/**
 * The claim's value, if it is a usable id. The refusal names the claim but not its value, which
 * may hold control characters that the WWW-Authenticate challenge could not carry.
 */
function principalIdClaim(claims: Claims, name: 'sub' | 'client_id'): string {
  const value = claims[name];
  if (!isPrincipalId(value)) {
    throw new InvalidTokenError(`token's ${name} claim is not a valid id (${PRINCIPAL_ID_RULE})`);
  }
  return value;
}
