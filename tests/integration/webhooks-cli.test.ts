import { createHash } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { standardWebhooksHeaders, verifyWithStandardWebhooks } from '../unit/webhooks/reference-signers';
import { startServer } from '../support/standin-harness';
import { getJson, postWebhook, putJson, seedSignature, type Schemas } from './webhooks/receiver-requests';
import { eventually } from '../support/eventually';
import { freePort } from '../support/health-poll';
import { startRawTarget } from './webhooks/raw-target';

// The built CLI (`npm test` builds first), as a developer runs it next to their app.
const cli = path.join(__dirname, '../../dist/src/cli.js');

interface CliRun {
  child: ChildProcess;
  output: () => string;
  /** Waits until the CLI has printed `text`, which lines of its own come whenever they come. */
  printed: (text: string, timeoutMs?: number) => Promise<boolean>;
}

function runCli(args: string[], env: Record<string, string> = {}): CliRun {
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, HOST: '127.0.0.1', STORAGE: 'memory', LOG_LEVEL: 'silent', ...env } });
  let output = '';
  child.stdout?.on('data', (chunk) => { output += chunk; });
  child.stderr?.on('data', (chunk) => { output += chunk; });
  const printed = (text: string, timeoutMs?: number) => eventually(() => output.includes(text), { timeoutMs, what: () => `${JSON.stringify(text)} in the output ${JSON.stringify(output)}` });
  return { child, output: () => output, printed };
}

async function exitOf(run: Pick<CliRun, 'child' | 'output'>): Promise<{ code: number | null; output: string }> {
  const [code] = await once(run.child, 'exit');
  return { code: code as number | null, output: run.output() };
}

/**
 * A way to `receiverUrl` that holds the event stream's request (GET /webhooks/stream) until
 * `release()`, as a busy machine may: everything else passes straight through.
 */
async function startStreamHoldingProxy(receiverUrl: string) {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => { release = resolve; });
  let streamHeld = false;
  const server = http.createServer((req, res) => {
    const pass = () => req.pipe(http.request(`${receiverUrl}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    }).on('error', () => res.destroy()));
    if (req.url !== '/webhooks/stream') return pass();
    streamHeld = true;
    void released.then(pass);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    streamHeld: () => streamHeld,
    release,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe('standin trigger', () => {
  it("sends a Stripe template signed with --secret, which Stripe's library verifies, and prints the answer", async () => {
    const secret = 'whsec_cli_stripe';
    const app = await startRawTarget((request) => {
      try {
        new Stripe('sk_test_standin').webhooks.constructEvent(request.body.toString('utf8'), String(request.headers['stripe-signature']), secret);
        return { status: 200, body: 'verified by stripe' };
      } catch (error) {
        return { status: 400, body: (error as Error).message };
      }
    });
    try {
      const { code, output } = await exitOf(runCli(['trigger', 'stripe.payment_intent.succeeded', '--to', `${app.url}/stripe`, '--secret', secret]));
      expect(output).toContain('answered 200');
      expect(output).toContain('verified by stripe');
      expect(code).toBe(0);
      expect(JSON.parse(app.received[0].body.toString()).type).toBe('payment_intent.succeeded');
    } finally {
      await app.close();
    }
  });

  it('signs with WEBHOOK_SECRET by default, exits 1 when the app refuses, and 2 for a bad command line', async () => {
    const app = await startRawTarget(() => ({ status: 401, body: 'refused' }));
    try {
      const refused = await exitOf(runCli(['trigger', 'image.failed', '--to', app.url], { WEBHOOK_SECRET: 'cli-secret' }));
      expect(refused.code).toBe(1);
      const sent = app.received[0];
      expect(() => verifyWithStandardWebhooks('cli-secret', sent.body.toString(), sent.headers as Record<string, string>)).not.toThrow();
      expect((await exitOf(runCli(['trigger', 'image.failed']))).code).toBe(2);
      expect((await exitOf(runCli(['trigger', 'image.failed', '--to', app.url, '--bogus']))).code).toBe(2);
      const unknown = await exitOf(runCli(['trigger', 'github.ping', '--to', app.url]));
      expect(unknown).toMatchObject({ code: 1, output: expect.stringContaining('no template named "github.ping"') });
    } finally {
      await app.close();
    }
  });
});

describe('standin listen', () => {
  it('refuses a --forward-to that is no URL, or names a host forwards may not reach, naming the option (exit 2)', async () => {
    for (const target of ['notaurl', 'http://example.com/hook']) {
      const { code, output } = await exitOf(runCli(['listen', '--forward-to', target], { WEBHOOK_PORT: '0' }));
      expect([target, code]).toEqual([target, 2]);
      expect(output).toMatch(/^standin: --forward-to: /);
    }
  });

  it('starts a receiver that forwards every delivery to the app, byte for byte, and prints the answers', async () => {
    const whsec = `whsec_${Buffer.from('listen key').toString('base64')}`;
    const app = await startRawTarget((request) => {
      try {
        verifyWithStandardWebhooks(whsec, request.body.toString('utf8'), request.headers as Record<string, string>);
        return { status: 204 };
      } catch {
        return { status: 400 };
      }
    });
    const run = runCli(['listen', '--forward-to', `${app.url}/hook`], { WEBHOOK_PORT: '0', WEBHOOK_SECRET: whsec });
    try {
      const receiverUrl = await eventually(() => run.output().match(/webhook receiver (http:\/\/\S+)/)?.[1], { timeoutMs: 15_000 });
      const body = '{"type":"user.created",  "id": 1}\n';
      const { json } = await postWebhook(receiverUrl, 'accounts', body, standardWebhooksHeaders(whsec, body));
      await run.printed(`--> ${json.event_id} accounts user.created, signature valid`);
      await run.printed('<-- 204 from the app');
      expect(app.received[0].body.toString()).toBe(body);
      run.child.kill('SIGINT');
      expect((await exitOf(run)).code).toBe(0);
    } finally {
      run.child.kill('SIGKILL');
      await app.close();
    }
  }, 30000);

  it('prints the deliveries without the request log of the receiver it starts', async () => {
    const app = await startRawTarget(() => ({ status: 204 }));
    const run = runCli(['listen', '--forward-to', `${app.url}/hook`], { WEBHOOK_PORT: String(await freePort()), LOG_LEVEL: '' });
    try {
      const receiverUrl = await eventually(() => run.output().match(/webhook receiver (http:\/\/\S+)/)?.[1], { timeoutMs: 15_000 });
      await run.printed('forwarding deliveries to');
      const { json } = await postWebhook(receiverUrl, 'accounts', '{"type":"user.created"}', {});
      await run.printed(`<-- 204 from the app in`);
      run.child.kill('SIGINT');
      const { output } = await exitOf(run);
      expect(output).toContain(json.event_id);
      expect(output).not.toMatch(/request completed|"level":/);
    } finally {
      run.child.kill('SIGKILL');
      await app.close();
    }
  }, 30000);

  it('says which folder keeps the data of the receiver it starts', async () => {
    const app = await startRawTarget(() => ({ status: 204 }));
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'standin-listen-'));
    const run = runCli(['listen', '--forward-to', `${app.url}/hook`], { WEBHOOK_PORT: String(await freePort()), STORAGE: 'fs', DATA_DIR: dataDir });
    try {
      await run.printed('forwarding deliveries to');
      expect(run.output()).toContain(`standin: data in ${dataDir} (DATA_DIR`);
    } finally {
      run.child.kill('SIGKILL');
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 30000);

  it("forwards one --client through a receiver already running, and puts the client's settings back on exit", async () => {
    const receiver = await startServer('webhooks');
    const app = await startRawTarget();
    try {
      // The CLI looks for a running receiver on WEBHOOK_PORT.
      const receiverPort = new URL(receiver.url).port;
      await putJson(`${receiver.url}/webhooks/clients/orders`, { scheme: 'github', secret: 'gh' });
      const run = runCli(['listen', '--forward-to', app.url, '--client', 'orders'], { WEBHOOK_PORT: receiverPort });
      await run.printed('(already running)', 15_000);
      expect((await getJson<Schemas['ClientSettings']>(`${receiver.url}/webhooks/clients/orders`)).forward_url).toBe(`${app.url}/`);
      await postWebhook(receiver.url, 'orders', '{"n":1}');
      await postWebhook(receiver.url, 'others', '{"n":2}');
      await run.printed('<-- 200 from the app');
      expect(app.received.map((request) => request.body.toString())).toEqual(['{"n":1}']);
      run.child.kill('SIGINT');
      expect((await exitOf(run)).code).toBe(0);
      expect(await getJson<Schemas['ClientSettings']>(`${receiver.url}/webhooks/clients/orders`)).toMatchObject({ scheme: 'github', secret_set: true, secret_sha256_prefix: createHash('sha256').update('gh').digest('hex').slice(0, 8), forward_url: null });
    } finally {
      await app.close();
      await receiver.close();
    }
  }, 40000);

  it("prints a sender's event type with its control characters escaped, so no delivery can drive the terminal", async () => {
    const receiver = await startServer('webhooks');
    const app = await startRawTarget();
    const run = runCli(['listen', '--forward-to', app.url], { WEBHOOK_PORT: new URL(receiver.url).port });
    try {
      await run.printed('(already running)', 15_000);
      // An OSC title change, a screen clear and a colour, as JSON escapes in the body.
      const sent = await postWebhook(receiver.url, 'anyone', '{"type":"\\u001b]0;pwned\\u0007\\u001b[2Jpaid\\u001b[31m\\u009b"}');
      await run.printed(`--> ${sent.json.event_id} anyone \\x1b]0;pwned\\x07\\x1b[2Jpaid\\x1b[31m\\x9b, signature missing`);
      await run.printed('<-- 200 from the app');
      expect([...run.output()].filter((character) => character !== '\n' && /\p{Cc}/u.test(character))).toEqual([]);
    } finally {
      run.child.kill('SIGINT');
      await exitOf(run);
      await app.close();
      await receiver.close();
    }
  }, 40000);

  it('says it is forwarding only once it follows the event stream, so the first delivery sent after is printed', async () => {
    const receiver = await startServer('webhooks');
    const app = await startRawTarget();
    const proxy = await startStreamHoldingProxy(receiver.url);
    const run = runCli(['listen', '--forward-to', app.url], { WEBHOOK_PORT: String(proxy.port) });
    try {
      await eventually(proxy.streamHeld, { timeoutMs: 15_000, what: 'the event stream to be asked for' });
      expect(run.output()).not.toContain('forwarding deliveries');
      proxy.release();
      await run.printed('forwarding deliveries');
      const sent = await postWebhook(receiver.url, 'early', '{"type":"first.one"}');
      await run.printed(`--> ${sent.json.event_id} early first.one, signature missing`);
      await run.printed('<-- 200 from the app');
    } finally {
      run.child.kill('SIGINT');
      await exitOf(run);
      await proxy.close();
      await app.close();
      await receiver.close();
    }
  }, 40000);

  it('forwards every client through a receiver already running, byte for byte, and stops forwarding once stopped', async () => {
    const receiver = await startServer('webhooks');
    const app = await startRawTarget((request) => ({ status: request.headers['x-webhook-signature'] === seedSignature(request.body) ? 202 : 400 }));
    const defaultUrl = `${receiver.url}/webhooks/forwards/default`;
    const run = runCli(['listen', '--forward-to', `${app.url}/hook`], { WEBHOOK_PORT: new URL(receiver.url).port });
    try {
      await run.printed('(already running)', 15_000);
      expect(await getJson<Schemas['DefaultForward']>(defaultUrl)).toEqual({ forward_to: `${app.url}/hook` });
      const body = Buffer.from('{"event_type":"image.processed",\t"note":"caf\u00e9 \\u00e9"}\r\n');
      const sent = await postWebhook(receiver.url, 'anyone', body, { 'x-webhook-signature': seedSignature(body), 'X-Custom-Case': 'Kept' });
      await run.printed(`--> ${sent.json.event_id} anyone image.processed, signature valid`);
      await run.printed('<-- 202 from the app');
      expect(app.received).toHaveLength(1);
      expect(app.received[0].body.equals(body)).toBe(true);
      expect(app.received[0].path).toBe('/hook');
      expect(app.received[0].headers['x-custom-case']).toBe('Kept');

      run.child.kill('SIGTERM');
      expect((await exitOf(run)).code).toBe(0);
      expect(await getJson<Schemas['DefaultForward']>(defaultUrl)).toEqual({ forward_to: null });
      const after = await postWebhook(receiver.url, 'anyone', '{"n":2}', { 'x-webhook-signature': seedSignature('{"n":2}') });
      // A forward is queued with its event, in the same transaction: an event without one is never forwarded.
      expect((await getJson<Schemas['EventDetail']>(`${receiver.url}/webhooks/events/${after.json.event_id}`)).forwards).toEqual([]);
      expect(app.received).toHaveLength(1);
    } finally {
      run.child.kill('SIGKILL');
      await app.close();
      await receiver.close();
    }
  }, 40000);
});
