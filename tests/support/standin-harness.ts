/**
 * The one way tests start standin servers in this process: through the public start()
 * (src/index.ts), as users' own tests do. Servers listen on ephemeral loopback ports, keep their
 * data in memory unless given a `dataDir`, log nothing unless LOG_LEVEL is set in the shell, and
 * see only the `env` the test gives them (not the caller's shell). Servers started together are
 * wired to each other by start() (AWS_ENDPOINT_URL, WEBHOOK_URL, IMAGE_API_URL).
 *
 *   const standin = useStandin({ servers: ['s3', 'image-api'] });   // beforeAll/afterAll in this file
 *   const receiver = await startServer('webhooks', { env: {...} }); // manual control (restarts)
 *
 * Servers that must die with SIGKILL run in a child process instead: tests/support/child-server.ts.
 */
import { start, type ServerName, type Standin } from '../../src';
import type { Environment, RunningServer } from '../../src/kit';

export interface StandinOptions {
  servers: readonly ServerName[];
  env?: Environment;
  /** Keeps the servers' data in files under this directory (restart tests) instead of memory. */
  dataDir?: string;
  /** The port of a server started alone; default 0, ephemeral (a restart on the port a page has open). */
  port?: number;
  /** How long a request body may send nothing before it is answered (start()'s stalledRequestMs). */
  stalledRequestMs?: number;
  /** How long close() waits for requests still under way before it cuts them (start()'s graceMs). */
  graceMs?: number;
}

/** Starts `servers`, wired to each other; the caller closes them. */
export function startStandin({ servers, env = {}, dataDir, port = 0, stalledRequestMs, graceMs }: StandinOptions): Promise<Standin> {
  return start({
    servers,
    port,
    stalledRequestMs,
    graceMs,
    storage: dataDir ? 'fs' : 'memory',
    dataDir,
    env,
    inheritEnv: false,
    logLevel: process.env.LOG_LEVEL ?? 'silent',
  });
}

/** Starts one server alone; its close() stops it. */
export async function startServer(name: ServerName, options: Omit<StandinOptions, 'servers'> = {}): Promise<RunningServer> {
  const standin = await startStandin({ ...options, servers: [name] });
  return standin.servers[name]!;
}

/**
 * Starts `servers` before the calling file's tests and closes them after. `options` may be a
 * function when it depends on something an earlier beforeAll prepares (a temp dir). Call it at
 * the top of the file, before any hook that uses the servers.
 */
export function useStandin(options: StandinOptions | (() => StandinOptions)): Standin {
  let standin: Standin | undefined;
  beforeAll(async () => {
    standin = await startStandin(typeof options === 'function' ? options() : options);
  });
  afterAll(async () => {
    await standin?.close();
  });

  const running = (): Standin => {
    if (!standin) throw new Error('the servers are not running (useStandin serves tests and hooks after its beforeAll)');
    return standin;
  };
  return {
    get urls() {
      return running().urls;
    },
    get servers() {
      return running().servers;
    },
    close: () => running().close(),
  };
}
