import { isHostPattern, isOriginPattern, LOOPBACK_ORIGINS } from './request-guard';

/**
 * Configuration is read from the environment once, at start-up, and validated as a whole:
 * a bad value stops the server with one message naming every offending variable.
 */
export interface Field<T> {
  readonly name: string;
  /** Other names read, in turn, when `name` is unset (see `alsoRead`). */
  readonly aliases?: readonly string[];
  readonly description: string;
  readonly defaultValue: T;
  parse(raw: string): T;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

function field<T>(name: string, defaultValue: T, description: string, parse: (raw: string) => T): Field<T> {
  return { name, defaultValue, description, parse };
}

/** A comma-separated list, items trimmed, empty ones dropped. */
function splitList(raw: string): string[] {
  return raw.split(',').map((item) => item.trim()).filter((item) => item.length > 0);
}

export const env = {
  /** `check` says what is wrong with the value (without repeating it: it may be a secret), or undefined when it is fine. */
  string: (name: string, defaultValue: string, description: string, check?: (value: string) => string | undefined) =>
    field(name, defaultValue, description, (raw) => {
      const problem = check?.(raw);
      if (problem !== undefined) throw new Error(problem);
      return raw;
    }),

  int: (name: string, defaultValue: number, description: string, range: { min?: number; max?: number } = {}) =>
    field(name, defaultValue, description, (raw) => {
      const value = Number(raw);
      if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value)) throw new Error(`expected an integer, got "${raw}"`);
      if (range.min !== undefined && value < range.min) throw new Error(`must be >= ${range.min}, got ${value}`);
      if (range.max !== undefined && value > range.max) throw new Error(`must be <= ${range.max}, got ${value}`);
      return value;
    }),

  number: (name: string, defaultValue: number, description: string, range: { min?: number; max?: number } = {}) =>
    field(name, defaultValue, description, (raw) => {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value)) throw new Error(`expected a number, got "${raw}"`);
      if (range.min !== undefined && value < range.min) throw new Error(`must be >= ${range.min}, got ${value}`);
      if (range.max !== undefined && value > range.max) throw new Error(`must be <= ${range.max}, got ${value}`);
      return value;
    }),

  bool: (name: string, defaultValue: boolean, description: string) =>
    field(name, defaultValue, description, (raw) => {
      const value = raw.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(value)) return true;
      if (['0', 'false', 'no', 'off', ''].includes(value)) return false;
      throw new Error(`expected true or false, got "${raw}"`);
    }),

  /** `check` says what is wrong with one item (the message follows the item), or undefined when it is fine. */
  list: (name: string, defaultValue: string[], description: string, check?: (item: string) => string | undefined) =>
    field(name, defaultValue, description, (raw) => {
      const items = splitList(raw);
      const problems = items.flatMap((item) => {
        const problem = check?.(item);
        return problem === undefined ? [] : [`"${item}" ${problem}`];
      });
      if (problems.length > 0) throw new Error(problems.join('; '));
      return items;
    }),

  oneOf: <T extends string>(name: string, choices: readonly T[], defaultValue: T, description: string) =>
    field<T>(name, defaultValue, description, (raw) => {
      if (!(choices as readonly string[]).includes(raw)) throw new Error(`expected one of ${choices.join(', ')}, got "${raw}"`);
      return raw as T;
    }),

  url: (name: string, defaultValue: string, description: string) =>
    field(name, defaultValue, description, (raw) => requestUrl(raw).replace(/\/+$/, '')),

  /**
   * An http(s) origin (scheme, host and port) as written, without a trailing slash, for a base that
   * paths are added to: a path, query, fragment or user name in it is refused, not carried along.
   */
  origin: (name: string, defaultValue: string, description: string) =>
    field(name, defaultValue, description, (raw) => {
      const url = new URL(httpUrl(raw));
      if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
        throw new Error('expected an origin such as http://localhost:8080: scheme, host and port, without a path, query, fragment or user name');
      }
      return raw.replace(/\/+$/, '');
    }),

  /** An http(s) URL kept exactly as written, for identifiers compared as strings (an OAuth issuer). */
  exactUrl: (name: string, defaultValue: string, description: string) => field(name, defaultValue, description, requestUrl),
};

function httpUrl(raw: string): string {
  if (!['http:', 'https:'].includes(new URL(raw).protocol)) throw new Error(`expected an http(s) URL, got "${raw}"`);
  return raw;
}

/**
 * An http(s) URL a server sends requests to. fetch refuses one with a user name or password (the
 * fetch standard's "Request cannot be constructed from a URL that includes credentials"), and
 * /health and the logs, which show the URLs a server calls, would show its password.
 */
function requestUrl(raw: string): string {
  const url = new URL(httpUrl(raw));
  if (url.username || url.password) throw new Error('expected an http(s) URL without a user name or password, which no request made with it could send');
  return raw;
}

/**
 * `field`, read from the first of its name and `aliases` that is set: for a setting the seed's
 * services know by more than one name (the image service's JWT_SECRET_KEY is the client app's
 * JWT_SECRET), so one `.env` written for either drives both.
 */
export function alsoRead<T>(spec: Field<T>, ...aliases: string[]): Field<T> {
  return { ...spec, aliases };
}

export type ConfigSchema = Record<string, Field<unknown>>;
export type ConfigOf<S extends ConfigSchema> = { [K in keyof S]: S[K] extends Field<infer T> ? T : never };
export type Environment = Record<string, string | undefined>;

/** Reads every field of `schema` from `source`; unset or empty variables take their default. */
export function readConfig<S extends ConfigSchema>(schema: S, source: Environment = process.env): ConfigOf<S> {
  const problems: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(schema)) {
    const name = [spec.name, ...(spec.aliases ?? [])].find((candidate) => source[candidate] !== undefined && source[candidate] !== '');
    if (name === undefined) {
      config[key] = spec.defaultValue;
      continue;
    }
    try {
      config[key] = spec.parse(source[name] as string);
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config as ConfigOf<S>;
}

/** The settings every server shares. */
export const commonSchema = {
  storage: env.oneOf('STORAGE', ['fs', 'memory'] as const, 'fs', 'Where data lives: fs (under DATA_DIR, survives restarts) or memory (for tests)'),
  dataDir: env.string('DATA_DIR', '.data', 'Folder for SQLite databases and object bodies'),
  logLevel: env.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info', 'pino log level'),
  logFormat: env.oneOf('LOG_FORMAT', ['auto', 'json'] as const, 'auto', 'auto: pretty in a terminal, JSON when piped; json: JSON in a terminal too'),
  allowedOrigins: env.list('CORS_ORIGIN', LOOPBACK_ORIGINS, 'Origins whose pages may call the JSON APIs and change state (`*` for any)', (origin) =>
    isOriginPattern(origin) ? undefined : 'is no origin such as http://localhost:5173 or http://*.example.test:*',
  ),
  allowedHosts: env.list('ALLOWED_HOSTS', [], 'Host names the servers answer besides loopback and *.localhost (`.example.test` for a domain and its subdomains, `*` for any)', (host) =>
    isHostPattern(host) ? undefined : 'is no host name such as devbox or .example.test',
  ),
};
export type CommonConfig = ConfigOf<typeof commonSchema>;
