import { decodeJwt } from 'jose';
import * as oidc from 'openid-client';
import type { components } from '../../generated/client-app';
import { AuthProviderUnreachableError } from './errors';
import { ExpiringStore } from './expiring-store';
import { providerFailure, type SignInFailureCode } from './sign-in-failure';

const PENDING_TTL_MS = 10 * 60 * 1000;
const MAX_PENDING = 1000;
const MAX_SESSIONS = 1000;
const REQUEST_TIMEOUT_S = 5;

export interface SignInSettings {
  /** The auth provider's issuer (AUTH_ISSUER), found through its discovery document. */
  issuer: string;
  clientId: string;
  /** Empty for a public client (PKCE alone); else sent with HTTP Basic. */
  clientSecret: string;
  /** The resource indicator (RFC 8707) of the image API: the access token's audience. */
  resource: string;
  /** How this server reaches the provider (AUTH_PROVIDER_URL reroutes its origin); browsers use its own URLs. */
  fetch: typeof fetch;
}

/** A user signed in with the auth provider: the access token for the image API, and what it says. */
export interface SignedInUser {
  userId: string;
  accessToken: string;
  /** The access token's claims, decoded for display (the image API verifies the token). */
  claims: Record<string, unknown>;
  /** The ID token's claims, verified by openid-client. */
  idTokenClaims: Record<string, unknown>;
  scope: string | undefined;
  expiresAt: number;
}

export type SignInState = components['schemas']['SignInState'];

/** How a sign-in ended: a new session, or why not (shown to the user on the page). */
/** A failure has a `code` for the page (sign-in-failure.ts) and a `reason` for the activity log. */
export type SignInOutcome = { signedIn: true; sessionId: string; user: SignedInUser } | { signedIn: false; code: SignInFailureCode; reason: string };

interface PendingSignIn {
  codeVerifier: string;
  state: string;
  nonce: string;
  redirectUri: string;
}

/**
 * "Sign in with the auth provider" for the client app's server side: authorization code with
 * PKCE (RFC 7636) through openid-client, asking for an access token for the image API with
 * the `resource` parameter. Pending sign-ins and signed-in users live in memory under random
 * ids the browser keeps in cookies; a restart signs everyone out.
 */
export class SignIn {
  private configuration: Promise<oidc.Configuration> | undefined;
  private readonly pending = new ExpiringStore<PendingSignIn>(MAX_PENDING);
  private readonly users = new ExpiringStore<SignedInUser>(MAX_SESSIONS);

  constructor(private readonly settings: SignInSettings) {}

  /** Whether the provider answers, and who is signed in with this session id (the page's view). */
  async state(sessionId: string | undefined): Promise<SignInState> {
    const provider: SignInState['provider'] = { issuer: this.settings.issuer, status: 'ok' };
    try {
      await this.provider();
    } catch (error) {
      if (!(error instanceof AuthProviderUnreachableError)) throw error;
      Object.assign(provider, { status: 'unreachable', detail: error.message });
    }
    const user = this.users.get(sessionId);
    if (!user) return { provider, signed_in: false };
    return {
      provider,
      signed_in: true,
      user_id: user.userId,
      access_token: user.accessToken,
      token_type: 'Bearer',
      expires_at: new Date(user.expiresAt).toISOString(),
      expires_in: Math.max(0, Math.round((user.expiresAt - Date.now()) / 1000)),
      ...(user.scope ? { scope: user.scope } : {}),
      claims: user.claims,
      id_token_claims: user.idTokenClaims,
    };
  }

  /**
   * The provider's authorization URL for a new sign-in, and the id of its pending state. It asks
   * for a fresh login (prompt=login): signing out here forgets only this app's tokens, so the next
   * sign-in would otherwise reuse the provider's session and never let another user sign in.
   */
  async begin(redirectUri: string, loginHint: string | undefined): Promise<{ url: string; pendingId: string }> {
    const configuration = await this.provider();
    const sign = { codeVerifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce(), redirectUri };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: 'openid profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(sign.codeVerifier),
      code_challenge_method: 'S256',
      state: sign.state,
      nonce: sign.nonce,
      resource: this.settings.resource,
      prompt: 'login',
      ...(loginHint ? { login_hint: loginHint } : {}),
    });
    return { url: url.href, pendingId: this.pending.add(sign, Date.now() + PENDING_TTL_MS) };
  }

  /**
   * Exchanges the provider's answer at the redirect URI for tokens, checking state, PKCE, the
   * `iss` of the answer (RFC 9207) and the ID token's nonce. A pending sign-in is used once.
   */
  async complete(pendingId: string | undefined, callbackQuery: URLSearchParams): Promise<SignInOutcome> {
    const sign = this.pending.take(pendingId);
    if (!sign) return { signedIn: false, code: 'sign_in_not_started', reason: 'this sign-in was not started in this browser, or took longer than 10 minutes; start again' };
    const error = callbackQuery.get('error');
    if (error) {
      const description = callbackQuery.get('error_description');
      return { signedIn: false, code: providerFailure(error), reason: `the auth provider answered ${error}${description ? `: ${description}` : ''}` };
    }
    const currentUrl = new URL(sign.redirectUri);
    currentUrl.search = callbackQuery.toString();
    let tokens;
    try {
      tokens = await oidc.authorizationCodeGrant(await this.provider(), currentUrl, {
        pkceCodeVerifier: sign.codeVerifier,
        expectedState: sign.state,
        expectedNonce: sign.nonce,
        idTokenExpected: true,
      });
    } catch (failure) {
      if (failure instanceof AuthProviderUnreachableError) return { signedIn: false, code: 'provider_unreachable', reason: failure.message };
      return { signedIn: false, code: 'token_exchange_failed', reason: `the code could not be exchanged for tokens: ${describe(failure)}` };
    }
    let claims: Record<string, unknown>;
    try {
      claims = decodeJwt(tokens.access_token) as Record<string, unknown>;
    } catch {
      // A provider may ignore the resource indicator and issue an opaque reference, which the
      // image API cannot verify: a failed sign-in that says so, not a 500 at the callback.
      return { signedIn: false, code: 'token_exchange_failed', reason: `the access token is not a JWT, which the image API needs: the provider did not issue one for the resource ${this.settings.resource} (AUTH_RESOURCE)` };
    }
    const idTokenClaims = { ...tokens.claims() };
    const user: SignedInUser = {
      userId: String(claims.sub ?? idTokenClaims.sub),
      accessToken: tokens.access_token,
      claims,
      idTokenClaims,
      scope: tokens.scope,
      expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : Date.now() + (tokens.expiresIn() ?? 0) * 1000,
    };
    return { signedIn: true, sessionId: this.users.add(user, user.expiresAt), user };
  }

  user(sessionId: string | undefined): SignedInUser | undefined {
    return this.users.get(sessionId);
  }

  signOut(sessionId: string | undefined): void {
    this.users.delete(sessionId);
  }

  /** The provider's configuration, discovered once; a failure is not kept, so the next call asks again. */
  private provider(): Promise<oidc.Configuration> {
    this.configuration ??= this.discover().catch((error: unknown) => {
      this.configuration = undefined;
      throw error;
    });
    return this.configuration;
  }

  private async discover(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    const fetch: oidc.CustomFetch = (url, options) => this.settings.fetch(url, options as RequestInit);
    const authentication = clientSecret ? oidc.ClientSecretBasic(clientSecret) : oidc.None();
    try {
      const configuration = await oidc.discovery(new URL(issuer), clientId, undefined, authentication, {
        execute: [oidc.allowInsecureRequests],
        timeout: REQUEST_TIMEOUT_S,
        [oidc.customFetch]: fetch,
      });
      configuration.timeout = REQUEST_TIMEOUT_S;
      configuration[oidc.customFetch] = fetch;
      return configuration;
    } catch (error) {
      throw new AuthProviderUnreachableError(issuer, describe(error));
    }
  }
}

/**
 * openid-client's errors, with the OAuth error the provider gave, or the network failure fetch
 * hides at the end of the `cause` chain (ECONNREFUSED, a timeout).
 */
function describe(error: unknown): string {
  const { error: oauthError, error_description: description } = error as { error?: unknown; error_description?: unknown };
  if (typeof oauthError === 'string') return typeof description === 'string' ? `${oauthError}: ${description}` : oauthError;
  let innermost = error as { message: string; code?: unknown; cause?: unknown };
  // duck-typed: fetch's errors come from another realm than this module's Error
  while (typeof (innermost.cause as { message?: unknown } | undefined)?.message === 'string') innermost = innermost.cause as typeof innermost;
  // A system error's code (ECONNREFUSED) says more than its message, which may be empty.
  const reason = typeof innermost.code === 'string' && /^E[A-Z]+$/.test(innermost.code) ? innermost.code : innermost.message;
  const message = (error as Error).message ?? String(error);
  return reason === message ? message : `${message}: ${reason}`;
}
