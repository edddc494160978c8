import { decodeJwt, errors, jwtVerify, type JWTPayload } from 'jose';
import { InvalidTokenError } from './errors';
import { IssuerKeys, type IssuerKeysSettings } from './issuer-keys';

/** The algorithms an issuer's access tokens may be signed with: asymmetric only, so no shared secret. */
export const ISSUER_ALGORITHMS = ['RS256', 'ES256'];

export interface IssuerTokenSettings extends IssuerKeysSettings {
  /** The names of this API: a token's `aud` must contain one of them. */
  audiences: string[];
  /**
   * The `typ` header an access token must carry (AUTH_TOKEN_TYP): `at+jwt` for RFC 9068 (jose
   * also takes `application/at+jwt`); empty for any, for issuers that label theirs `JWT`.
   */
  tokenType: string;
}

/**
 * Verifies the access tokens of one OAuth 2 / OIDC issuer (RFC 9068 JWTs): signature by a key of
 * its JWKS (IssuerKeys), `iss` exactly the issuer, `aud` naming this API, `exp` and `nbf`.
 * Each refusal says which of these failed.
 */
export class IssuerTokenVerifier {
  private readonly keys: IssuerKeys;

  constructor(private readonly settings: IssuerTokenSettings) {
    this.keys = new IssuerKeys(settings);
  }

  get issuer(): string {
    return this.settings.issuer;
  }

  /** The names this API answers to as a token's `aud`, whoever signed the token. */
  get audiences(): string[] {
    return this.settings.audiences;
  }

  async verify(token: string): Promise<JWTPayload> {
    try {
      // A token of another issuer would only be refused for its unknown key: say what is wrong,
      // without fetching any keys for it.
      this.checkIssuer(decodeJwt(token).iss);
      const { payload } = await jwtVerify(token, this.keys.keyFor, {
        issuer: this.settings.issuer,
        audience: this.settings.audiences,
        algorithms: ISSUER_ALGORITHMS,
        // RFC 9068 §4: an access token says so in its header, which tells it from the issuer's
        // ID tokens, also signed with its keys, whose `aud` is a client id (any name, in open mode).
        typ: this.settings.tokenType || undefined,
      });
      return payload;
    } catch (error) {
      throw this.refusal(error);
    }
  }

  private checkIssuer(iss: unknown): void {
    if (iss === this.settings.issuer) return;
    const claimed = typeof iss === 'string' ? `was issued by ${JSON.stringify(iss)}` : 'has no iss claim';
    throw new InvalidTokenError(`token ${claimed}; this API accepts RS256/ES256 tokens of ${this.settings.issuer} (AUTH_ISSUER)`, 'wrong-issuer');
  }

  /** jose's verdicts, phrased for someone holding the token; anything else (the issuer is down) as it is. */
  private refusal(error: unknown): unknown {
    if (error instanceof errors.JWTExpired) {
      return new InvalidTokenError(`token expired at ${new Date(Number(error.payload.exp) * 1000).toISOString()}`, 'expired');
    }
    if (error instanceof errors.JWTClaimValidationFailed) {
      if (error.claim === 'aud') return wrongAudience(error.payload.aud, this.settings.audiences);
      if (error.claim === 'typ') {
        return new InvalidTokenError(`token's header has no typ "${this.settings.tokenType}", so it is not an access token of ${this.settings.issuer} (an ID token?); RFC 9068 access tokens say so (AUTH_TOKEN_TYP)`);
      }
      if (error.claim === 'nbf') return new InvalidTokenError(`token not valid before ${new Date(Number(error.payload.nbf) * 1000).toISOString()}`);
      return new InvalidTokenError(`token's ${error.claim} claim is invalid: ${error.message}`);
    }
    if (error instanceof errors.JWKSNoMatchingKey) {
      return new InvalidTokenError(`token is signed with a key that is not in the JWKS of ${this.settings.issuer} (unknown kid, or a key it no longer publishes)`, 'unknown-key');
    }
    if (error instanceof errors.JWKSMultipleMatchingKeys) {
      return new InvalidTokenError(`token has no kid and several keys of ${this.settings.issuer} could have signed it`, 'unknown-key');
    }
    if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
      return new InvalidTokenError(`token must be signed with ${ISSUER_ALGORITHMS.join(' or ')} by a key of ${this.settings.issuer}`, 'unsupported-algorithm');
    }
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      return new InvalidTokenError(`token signature does not match the key of ${this.settings.issuer} it names`);
    }
    if (error instanceof errors.JWTInvalid || error instanceof errors.JWSInvalid) {
      return new InvalidTokenError(`token is malformed: ${error.message}`);
    }
    return error;
  }
}

/** The refusal of a token whose `aud` names another API than this one. */
export function wrongAudience(aud: unknown, audiences: string[]): InvalidTokenError {
  const names = audiences.map((name) => JSON.stringify(name)).join(' or ');
  return new InvalidTokenError(`token is for audience ${JSON.stringify(aud ?? null)}, not for ${names} (AUTH_AUDIENCE, PUBLIC_URL)`, 'wrong-audience');
}
