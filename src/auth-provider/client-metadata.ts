import type { ClientMetadata } from 'oidc-provider';
import { isLoopbackHost } from '../kit/loopback-host';
import type { RegisteredClient } from './directory';

/** How the current request presents its client: the secret it sent and how, the URIs it asks to return to. */
export interface PresentedClient {
  method: 'client_secret_basic' | 'client_secret_post' | 'none';
  secret?: string;
  redirectUri?: string;
  postLogoutRedirectUri?: string;
}

const USER_GRANT_TYPES = ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code', 'urn:ietf:params:oauth:grant-type:token-exchange'];

/** The client credentials grant is for confidential clients only (RFC 6749 §4.4): a public client has no credentials to present. */
const CONFIDENTIAL_GRANT_TYPES = [...USER_GRANT_TYPES, 'client_credentials'];

/**
 * Stand in for the redirect URIs of a client that has none, so oidc-provider's metadata checks
 * pass and any real URI is refused. Two of them, because oidc-provider sends a request without
 * redirect_uri to a client's only registered URI (RFC 6749 §3.1.2.3): with one, such a request
 * would deliver its code to the stand-in; with two, it is refused as missing its redirect_uri.
 */
const NO_REDIRECT_URIS = ['http://localhost/no-redirect-uri-registered', 'http://localhost/no-redirect-uri-registered-either'];

/**
 * The metadata oidc-provider sees for a client. A registered client keeps its own secret and
 * exact URIs; in open mode an unregistered one is made up from the request: confidential with
 * whatever secret it sent, or public (PKCE) when it sent none, and allowed to return to any
 * loopback URI, as is a registered one given no URIs. Strict mode allows only the URIs a client
 * was registered with: none if it has none. Either may authenticate with HTTP Basic or the body,
 * whichever the request uses.
 */
export function clientMetadata(clientId: string, registered: RegisteredClient | undefined, presented: PresentedClient, strict: boolean): ClientMetadata {
  const secret = registered ? registered.client_secret : presented.secret;
  const asked = (uri: string | undefined) => (strict ? [] : loopback(uri));
  const redirectUris = registered?.redirect_uris ?? asked(presented.redirectUri);
  const postLogoutUris = registered?.post_logout_redirect_uris ?? asked(presented.postLogoutRedirectUri);
  return {
    client_id: clientId,
    ...(secret === undefined
      ? { token_endpoint_auth_method: 'none' }
      : { client_secret: secret, token_endpoint_auth_method: presented.method === 'none' ? 'client_secret_basic' : presented.method }),
    redirect_uris: redirectUris.length > 0 ? redirectUris : NO_REDIRECT_URIS,
    post_logout_redirect_uris: postLogoutUris,
    grant_types: secret === undefined ? USER_GRANT_TYPES : CONFIDENTIAL_GRANT_TYPES,
    response_types: ['code'],
    application_type: 'web',
  };
}

/** The URI as a list when it is an http(s) URI on this machine, else an empty list. */
function loopback(uri: string | undefined): string[] {
  return uri !== undefined && isLoopbackUri(uri) ? [uri] : [];
}

export function isLoopbackUri(uri: string): boolean {
  const url = URL.parse(uri);
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.hash) return false;
  return isLoopbackHost(url.hostname);
}

/**
 * What a request to oidc-provider presents (koa context): the Basic credentials or the body's
 * client_secret, and the redirect URIs in the query or the body. Basic credentials are
 * form-urlencoded (RFC 6749 §2.3.1), as oidc-provider reads them.
 */
export function presentedClient(ctx: { headers: Record<string, string | string[] | undefined>; query: Record<string, unknown>; oidc?: { body?: Record<string, unknown> } } | undefined): PresentedClient {
  if (!ctx) return { method: 'none' };
  const body = ctx.oidc?.body ?? {};
  const param = (name: string): string | undefined => {
    const value = body[name] ?? ctx.query[name];
    return typeof value === 'string' ? value : undefined;
  };
  const uris = { redirectUri: param('redirect_uri'), postLogoutRedirectUri: param('post_logout_redirect_uri') };
  const authorization = ctx.headers.authorization;
  if (typeof authorization === 'string' && /^basic /i.test(authorization)) {
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0) {
      const secret = formDecode(decoded.slice(colon + 1));
      if (secret) return { method: 'client_secret_basic', secret, ...uris };
    }
  }
  const secret = param('client_secret');
  if (secret) return { method: 'client_secret_post', secret, ...uris };
  return { method: 'none', ...uris };
}

function formDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}
