/**
 * A standin server in a child process, for tests that kill it with SIGKILL (kill -9) and start
 * it again on the same DATA_DIR: what survives is what the disk kept, not what memory held.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ServerName } from '../../src/server-names';

export interface ChildServer {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** SIGKILL, and resolves once the process is gone (at once if it already is). */
  kill(): Promise<void>;
}

const SERVER_PROCESS = path.join(__dirname, 'server-process.js');

/**
 * For a hook that starts a server, kills it and starts it again: each start costs seconds of CPU
 * (the spec's validators are compiled), which a busy two-core machine stretches several times.
 */
export const RESTART_SCENARIO_TIMEOUT_MS = 60_000;

/** Every child not known to be gone, tracked from the spawn so a test that times out mid-start leaves none. */
const running = new Set<ChildProcess>();

/** Starts `name` with `env` on top of this process's environment and waits for the URL it prints. */
export function startChildServer(name: ServerName, env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, [SERVER_PROCESS, name], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('{'));
      if (!line) return;
      const { url } = JSON.parse(line) as { url: string };
      resolve({ url, port: Number(new URL(url).port), child, kill: () => killed(child) });
    });
    child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.once('exit', (code, signal) => reject(new Error(`${name} exited (${code ?? signal}) before listening: ${stderr}`)));
  });
}

/** Kills every child server still running (call it in afterEach or afterAll). */
export async function killChildServers(): Promise<void> {
  await Promise.all([...running].map(killed));
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
