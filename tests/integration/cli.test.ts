import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

// Runs the built CLI (`npm test` builds first), as `npm start` and the Docker image do.
const cli = path.join(__dirname, '../../dist/src/cli.js');

function startCli(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, HOST: '127.0.0.1', STORAGE: 'memory', LOG_LEVEL: 'silent', ...env } });
  let output = '';
  child.stdout?.on('data', (chunk) => { output += chunk; });
  child.stderr?.on('data', (chunk) => { output += chunk; });
  return { child, output: () => output };
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('standin CLI', () => {
  it('starts one server by name, on the port its variable names, and stops cleanly on SIGTERM', async () => {
    const { child, output } = startCli(['start', 's3'], { S3_PORT: '0' });
    const url = await waitFor(() => output().match(/S3 mock\s+(http:\/\/\S+)/)?.[1]);
    const health = await (await fetch(`${url}/health`)).json();
    expect(health.service).toBe('s3-mock');
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(output()).toContain('SIGTERM, finishing in-flight requests');
  });

  it('refuses a bad setting with a message naming the variable', async () => {
    const { child, output } = startCli(['start', 'webhooks'], { WEBHOOK_PORT: '0', WEBHOOK_MAX_BODY: 'lots' });
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(output()).toContain('WEBHOOK_MAX_BODY: expected an integer, got "lots"');
  });

  it('refuses an unknown server name', async () => {
    const { child, output } = startCli(['start', 'ftp'], {});
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(output()).toContain('unknown server: ftp');
  });
});
