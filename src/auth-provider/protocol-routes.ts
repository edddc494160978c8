/**
 * The routes of each issuer, under its path (README, "Auth provider"). A module of their own, so
 * the HTTP layer can mount them without loading oidc-provider before the first issuer is built.
 */
export const PROTOCOL_ROUTES = {
  authorization: '/authorize',
  token: '/token',
  userinfo: '/userinfo',
  jwks: '/jwks',
  introspection: '/introspect',
  revocation: '/revoke',
  end_session: '/endsession',
  device_authorization: '/device_authorization',
  code_verification: '/device',
} as const;

const READ = ['GET', 'HEAD'];
const WRITE = ['POST'];

/**
 * The methods oidc-provider takes at each route and at discovery. A request with another method
 * is answered 405 with these in Allow (RFC 9110 §15.5.6), not 404: the endpoint is there.
 * Authorization and logout take a form POST too (OpenID Connect Core 1.0 §3.1.2.1, RP-Initiated
 * Logout 1.0 §2), answered by the HTTP layer with a redirect to the same request as a GET.
 */
export const ROUTE_METHODS: Readonly<Record<string, readonly string[]>> = {
  '/.well-known/openid-configuration': READ,
  [PROTOCOL_ROUTES.authorization]: [...READ, ...WRITE],
  [PROTOCOL_ROUTES.token]: WRITE,
  [PROTOCOL_ROUTES.userinfo]: [...READ, ...WRITE],
  [PROTOCOL_ROUTES.jwks]: READ,
  [PROTOCOL_ROUTES.introspection]: WRITE,
  [PROTOCOL_ROUTES.revocation]: WRITE,
  [PROTOCOL_ROUTES.end_session]: [...READ, ...WRITE],
  [PROTOCOL_ROUTES.device_authorization]: WRITE,
  [PROTOCOL_ROUTES.code_verification]: [...READ, ...WRITE],
};
