import type { JWK } from 'jose';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { HttpProblem, sendProblem } from '../kit/problem';
import type { SqliteDatabase } from '../kit/sqlite';
import { clientMetadata, presentedClient } from './client-metadata';
import { isClientId, isClientSecret, type Directory } from './directory';
import type { Issuer, Issuers } from './issuers';
import { OidcModelStore } from './oidc-model-store';
import { rotateOnceIssuable } from './refresh-rotation';
import { PROTOCOL_ROUTES, ROUTE_METHODS } from './protocol-routes';
import * as pages from './protocol-pages';
import { registerTokenExchange } from './token-exchange';

/** Everything an issuer's oidc-provider instance is built from. */
export interface ProviderParts {
  db: SqliteDatabase;
  directory: Directory;
  issuers: Issuers;
  strict: boolean;
  accessTokenTtlS: number;
  /** Signs the provider's cookies; the same for every issuer and kept in the database, so sessions survive a restart. */
  cookieSecret: string;
  /** The policy of the pages oidc-provider renders (device, logout, errors). */
  pagePolicy: string;
}

/**
 * The referrer policy of the pages oidc-provider renders, whose URLs may carry a user code or an
 * id_token_hint: no path or query goes with what they load or post. Not no-referrer, as the
 * servers' own pages: their forms are posted by the browser (device code, logout confirmation,
 * form_post), and under no-referrer a browser posts a form with `Origin: null` (Fetch, "append a
 * request Origin header"), which the request guard refuses and a relying party may too.
 */
const FORM_PAGE_REFERRER_POLICY = 'strict-origin';

const STANDARD_CLAIMS: Record<string, string[]> = {
  profile: ['name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture', 'website', 'gender', 'birthdate', 'zoneinfo', 'locale', 'updated_at'],
  email: ['email', 'email_verified'],
  address: ['address'],
  phone: ['phone_number', 'phone_number_verified'],
};

const SESSION_TTL_S = 14 * 24 * 3600;

const OIDC_SCOPES = ['openid', 'offline_access', ...Object.keys(STANDARD_CLAIMS)];

/**
 * One oidc-provider instance serves one issuer at one issuer URL. Its configuration is fixed at
 * construction, so what it is built from (keys, claim names) is read now, and the instance is
 * built again when that changes (see ProviderCache).
 */
export function buildProvider(issuerUrl: string, issuer: Issuer, parts: ProviderParts): Provider {
  const { directory, issuers } = parts;
  const id = issuer.id;
  const keys = issuers.keys.keySet(id);
  const customClaims = directory.claimNames(id).filter((name) => !Object.values(STANDARD_CLAIMS).flat().includes(name));
  // Each cookie is signed in another named `<name>.sig`, so issuer `x.sig`'s session cookie would
  // be issuer `x`'s signature (signing in to one signed the browser out of the other): the id's
  // dots are written as '~', which no id has.
  const cookieId = id.replaceAll('.', '~');
  const clientClaims = (clientId: string | undefined) => (clientId ? directory.client(id, clientId)?.claims : undefined) ?? {};
  const userClaims = (subject: string | undefined) => (subject ? directory.user(id, subject)?.claims : undefined) ?? {};

  const configuration: Configuration = {
    adapter: (model) => (model === 'Client' ? clientStore(parts, id) : new OidcModelStore(parts.db, id, model)),
    jwks: { keys: keys as Configuration['jwks'] extends { keys: infer K } | undefined ? K : never },
    cookies: {
      keys: [parts.cookieSecret],
      names: { session: `_session.${cookieId}`, interaction: `_interaction.${cookieId}`, resume: `_interaction_resume.${cookieId}` },
    },
    findAccount: async (ctx, sub) => {
      const user = directory.user(id, sub);
      if (!user) return undefined;
      return { accountId: sub, claims: async () => ({ ...clientClaims(ctx.oidc.client?.clientId), ...user.claims, sub }) };
    },
    claims: { openid: ['sub', ...customClaims], ...STANDARD_CLAIMS },
    // Claims for the requested scopes go into the ID token even when an access token is issued too.
    conformIdTokenClaims: false,
    scopes: OIDC_SCOPES,
    extraTokenClaims: async (_ctx, token) => ({ ...clientClaims(token.clientId), ...userClaims((token as { accountId?: string }).accountId) }),
    clientDefaults: { id_token_signed_response_alg: issuer.signingAlg, grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' },
    // Only the methods the made-up and registered clients can use (client-metadata.ts): a client
    // has no keys for private_key_jwt, and its secret is taken from Basic or the body, never from
    // a client_secret_jwt assertion. Discovery lists exactly these (RFC 8414 §2).
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'none'],
    // The request guard has given every origin CORS_ORIGIN allows its CORS headers already, which
    // oidc-provider then leaves as they are; a page of any other origin reads nothing but the
    // public documents (README, "Security model"), even at a client's redirect URI's origin.
    clientBasedCORS: () => false,
    pkce: { required: () => true },
    rotateRefreshToken: rotateOnceIssuable,
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: {
      AccessToken: parts.accessTokenTtlS,
      ClientCredentials: parts.accessTokenTtlS,
      AuthorizationCode: 60,
      DeviceCode: 600,
      IdToken: 3600,
      Interaction: 3600,
      RefreshToken: 14 * 24 * 3600,
      Grant: 14 * 24 * 3600,
      Session: SESSION_TTL_S,
    },
    responseTypes: ['code'],
    routes: PROTOCOL_ROUTES,
    interactions: { url: (_ctx, interaction) => `/${id}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      // Pushed authorization requests (RFC 9126) are not routed under the issuer's path, so
      // discovery must not name an endpoint for them.
      pushedAuthorizationRequests: { enabled: false },
      clientCredentials: { enabled: true },
      // The policies are oidc-provider's defaults, set here so it does not print a notice that
      // they are (to stdout, whatever LOG_LEVEL says) on the first introspection and revocation.
      introspection: { enabled: true, allowedPolicy: async (_ctx, client, token) => mayIntrospect(client, token) },
      revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => mayRevoke(client, token) },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => { ctx.body = pages.logoutConfirmPage(form, ctx.host); },
        postLogoutSuccessSource: async (ctx) => { ctx.body = pages.signedOutPage(); },
      },
      deviceFlow: {
        enabled: true,
        userCodeInputSource: async (ctx, form, _out, err) => { ctx.body = pages.deviceCodeInputPage(form, err?.name ?? (err ? 'Error' : undefined)); },
        userCodeConfirmSource: async (ctx, form, client, _deviceInfo, userCode) => { ctx.body = pages.deviceConfirmPage(form, client.clientId, userCode); },
        successSource: async (ctx) => { ctx.body = pages.deviceSuccessPage(ctx.oidc.client?.clientId ?? 'The device'); },
      },
      resourceIndicators: {
        enabled: true,
        // A resource granted at the authorization endpoint is the one the token endpoint issues for.
        useGrantedResource: async () => true,
        getResourceServerInfo: async (ctx, resource) => ({
          scope: resourceScopes(ctx).join(' '),
          audience: resource,
          accessTokenFormat: 'jwt',
          accessTokenTTL: parts.accessTokenTtlS,
          jwt: { sign: { alg: issuers.find(id)?.signingAlg ?? issuer.signingAlg } },
        }),
      },
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = pages.errorPage({ ...out });
    },
  };

  const provider = new Provider(issuerUrl, configuration);
  const issuerOrigin = new URL(issuerUrl).origin;
  provider.use(async (ctx, next) => {
    // oidc-provider builds its endpoints' URLs (discovery, redirects, form actions) on the
    // request's URL (ctx.href). They are the issuer's: with AUTH_ISSUER_BASE, a container that
    // reached the provider as http://auth:8080 must still send browsers to their own address.
    Object.defineProperty(ctx.request, 'href', { value: `${issuerOrigin}${ctx.originalUrl}` });
    if (ctx.method === 'POST' && ctx.path === PROTOCOL_ROUTES.token) {
      const failure = issuers.takeFailure(id);
      if (failure) {
        const description = failure.description ?? `failure queued through the control API of issuer ${id}`;
        ctx.status = failure.status;
        ctx.set('cache-control', 'no-store');
        // A 401 to a client that authenticated with HTTP Basic names that scheme (RFC 6749 §5.2),
        // as oidc-provider's own invalid_client does; the control API's pattern keeps '"' and '\' out.
        if (failure.status === 401 && /^basic /i.test(ctx.get('authorization'))) {
          ctx.set('www-authenticate', `Basic realm="${provider.issuer}", error="${failure.error}", error_description="${description}"`);
        }
        ctx.body = { error: failure.error, error_description: description };
        return;
      }
    }
    // Set before oidc-provider renders, so the pages with an inline script it writes (form_post,
    // the sign-out on a login as another account) add that script's hash to the policy.
    ctx.set('content-security-policy', parts.pagePolicy);
    ctx.set('referrer-policy', FORM_PAGE_REFERRER_POLICY);
    await next();
    if (ctx.status === 404 && ctx.body === undefined) {
      // No endpoint of oidc-provider's matched (a method it does not take, a path below one): a problem, as everywhere in standin.
      ctx.respond = false;
      // The kit answers a CORS preflight on every route (protocol-routes.ts), so OPTIONS is one of
      // each route's methods, and a plain OPTIONS is a 204 naming them (RFC 9110 §9.3.7).
      const allow = ROUTE_METHODS[ctx.path] && [...ROUTE_METHODS[ctx.path], 'OPTIONS'].join(', ');
      if (allow && ctx.method === 'OPTIONS') {
        ctx.res.writeHead(204, { allow }).end();
        return;
      }
      const problem = allow
        ? new HttpProblem(405, 'Method Not Allowed', `${ctx.method} is not allowed on ${ctx.path} of issuer ${id}`, {}, { allow })
        : new HttpProblem(404, 'Not Found', `issuer ${id} has no endpoint for ${ctx.method} ${ctx.path}`);
      sendProblem(ctx.req, ctx.res, problem);
      return;
    }
    if (!ctx.response.is('html')) {
      ctx.remove('content-security-policy');
      ctx.remove('referrer-policy');
    }
    answerJwtIntrospectionAsInactive(ctx);
  });
  // oidc-provider answers an error of its own 500 server_error and only emits it: it is logged as
  // the kit logs any other unhandled error, with the request's id.
  provider.on('server_error', (ctx, error) => { ctx.req.log?.error({ err: error }, 'unhandled error'); });
  keepNewSessionsPersistable(provider);
  registerTokenExchange(provider, {
    publicKeys: () => publicKeys(issuers.keys.keySet(id)),
    signingAlg: () => issuers.find(id)?.signingAlg ?? issuer.signingAlg,
  });
  return provider;
}

/**
 * The scopes a resource server takes: every one a token request may carry (asked for now, or held
 * by the code, refresh token or device code) except the OpenID Connect ones, which are the
 * provider's own.
 */
function resourceScopes(ctx: KoaContextWithOIDC): string[] {
  const entities = ctx.oidc.entities as Record<string, { scope?: string } | undefined>;
  const held = [entities.AuthorizationCode, entities.RefreshToken, entities.DeviceCode].map((entity) => entity?.scope ?? '');
  const asked = typeof ctx.oidc.params?.scope === 'string' ? ctx.oidc.params.scope : '';
  return [...new Set([asked, ...held].join(' ').split(' ').filter((scope) => scope && !OIDC_SCOPES.includes(scope)))];
}

interface TokenCaller {
  clientId: string;
  clientAuthMethod?: string;
}

/**
 * A confidential client may introspect any token, as a resource server asks about tokens issued to
 * other clients (RFC 7662 §2.1); a public client, which anyone can claim to be, only its own.
 */
function mayIntrospect(client: TokenCaller, token: { clientId?: string }): boolean {
  return client.clientAuthMethod !== 'none' || token.clientId === client.clientId;
}

/**
 * Only the client a token was issued to may revoke it (RFC 7009 §2.1): a confidential client is
 * told so, a public one is answered as if the token were unknown.
 */
function mayRevoke(client: TokenCaller, token: { clientId?: string }): boolean {
  if (token.clientId === client.clientId) return true;
  if (client.clientAuthMethod === 'none') return false;
  throw new errors.InvalidRequest('client is not authorized to revoke the presented token');
}

/**
 * oidc-provider refuses to introspect a JWT with `unsupported_token_type`, an error RFC 7662 does
 * not have: a token the server does not hold is answered `{"active": false}` (RFC 7662 §2.2). A
 * JWT access token is checked with the JWKS instead (README, "Auth provider").
 */
function answerJwtIntrospectionAsInactive(ctx: { method: string; path: string; status: number; body: unknown }): void {
  const body = ctx.body as { error?: unknown } | undefined;
  if (ctx.method === 'POST' && ctx.path === PROTOCOL_ROUTES.introspection && body?.error === 'unsupported_token_type') {
    ctx.status = 200;
    ctx.body = { active: false };
  }
}

/** The Client model: registered clients, and in open mode the ones the request makes up (see client-metadata.ts). */
function clientStore(parts: ProviderParts, issuerId: string) {
  const unsupported = async () => { throw new Error('clients are registered through the control API'); };
  return {
    find: async (clientId: string) => {
      // An id or a secret no client can have is an unknown client (invalid_client), as in strict
      // mode, not one made up with metadata oidc-provider refuses (invalid_client_metadata).
      if (!isClientId(clientId)) return undefined;
      const registered = parts.directory.client(issuerId, clientId);
      if (!registered && parts.strict) return undefined;
      const presented = presentedClient(Provider.ctx as Parameters<typeof presentedClient>[0]);
      if (!registered && presented.secret !== undefined && !isClientSecret(presented.secret)) return undefined;
      return clientMetadata(clientId, registered, presented, parts.strict);
    },
    upsert: unsupported,
    findByUserCode: unsupported,
    findByUid: unsupported,
    consume: unsupported,
    destroy: unsupported,
    revokeByGrantId: async () => undefined,
  };
}

/**
 * oidc-provider saves a session that a request changed once the request ends, but a session
 * created by a request that then failed (a device form posted without the session its page made,
 * a path below the device page) was never stored, and saving it again throws: a 500 for what is
 * a bad request. Such a session is stored as a new one instead, and the request gets its 4xx.
 */
function keepNewSessionsPersistable(provider: Provider): void {
  const prototype = provider.Session.prototype as { persist(): Promise<unknown>; save(ttl: number): Promise<unknown>; exp?: number };
  const persist = prototype.persist;
  prototype.persist = function persistOrSave(this: typeof prototype) {
    return typeof this.exp === 'number' ? persist.call(this) : this.save(SESSION_TTL_S);
  };
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'];

export function publicKeys(keys: JWK[]): JWK[] {
  return keys.map((key) => Object.fromEntries(Object.entries(key).filter(([name]) => !PRIVATE_MEMBERS.includes(name))) as JWK);
}
