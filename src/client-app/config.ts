import { alsoRead, commonSchema, env, readConfig, type ConfigOf, type Environment } from '../kit/config';

/**
 * The client app's settings; names and defaults are the seed's (IMAGE_API_URL, JWT_SECRET, or the
 * image service's JWT_SECRET_KEY, so a `.env` that sets only that one signs what the API verifies).
 */
export const clientAppSchema = {
  ...commonSchema,
  imageApiUrl: env.url('IMAGE_API_URL', 'http://localhost:8002', 'Base URL of the image API the app uploads to'),
  jwtSecret: alsoRead(env.string('JWT_SECRET', 'dev-secret-change-in-production', 'HS256 secret for the bearer tokens; must match the image API'), 'JWT_SECRET_KEY'),
  maxUploadBytes: env.int('MAX_UPLOAD_BYTES', 10 * 1024 * 1024, 'Largest file a form may send before its user_id (held on disk until the user is known; larger -> 413); the image API\'s limit', { min: 1 }),
  stressTestMaxRuns: env.int('STRESS_TEST_MAX_RUNS', 2, 'Stress tests that may run at once; another is refused 429 until one ends', { min: 1, max: 20 }),
  tokenTtlSeconds: env.int('TOKEN_TTL_S', 3600, 'Lifetime of generated tokens, in seconds', { min: 1, max: 31 * 24 * 3600 }),
  authIssuer: env.exactUrl('AUTH_ISSUER', 'http://localhost:8080/default', '"Sign in with the auth provider": the OAuth 2 / OIDC issuer, found through its discovery document'),
  authClientId: env.string('AUTH_CLIENT_ID', 'standin-client-app', 'The client id this app signs users in as'),
  authClientSecret: env.string('AUTH_CLIENT_SECRET', '', 'Its secret, sent with HTTP Basic; empty: a public client (PKCE alone)'),
  authProviderUrl: env.url('AUTH_PROVIDER_URL', '', 'Where this server reaches the issuer when the issuer\'s own origin does not work from here (Docker: http://auth:8080); browsers still go to the issuer\'s URLs'),
  authResource: env.url('AUTH_RESOURCE', '', 'The resource indicator asked for, the access token\'s audience; default IMAGE_API_URL (the image API accepts its own URL)'),
};

export type ClientAppConfig = ConfigOf<typeof clientAppSchema>;

/** Reads and validates the client app's configuration; throws one ConfigError naming every bad variable. */
export function readClientAppConfig(source: Environment = process.env): ClientAppConfig {
  return readConfig(clientAppSchema, source);
}
