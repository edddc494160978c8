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
