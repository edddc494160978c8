import { commonSchema, env, readConfig, type ConfigOf, type Environment } from '../kit/config';

/** The client app's settings; names and defaults are the seed's (IMAGE_API_URL, JWT_SECRET). */
const clientAppSchema = {
  ...commonSchema,
  imageApiUrl: env.url('IMAGE_API_URL', 'http://localhost:8002', 'Base URL of the image API the app uploads to'),
  jwtSecret: env.string('JWT_SECRET', 'dev-secret-change-in-production', 'HS256 secret for the bearer tokens; must match the image API'),
  tokenTtlSeconds: env.int('TOKEN_TTL_S', 3600, 'Lifetime of generated tokens, in seconds', { min: 1, max: 31 * 24 * 3600 }),
};

export type ClientAppConfig = ConfigOf<typeof clientAppSchema>;

/** Reads and validates the client app's configuration; throws one ConfigError naming every bad variable. */
export function readClientAppConfig(source: Environment = process.env): ClientAppConfig {
  return readConfig(clientAppSchema, source);
}
