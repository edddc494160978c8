import { createLocalJWKSet, jwtVerify, type JWK } from 'jose';
import { errors, type Provider } from 'oidc-provider';
import type { SigningAlg } from './signing-keys';

export const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';
const JWT_TYPE = 'urn:ietf:params:oauth:token-type:jwt';
const SUBJECT_TOKEN_TYPES = new Set([ACCESS_TOKEN_TYPE, ID_TOKEN_TYPE, JWT_TYPE]);

const PARAMETERS = ['audience', 'resource', 'scope', 'requested_token_type', 'subject_token', 'subject_token_type', 'actor_token', 'actor_token_type'];

interface ExchangeParams {
  audience?: string | string[];
  resource?: string | string[];
  scope?: string;
  requested_token_type?: string;
  subject_token?: string;
  subject_token_type?: string;
}

interface Subject {
  accountId: string;
  scope?: string;
  /** Bound to a DPoP key (RFC 9449) or a client certificate (RFC 8705): only its holder may use it. */
  senderConstrained: boolean;
  /** The token types that describe it (RFC 8693 §3): an opaque access token is no JWT, a JWT access token is both. */
  types: string[];
}

/** What the grant needs from its issuer: the public keys its JWTs verify with, and how to sign the new token. */
export interface TokenExchangeSettings {
  publicKeys(): JWK[];
  signingAlg(): SigningAlg;
}

/**
 * OAuth 2.0 Token Exchange (RFC 8693) as an oidc-provider grant type: a token this issuer issued
 * (an opaque access token, a user's or a client's own, or a JWT access or ID token) is exchanged
 * for a JWT access token for one `audience` (any name) or `resource` (an absolute URI), keeping
 * its subject and its scope, or less of it. A token bound to a key (DPoP) is not exchanged.
 */
export function registerTokenExchange(provider: Provider, settings: TokenExchangeSettings): void {
  provider.registerGrantType<ExchangeParams>(TOKEN_EXCHANGE, async (ctx) => {
    const { params } = ctx.oidc;
    if (!params.subject_token) throw new errors.InvalidRequest('subject_token is required');
    if (!params.subject_token_type || !SUBJECT_TOKEN_TYPES.has(params.subject_token_type)) {
      throw new errors.InvalidRequest(`subject_token_type must be one of ${[...SUBJECT_TOKEN_TYPES].join(', ')}`);
    }
    if (params.requested_token_type && params.requested_token_type !== ACCESS_TOKEN_TYPE) {
      throw new errors.InvalidRequest(`requested_token_type ${params.requested_token_type} is not supported; only ${ACCESS_TOKEN_TYPE}`);
    }
    const audiences = [params.audience, params.resource].flat().filter((value): value is string => typeof value === 'string' && value !== '');
    if (audiences.length !== 1) throw new errors.InvalidTarget('name exactly one audience or resource for the new token');
    // A resource indicator is an absolute URI without a fragment (RFC 8707 §2), as oidc-provider requires at its own grants.
    if (params.resource !== undefined && !URL.parse(audiences[0])) throw new errors.InvalidTarget('resource must be an absolute URI');
    if (params.resource !== undefined && audiences[0].includes('#')) throw new errors.InvalidTarget('resource indicator must not contain a fragment component');
    // A grant keeps its resources in a plain object keyed by them, where these names are taken.
    if (audiences[0] in Object.prototype) throw new errors.InvalidTarget(`audience may not be ${audiences[0]}: name the API the token is for`);

    const subject = await findSubject(provider, params.subject_token, settings);
    if (!subject.types.includes(params.subject_token_type)) {
      throw new errors.InvalidRequest(`subject_token is not of subject_token_type ${params.subject_token_type}: it is ${subject.types.join(', ')}`);
    }
    // The new token is a bearer token: made from a sender-constrained one, it would let whoever
    // got hold of that token use it without the key it is bound to (RFC 9449 §1).
    if (subject.senderConstrained) throw new errors.InvalidRequest('subject_token is bound to a key (DPoP or a client certificate) and cannot be exchanged for a bearer token');
    const scope = exchangedScope(params.scope, subject.scope);
    // Every token belongs to a grant (revocation works by grant); the exchange makes its own.
    const grant = new provider.Grant({ accountId: subject.accountId, clientId: ctx.oidc.client.clientId });
    grant.addResourceScope(audiences[0], scope ?? '');
    const grantId = await grant.save();
    const token = new provider.AccessToken({ accountId: subject.accountId, client: ctx.oidc.client, grantId, gty: 'token_exchange', scope });
    token.resourceServer = new provider.ResourceServer(audiences[0], {
      scope: scope ?? '',
      audience: audiences[0],
      accessTokenFormat: 'jwt',
      jwt: { sign: { alg: settings.signingAlg() } },
    });
    ctx.oidc.entity('AccessToken', token);
    const value = await token.save();
    ctx.body = {
      access_token: value,
      issued_token_type: ACCESS_TOKEN_TYPE,
      token_type: 'Bearer',
      expires_in: token.expiration,
      ...(scope ? { scope } : {}),
    };
  }, PARAMETERS, ['audience', 'resource']);
}

/**
 * The new token's scope: the subject token's, or the part of it `scope` asks for. A scope the
 * subject token does not hold is refused with invalid_scope ("exceeds the scope granted by the
 * resource owner", RFC 6749 §5.2, which RFC 8693 §2.2.2 uses), as a refresh asking for more is:
 * an exchange changes who the token is for, never what it allows.
 */
function exchangedScope(asked: string | undefined, held: string | undefined): string | undefined {
  if (asked === undefined) return held;
  const heldScopes = new Set(held?.split(' '));
  const askedScopes = [...new Set(asked.split(' ').filter(Boolean))];
  const missing = askedScopes.filter((scope) => !heldScopes.has(scope));
  if (missing.length > 0) throw new errors.InvalidScope(`the subject token does not hold the requested scope ${missing.join(' ')}`, missing.join(' '));
  return askedScopes.join(' ');
}

/**
 * The token the exchange is for, or invalid_request: RFC 8693 §2.2.2 answers a subject token that
 * is invalid for any reason, or unacceptable by policy, with invalid_request (not invalid_grant).
 */
async function findSubject(provider: Provider, subjectToken: string, settings: TokenExchangeSettings): Promise<Subject> {
  if (subjectToken.split('.').length === 3) {
    try {
      const { payload, protectedHeader } = await jwtVerify(subjectToken, createLocalJWKSet({ keys: settings.publicKeys() }), { issuer: provider.issuer, currentDate: new Date(Date.now()) });
      if (typeof payload.sub !== 'string') throw new Error('no sub');
      // The issuer signs two kinds of JWT: access tokens, typed at+jwt (RFC 9068 §2.1), and ID tokens.
      const kind = /^(application\/)?at\+jwt$/i.test(protectedHeader.typ ?? '') ? ACCESS_TOKEN_TYPE : ID_TOKEN_TYPE;
      return { accountId: payload.sub, scope: typeof payload.scope === 'string' ? payload.scope : undefined, senderConstrained: payload.cnf !== undefined, types: [kind, JWT_TYPE] };
    } catch (error) {
      throw new errors.InvalidRequest(`subject_token is not a valid token of this issuer: ${(error as Error).message}`);
    }
  }
  const token = await provider.AccessToken.find(subjectToken);
  if (token && !token.isExpired && token.accountId) return { accountId: token.accountId, scope: token.scope, senderConstrained: token.isSenderConstrained(), types: [ACCESS_TOKEN_TYPE] };
  // A client's own token (client credentials) has the client as its subject, as its JWT form says in `sub`.
  const clientToken = await provider.ClientCredentials.find(subjectToken);
  if (clientToken && !clientToken.isExpired && clientToken.clientId) {
    return { accountId: clientToken.clientId, scope: clientToken.scope, senderConstrained: clientToken.isSenderConstrained(), types: [ACCESS_TOKEN_TYPE] };
  }
  throw new errors.InvalidRequest('subject_token is not an active access token of this issuer');
}
