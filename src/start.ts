import { ConfigError, listen } from './kit';
import type { Environment } from './kit/config';
import type { RunningServer } from './kit/running-server';
import { SERVER_NAMES, type ServerName } from './server-names';
import { SERVERS } from './servers';

export interface StartOptions {
  /** Which servers to start (default: all five). */
  servers?: readonly ServerName[];
  /** 0 starts every server on an ephemeral port; unset uses each server's configured port. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** 'memory' keeps nothing on disk (default for the programmatic API). */
  storage?: 'fs' | 'memory';
  dataDir?: string;
  logLevel?: string;
  /** Extra environment variables, e.g. { JWT_SECRET: '...' }; process.env is the base. */
  env?: Environment;
  /** false leaves process.env out, so only `env` configures the servers (tests that must not change with the caller's shell). */
  inheritEnv?: boolean;
  /** How long shutdown waits for in-flight requests, in ms. */
  graceMs?: number;
  /** How long a request body may send nothing before the request is answered and closed, in ms (default 20 s). */
  stalledRequestMs?: number;
}

export interface Standin {
  /** Base URL of each started server, e.g. urls.s3 === 'http://127.0.0.1:39211'. */
  readonly urls: Partial<Record<ServerName, string>>;
  readonly servers: Partial<Record<ServerName, RunningServer>>;
  close(): Promise<void>;
}

/**
 * Starts servers wired to each other: a later server gets the URLs of the earlier ones
 * (AWS_ENDPOINT_URL, WEBHOOK_URL, AUTH_ISSUER, IMAGE_API_URL) unless the caller set those variables.
 */
export async function start(options: StartOptions = {}): Promise<Standin> {
  const wanted = new Set(options.servers ?? SERVER_NAMES);
  const given: Environment = { ...(options.inheritEnv === false ? {} : process.env), ...options.env };
  const env: Environment = {
    ...given,
    ...(options.storage ? { STORAGE: options.storage } : {}),
    ...(options.dataDir ? { DATA_DIR: options.dataDir } : {}),
    LOG_LEVEL: options.logLevel ?? options.env?.LOG_LEVEL ?? (options.port === 0 ? 'silent' : given.LOG_LEVEL),
  };
  const urls: Partial<Record<ServerName, string>> = {};
  const servers: Partial<Record<ServerName, RunningServer>> = {};
  const close = async () => {
    // Stop in reverse order, so no server outlives the one it calls.
    for (const name of [...SERVER_NAMES].reverse()) await servers[name]?.close();
  };

  try {
    for (const name of SERVER_NAMES.filter((n) => wanted.has(n))) {
      const entry = SERVERS[name];
      const port = options.port ?? portFor(entry.portVariable, entry.defaultPort, env, wanted.size === 1);
      const running = await listen(
        (url) => entry.create(withDefaults(env, entry.selfLinks(knownAs(url, port)), given)),
        { port, host: options.host ?? '127.0.0.1', graceMs: options.graceMs, stalledRequestMs: options.stalledRequestMs },
      ).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EADDRINUSE') throw error;
        // Said as the setting to change, since several servers start at once (npm start's five).
        const variable = portVariableName(entry.portVariable, env, wanted.size === 1);
        throw new ConfigError([`${variable}: port ${port} of the ${entry.title} is in use by another program; set ${variable} to a free port`]);
      });
      servers[name] = running;
      urls[name] = knownAs(running.url, port);
      Object.assign(env, withDefaults({}, entry.links(urls[name]), given));
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { urls, servers, close };
}

/**
 * The URL a server is known by. On a port of its own on 127.0.0.1 that is `localhost`, the name
 * the README and every default use: an OAuth issuer is its URL as the client wrote it, so the
 * image API must expect the `iss` and `aud` of a token asked for at http://localhost:8080/default.
 * On an ephemeral port it stays the IP address: `localhost` may name ::1 first, where another
 * program can hold the same port number.
 */
function knownAs(url: string, port: number): string {
  return port === 0 ? url : url.replace(/^http:\/\/127\.0\.0\.1:/, 'http://localhost:');
}

/** Adds `links` to `env` except where the caller set the variable explicitly. */
function withDefaults(env: Environment, links: Environment, given: Environment): Environment {
  const result = { ...env };
  for (const [name, value] of Object.entries(links)) if (!given[name]) result[name] = value;
  return result;
}

function portFor(variable: string, defaultPort: number, env: Environment, alone: boolean): number {
  const raw = env[variable] || (alone ? env.PORT : undefined);
  if (!raw) return defaultPort;
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || port > 65535) throw new ConfigError([`${portVariableName(variable, env, alone)}: expected a port number, got "${raw}"`]);
  return port;
}

/** The variable a server's port came from: its own, or the seed's PORT for a server started alone. */
function portVariableName(variable: string, env: Environment, alone: boolean): string {
  return alone && !env[variable] && env.PORT ? 'PORT' : variable;
}
