import { commonSchema, ConfigError, env, readConfig, type ConfigOf, type Environment } from '../kit/config';
import { readStaticDirectory, type StaticDirectory } from './directory';
import { InvalidDefinitionError } from './errors';

/** The auth provider's settings (README, "Auth provider"). */
export const authProviderSchema = {
  ...commonSchema,
  issuerBase: env.origin('AUTH_ISSUER_BASE', '', 'Fixed origin of every issuer, without a path (e.g. http://localhost:8080 in Docker, where containers and browsers see different hosts); default: the base URL each client used'),
  strict: env.bool('AUTH_STRICT', false, 'true accepts only registered clients (AUTH_CONFIG, AUTH_CLIENTS, the control API) with their exact redirect URIs; false accepts any client_id and any loopback redirect URI'),
  configFile: env.string('AUTH_CONFIG', '', 'JSON file with extra users ({"users": {"carol": {"email": ...}}}) and registered clients ({"clients": [{"client_id": ...}]}) for every issuer'),
  clients: env.string('AUTH_CLIENTS', '', 'Registered clients as a JSON array, the same shape as AUTH_CONFIG\'s "clients"'),
  keyGraceS: env.int('AUTH_KEY_GRACE_S', 3600, 'How long a rotated-out signing key stays in the JWKS, in seconds', { min: 0 }),
  accessTokenTtlS: env.int('AUTH_ACCESS_TOKEN_TTL_S', 3600, 'Lifetime of access tokens, in seconds', { min: 1 }),
};

export type AuthProviderConfig = ConfigOf<typeof authProviderSchema> & {
  /** The users and clients AUTH_CONFIG and AUTH_CLIENTS define, read once. */
  staticDirectory: StaticDirectory;
};

/** Reads and validates the auth provider's configuration; throws one ConfigError naming every bad variable. */
export function readAuthProviderConfig(source: Environment = process.env): AuthProviderConfig {
  const config = readConfig(authProviderSchema, source);
  // The users and clients AUTH_CONFIG and AUTH_CLIENTS define are read here, so a bad one is
  // a configuration error like any other setting's.
  try {
    return { ...config, staticDirectory: readStaticDirectory(config.configFile, config.clients) };
  } catch (error) {
    if (!(error instanceof InvalidDefinitionError)) throw error;
    throw new ConfigError([error.message]);
  }
}
