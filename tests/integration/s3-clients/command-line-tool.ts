import { spawn } from 'node:child_process';

export interface ToolRun {
  /** The command as a person would type it, for failure messages. */
  command: string;
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs a client command to completion, keeping stdout as bytes (object contents are compared
 * byte for byte). The client sees only the configuration the test gives it: inherited AWS_*
 * variables are dropped (an AWS_CA_BUNDLE or AWS_PROFILE on the machine would change what
 * rclone's Go SDK and s3cmd do).
 */
export function runTool(tool: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; stdin?: Buffer } = {}): Promise<ToolRun> {
  const command = [tool, ...args.map(quoteForShell)].join(' ');
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env: { ...inherited, LANG: 'C.UTF-8', ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.end(options.stdin);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ command, code, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8') }));
  });
}

/** The run's stdout as text, or an error carrying the command and what the client said. */
export function succeeded(run: ToolRun): string {
  if (run.code !== 0) {
    throw new Error(`\`${run.command}\` exited with ${run.code}\n--- stderr (last 4000 chars) ---\n${run.stderr.slice(-4000)}\n--- stdout ---\n${run.stdout.toString('utf8').slice(-2000)}`);
  }
  return run.stdout.toString('utf8');
}

function quoteForShell(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
