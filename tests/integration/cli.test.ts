import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { eventually } from '../support/eventually';
import { freePort, pollHealth, type PollResult } from '../support/health-poll';

// Runs the built CLI (`npm test` builds first), as `npm start` and the Docker image do.
const cli = path.join(__dirname, '../../dist/src/cli.js');

function startCli(args: string[], env: Record<string, string>, cwd?: string): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...process.env, HOST: '127.0.0.1', STORAGE: 'memory', LOG_LEVEL: 'silent', ...env } });
  let output = '';
  child.stdout?.on('data', (chunk) => { output += chunk; });
  child.stderr?.on('data', (chunk) => { output += chunk; });
  return { child, output: () => output };
}

/** The machine's own non-loopback IPv4 address, if it has one. */
function externalAddress(): string | undefined {
  return Object.values(os.networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
}

describe('standin CLI', () => {
  it('answers every request from the moment each port opens, while the servers start', async () => {
    const ports = { S3_PORT: await freePort(), WEBHOOK_PORT: await freePort(), IMAGE_API_PORT: await freePort(), CLIENT_PORT: await freePort() };
    const { child } = startCli(['start', 'all'], Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])));
    try {
      const polls: Array<Promise<PollResult>> = [];
      const healthy = new Set<number>();
      const deadline = Date.now() + 40000;
      while (healthy.size < 4 && Date.now() < deadline) {
        for (const port of Object.values(ports).filter((p) => !healthy.has(p))) {
          const poll = pollHealth(port, 10000);
          polls.push(poll);
          void poll.then((status) => { if (status === 200) healthy.add(port); });
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const results = await Promise.all(polls);
      expect(healthy.size).toBe(4);
      expect(results.filter((r) => r === 'no answer')).toEqual([]);
    } finally {
      child.kill('SIGKILL');
    }
  }, 70000);

  it('keeps serving after a promise fails with nothing to handle it, and says so', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'standin-cli-'));
    // Stands in for a bug: a rejection nobody observes, once the receiver answers.
    const preload = path.join(dir, 'forgotten-promise.js');
    const rejectOnceServing = `const poll = setInterval(() => {
  fetch('http://127.0.0.1:' + process.env.WEBHOOK_PORT + '/health').then(() => { clearInterval(poll); Promise.reject(new Error('forgotten promise')); }, () => undefined);
}, 50);
`;
    await writeFile(preload, rejectOnceServing);
    const port = await freePort();
    const { child, output } = startCli(['start', 'webhooks'], { WEBHOOK_PORT: String(port), NODE_OPTIONS: `--require ${preload}` });
    try {
      await eventually(() => output().includes('forgotten promise'), { timeoutMs: 15_000, what: 'the rejection reported' });
      expect(output()).toContain('a promise failed with nothing to handle it');
      expect(await pollHealth(port, 5000)).toBe(200);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('listens on loopback only unless HOST says otherwise', async () => {
    const { child, output } = startCli(['start', 'webhooks'], { WEBHOOK_PORT: '0', HOST: '' });
    try {
      const url = await eventually(() => output().match(/webhook receiver\s+(http:\/\/\S+)/)?.[1], { timeoutMs: 15_000 });
      expect(new URL(url).hostname).toBe('127.0.0.1');
      const address = externalAddress();
      if (address) {
        const viaNetwork = await new Promise<string>((resolve) => {
          http.get({ host: address, port: Number(new URL(url).port), path: '/health', agent: false }, () => resolve('answered')).on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
        });
        expect(viaNetwork).toBe('ECONNREFUSED');
      }
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('starts one server by name, on the port its variable names, and stops cleanly on SIGTERM', async () => {
    const { child, output } = startCli(['start', 's3'], { S3_PORT: '0' });
    const url = await eventually(() => output().match(/S3 mock\s+(http:\/\/\S+)/)?.[1], { timeoutMs: 15_000 });
    const health = await (await fetch(`${url}/health`)).json();
    expect(health.service).toBe('s3-mock');
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(output()).toContain('SIGTERM, finishing in-flight requests');
  });

  it('says at start-up which folder keeps the data, or that nothing is kept', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'standin-cli-'));
    const onDisk = startCli(['start', 's3'], { S3_PORT: '0', STORAGE: 'fs', DATA_DIR: 'my-data' }, dir);
    const inMemory = startCli(['start', 's3'], { S3_PORT: '0' });
    try {
      await eventually(() => onDisk.output().includes('standin: data in'), { timeoutMs: 15_000, what: 'the data line' });
      expect(onDisk.output()).toContain(`standin: data in ${path.join(dir, 'my-data')} (DATA_DIR`);
      await eventually(() => inMemory.output().includes('standin: data is kept in memory'), { timeoutMs: 15_000, what: 'the memory line' });
    } finally {
      onDisk.child.kill('SIGKILL');
      inMemory.child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bad setting with a message naming the variable', async () => {
    const { child, output } = startCli(['start', 'webhooks'], { WEBHOOK_PORT: '0', WEBHOOK_MAX_BODY: 'lots' });
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(output()).toContain('WEBHOOK_MAX_BODY: expected an integer, got "lots"');
  });

  it.each([
    ['S3_PORT', { S3_PORT: 'nine thousand' }, 'S3_PORT: expected a port number, got "nine thousand"'],
    ['PORT (one server alone)', { S3_PORT: '', PORT: '-1' }, 'PORT: expected a port number, got "-1"'],
    ['HOST', { S3_PORT: '0', HOST: '192.0.2.1' }, 'HOST: cannot listen on "192.0.2.1"'],
  ])('refuses a bad %s with one line naming it', async (_, env, message) => {
    const { child, output } = startCli(['start', 's3'], env);
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(output()).toContain(message);
    expect(output()).not.toMatch(/^\s+at /m);
  });

  it('names the variable of a port another program holds', async () => {
    const holder = http.createServer();
    holder.listen(0, '127.0.0.1');
    await once(holder, 'listening');
    const held = (holder.address() as { port: number }).port;
    try {
      const { child, output } = startCli(['start', 's3', 'webhooks'], { S3_PORT: '0', WEBHOOK_PORT: String(held) });
      const [code] = await once(child, 'exit');
      expect(code).toBe(2);
      expect(output()).toContain(`WEBHOOK_PORT: port ${held} of the webhook receiver is in use by another program; set WEBHOOK_PORT to a free port`);
      expect(output()).not.toMatch(/^\s+at /m);
    } finally {
      holder.close();
    }
  });

  it('refuses an unknown server name', async () => {
    const { child, output } = startCli(['start', 'ftp'], {});
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(output()).toContain('unknown server: ftp');
  });
});
