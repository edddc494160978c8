/**
 * The auth provider as relying parties see it: openid-client configurations for a public or a
 * confidential client, and a user agent that follows the authorization redirects with cookies
 * (as a browser does, without rendering pages), so a test reaches the callback URL with a code.
 */
import * as client from 'openid-client';

export const CALLBACK = 'http://localhost:3000/callback';

/** A public client (PKCE, no secret) or, with a secret, a confidential one sending it with HTTP Basic. */
export function discover(issuer: string, clientId: string, secret?: string, auth?: 'basic' | 'post'): Promise<client.Configuration> {
  const authentication = secret === undefined ? client.None() : auth === 'post' ? client.ClientSecretPost(secret) : client.ClientSecretBasic(secret);
  return client.discovery(new URL(issuer), clientId, secret, authentication, { execute: [client.allowInsecureRequests] });
}

/** Cookies by name, as one browser keeps them for the provider's host (paths are not needed here). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')).trim(), pair.slice(pair.indexOf('=') + 1).trim()];
      const expired = attributes.some((attribute) => /^\s*expires=Thu, 01 Jan 1970/i.test(attribute)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** GET with the jar's cookies, without following redirects; the jar keeps what the answer sets. */
export async function visit(url: string, jar: CookieJar): Promise<Response> {
  const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
  jar.take(response);
  return response;
}

/**
 * Follows redirects from `url` until one leaves the provider for `stopAt` (the client's callback),
 * and returns that URL. Fails on any answer that is not a redirect (e.g. a login page shown).
 */
export async function followToCallback(url: string, jar: CookieJar, stopAt = CALLBACK): Promise<URL> {
  let next = url;
  for (let hop = 0; hop < 12; hop += 1) {
    if (next.startsWith(stopAt)) return new URL(next);
    const response = await visit(next, jar);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) {
      throw new Error(`expected a redirect from ${next}, got ${response.status}: ${(await response.text()).slice(0, 300)}`);
    }
    next = new URL(location, next).href;
  }
  throw new Error(`too many redirects from ${url}`);
}

export interface AuthorizationStart {
  url: URL;
  verifier: string;
  state: string;
  nonce: string;
}

/** An authorization URL with PKCE S256, state and nonce, as openid-client builds it. */
export async function authorizationUrl(config: client.Configuration, parameters: Record<string, string>): Promise<AuthorizationStart> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK,
    scope: 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...parameters,
  });
  return { url, verifier, state, nonce };
}

/** Signs `user` in with login_hint (no page) and exchanges the code: the whole code flow. */
export async function signIn(config: client.Configuration, user: string, parameters: Record<string, string> = {}) {
  const start = await authorizationUrl(config, { login_hint: user, ...parameters });
  const callback = await followToCallback(start.url.href, new CookieJar());
  return client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: start.verifier, expectedState: start.state, expectedNonce: start.nonce });
}

export { client };
