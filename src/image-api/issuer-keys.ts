import { createRemoteJWKSet, customFetch as joseFetch, errors, type JWSHeaderParameters, type FlattenedJWSInput, type RemoteJWKSet } from 'jose';
import { allowInsecureRequests, customFetch as oauthFetch, discoveryRequest, processDiscoveryResponse } from 'oauth4webapi';
import { TokenIssuerUnavailableError } from './errors';
import { describeFailure } from './fetch-failure';

const FETCH_TIMEOUT_MS = 5000;

export interface IssuerKeysSettings {
  /** The issuer identifier, exactly as its tokens' `iss` says it. */
  issuer: string;
  /** How to reach the issuer (AUTH_PROVIDER_URL reroutes its origin). */
  fetch: typeof fetch;
  /** Least time between two fetches of the keys, and between two failed discoveries. */
  cooldownMs: number;
}

/**
 * The signing keys of one issuer, found through its OpenID Connect discovery document
 * (`<issuer>/.well-known/openid-configuration`, whose `issuer` must be the configured one) and
 * fetched from its `jwks_uri`, both through `fetch` (which may reroute the issuer's origin). jose's remote key set caches them, and fetches them again for a
 * token whose `kid` it does not know (key rotation), at most once per cooldown.
 */
export class IssuerKeys {
  private keySet: RemoteJWKSet | undefined;
  private lastFailure: { at: number; error: TokenIssuerUnavailableError } | undefined;

  constructor(private readonly settings: IssuerKeysSettings) {}

  /** The key that verifies a token with this header (jose's key-resolver signature). */
  readonly keyFor = async (header: JWSHeaderParameters, token: FlattenedJWSInput): Promise<CryptoKey> => {
    const keySet = await this.resolveKeySet();
    try {
      return await keySet(header, token);
    } catch (error) {
      // No matching key, an algorithm the key does not allow: verdicts about the token, not the issuer.
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) throw error;
      throw this.unavailable(`its keys could not be fetched (${describeFailure(error)})`);
    }
  };

  private async resolveKeySet(): Promise<RemoteJWKSet> {
    if (this.keySet) return this.keySet;
    if (this.lastFailure && Date.now() - this.lastFailure.at < this.settings.cooldownMs) throw this.lastFailure.error;
    try {
      const jwksUri = await this.discoverJwksUri();
      this.keySet ??= createRemoteJWKSet(new URL(jwksUri), {
        cooldownDuration: this.settings.cooldownMs,
        timeoutDuration: FETCH_TIMEOUT_MS,
        [joseFetch]: this.settings.fetch,
      });
      this.lastFailure = undefined;
      return this.keySet;
    } catch (error) {
      const unavailable = error instanceof TokenIssuerUnavailableError ? error : this.unavailable(describeFailure(error));
      this.lastFailure = { at: Date.now(), error: unavailable };
      throw unavailable;
    }
  }

  private async discoverJwksUri(): Promise<string> {
    const issuer = new URL(this.settings.issuer);
    let metadata;
    try {
      const response = await discoveryRequest(issuer, {
        algorithm: 'oidc',
        [allowInsecureRequests]: true,
        [oauthFetch]: this.settings.fetch,
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
      metadata = await processDiscoveryResponse(issuer, response);
    } catch (error) {
      throw this.unavailable(`its discovery document could not be used (${describeFailure(error)})`);
    }
    if (!metadata.jwks_uri) throw this.unavailable('its discovery document has no jwks_uri');
    return metadata.jwks_uri;
  }

  private unavailable(reason: string): TokenIssuerUnavailableError {
    return new TokenIssuerUnavailableError(this.settings.issuer, reason);
  }
}
