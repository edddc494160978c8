#!/usr/bin/env node
import './compile-cache';
import { whereDataGoes } from './cli/data-location';
import { startCommandSchema } from './cli/start-settings';
import { LISTEN_USAGE, TRIGGER_USAGE } from './cli/usage';
import { UsageError } from './cli/usage-error';
import { ConfigError, readConfig, StorageError } from './kit';
import { SERVER_NAMES, isServerName, type ServerName } from './server-names';
import { SERVERS } from './servers';
import { start, type Standin } from './start';
import { WebhookError } from './webhooks/errors';

const USAGE = `Usage: standin start [all|${SERVER_NAMES.join('|')}]...
  Starts the standin servers (default: all). Settings come from environment variables;
  see the README's table. Stop with Ctrl-C (SIGINT) or SIGTERM.

${LISTEN_USAGE}

${TRIGGER_USAGE}`;

function parseServers(args: string[]): ServerName[] {
  if (args.length === 0 || args.includes('all')) return [...SERVER_NAMES];
  const unknown = args.filter((name) => !isServerName(name));
  if (unknown.length > 0) throw new UsageError(`unknown server: ${unknown.join(', ')}`);
  return args as ServerName[];
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return;
  }
  // Each command loads what it needs only when it runs: `start` must not wait for the others'.
  if (command === 'listen') {
    const { listenCommand } = await import('./cli/listen-command');
    await listenCommand(rest);
    process.exit(0);
  }
  if (command === 'trigger') {
    const { triggerCommand } = await import('./cli/trigger-command');
    process.exitCode = await triggerCommand(rest);
    return;
  }
  if (command !== 'start') throw new UsageError(`unknown command: ${command}`);

  reportUnhandledRejections();
  const { host } = readConfig(startCommandSchema);
  const standin = await start({ servers: parseServers(rest), host, graceMs: 5000 });
  for (const [name, url] of Object.entries(standin.urls)) {
    console.log(`standin: ${SERVERS[name as ServerName].title.padEnd(20)} ${url}  (docs: ${url}/docs)`);
  }
  console.log(`standin: ${whereDataGoes()}`);
  stopOnSignals(standin);
}

/**
 * By Node's default, one promise that failed with nothing to handle it ends the process, and with
 * it every server it runs, in the middle of other requests. It is a bug of standin: it is said
 * with its trace, and the servers keep serving.
 */
function reportUnhandledRejections(): void {
  process.on('unhandledRejection', (reason) => {
    console.error('standin: a bug: a promise failed with nothing to handle it (the servers keep running; please report this trace):', reason);
  });
}

function stopOnSignals(standin: Standin): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`standin: ${signal} again, exiting now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`standin: ${signal}, finishing in-flight requests...`);
    standin.close().then(
      () => process.exit(0),
      (error) => {
        console.error('standin: error while stopping:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // A refused target, an unknown template, an app that did not answer, a DATA_DIR that cannot be used: said in one line.
  if (error instanceof WebhookError || error instanceof StorageError) {
    console.error(`standin: ${error.message}`);
    process.exit(1);
  }
  if (error instanceof ConfigError || error instanceof UsageError) {
    console.error(`standin: ${error.message}`);
    if (error instanceof UsageError) console.error(USAGE);
    process.exit(2);
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOTFOUND' || code === 'EADDRNOTAVAIL') {
    console.error(`standin: HOST: cannot listen on "${process.env.HOST}" (${(error as Error).message}); give an address of this machine, such as 127.0.0.1 or 0.0.0.0`);
    process.exit(2);
  }
  console.error('standin: failed to start:', error);
  process.exit(1);
});
