/** A request whose body stops arriving is answered and closed; one still moving, or being streamed, is not (listen, src/kit/http-server.ts). */
import http from 'node:http';
import { start, type Standin } from '../../src/start';

const STALLED_MS = 300;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Announces `declared` bytes of body, sends `sent`, then sends nothing more. */
function stalledRequest(url: string, method: string, path: string, headers: Record<string, string>, declared: number, sent: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, url), { method, headers: { ...headers, 'content-length': String(declared) }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.write(sent);
  });
}

/** Sends `body` a byte at a time, `gapMs` apart: slower in all than STALLED_MS, never silent that long. */
function tricklingRequest(url: string, path: string, body: string, gapMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, url), { method: 'PUT', headers: { 'content-length': String(body.length) }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    let sent = 0;
    const timer = setInterval(() => {
      req.write(body[sent++]);
      if (sent === body.length) {
        clearInterval(timer);
        req.end();
      }
    }, gapMs);
  });
}

describe('requests whose body stops arriving', () => {
  let standin: Standin;
  beforeAll(async () => {
    standin = await start({ servers: ['s3', 'client'], port: 0, storage: 'memory', stalledRequestMs: STALLED_MS, inheritEnv: false });
    await fetch(new URL('/stalled', standin.urls.s3), { method: 'PUT' });
  });
  afterAll(() => standin.close());

  it('get S3 RequestTimeout from the S3 mock, and their connection closed', async () => {
    const answer = await stalledRequest(standin.urls.s3!, 'PUT', '/stalled/object', {}, 100, 'ten bytes.');
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('<Code>RequestTimeout</Code>');
    expect(answer.headers['x-amz-request-id']).toBeTruthy();
    const listing = await fetch(new URL('/stalled?list-type=2', standin.urls.s3));
    expect(await listing.text()).not.toContain('<Key>object</Key>');
  });

  it('get a 408 problem from a JSON API', async () => {
    const answer = await stalledRequest(standin.urls.client!, 'POST', '/api/stress-test', { 'content-type': 'application/json' }, 100, '{"count": 1');
    expect(answer.status).toBe(408);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.headers.connection).toBe('close');
    expect(JSON.parse(answer.body)).toMatchObject({ status: 408, title: 'Request Timeout' });
  });

  it('are not cut while their bytes keep coming, however long the whole body takes', async () => {
    expect(await tricklingRequest(standin.urls.s3!, '/stalled/trickled', 'x'.repeat(12), STALLED_MS / 3)).toBe(200);
    const object = await fetch(new URL('/stalled/trickled', standin.urls.s3));
    expect(await object.text()).toBe('x'.repeat(12));
  });

  it('leave an answer that is streaming open, however quiet it is', async () => {
    const controller = new AbortController();
    const stream = await fetch(new URL('/api/logs/stream', standin.urls.client), { signal: controller.signal });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const ended = reader.read().then(async function drain(chunk): Promise<boolean> {
      return chunk.done ? true : drain(await reader.read());
    }, () => false);
    const quiet = await Promise.race([ended, new Promise((resolve) => setTimeout(() => resolve('still open'), STALLED_MS * 3))]);
    controller.abort();
    expect(quiet).toBe('still open');
  });
});
