import http from 'node:http';
import express from 'express';
import { listen, type RunningServer, type ServerApp } from '../../../src/kit';
import { rawExchange } from '../../integration/s3/raw-http';
import { freePort, pollHealth as poll } from '../../support/health-poll';

function slowApp(delayMs: number, fail = false): (url: string) => Promise<ServerApp> {
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (fail) throw new Error('could not open the database');
    const app = express();
    app.get('/health', (_req, res) => { res.json({ status: 'ok' }); });
    return { app, close: async () => {} };
  };
}

describe('listen during start-up', () => {
  it('holds requests that arrive while the app is built and answers each once it is ready', async () => {
    const port = await freePort();
    const starting = listen(slowApp(600), { port });
    const answers: Array<ReturnType<typeof poll>> = [];
    for (let i = 0; i < 20; i += 1) {
      answers.push(poll(port, 5000));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const running = await starting;
    try {
      const statuses = await Promise.all(answers);
      expect(statuses.filter((s) => s === 'no answer')).toEqual([]);
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    } finally {
      await running.close();
    }
  });

  it('answers waiting requests 503 with Retry-After when the app cannot be built', async () => {
    const port = await freePort();
    const starting = listen(slowApp(400, true), { port });
    const waiting = new Promise<http.IncomingMessage>((resolve, reject) => {
      const attempt = () => {
        const req = http.get({ host: '127.0.0.1', port, path: '/health', agent: false }, resolve);
        req.on('error', () => setTimeout(attempt, 10));
        req.setTimeout(5000, () => reject(new Error('no answer')));
      };
      attempt();
    });
    await expect(starting).rejects.toThrow('could not open the database');
    const res = await waiting;
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    res.resume();
  });
});

describe('requests Node would answer with an empty status line', () => {
  let running: RunningServer;

  beforeAll(async () => {
    running = await listen(slowApp(0), { port: 0 });
  });

  afterAll(async () => {
    await running.close();
  });

  it('refuses an HTTP/1.1 request without Host with a 400 problem that says so (RFC 9112 §3.2)', async () => {
    const response = await rawExchange(running.port, 'GET /health HTTP/1.1\r\nConnection: close\r\n\r\n');
    const [head, body] = response.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head).toContain('content-type: application/problem+json');
    expect(JSON.parse(body)).toMatchObject({ status: 400, title: 'Host Required' });
  });

  it('still answers an HTTP/1.0 request without Host', async () => {
    expect(await rawExchange(running.port, 'GET /health HTTP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('refuses an Expect other than 100-continue with a 417 problem (RFC 9110 §10.1.1)', async () => {
    const response = await rawExchange(running.port, 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 200-ok\r\nConnection: close\r\n\r\n');
    const [head, body] = response.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 417 /);
    expect(JSON.parse(body)).toMatchObject({ status: 417, title: 'Expectation Failed' });
    // Refused before it got a request id: no empty one is made up.
    expect(JSON.parse(body)).not.toHaveProperty('request_id');
  });

  it('serves such a request as if it had no Expect when the app says so (S3 does)', async () => {
    const lenient = await listen(async () => ({ ...(await slowApp(0)('')), ignoreUnknownExpectations: true }), { port: 0 });
    try {
      const response = await rawExchange(lenient.port, 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 200-ok\r\nConnection: close\r\n\r\n');
      expect(response).toMatch(/^HTTP\/1\.1 200 /);
    } finally {
      await lenient.close();
    }
  });

  it('answers a HEAD request the parser refuses with a head alone, as HEAD answers have no body', async () => {
    const response = await rawExchange(running.port, 'HEAD /health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -5\r\n\r\n');
    expect(response).toMatch(/^HTTP\/1\.1 400 [^]*\r\n\r\n$/);
  });
});

describe('pipelined requests', () => {
  it('serves them one after another, so a read pipelined behind a write sees the write (RFC 9112 §9.3.2)', async () => {
    let stored = 'before';
    const running = await listen(async () => {
      const app = express();
      app.put('/value', express.text(), async (req, res) => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        stored = String(req.body);
        res.status(204).end();
      });
      app.get('/value', (_req, res) => { res.type('text/plain').send(stored); });
      return { app, close: async () => {} };
    }, { port: 0 });
    try {
      const response = await rawExchange(running.port,
        'PUT /value HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nafter' +
        'GET /value HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n', { keepOpen: true });
      expect(response).toMatch(/^HTTP\/1\.1 204 [^]*HTTP\/1\.1 200 [^]*\r\n\r\nafter$/);
    } finally {
      await running.close();
    }
  });
});

describe('a request whose body stops arriving', () => {
  it('is answered 408, and whatever waits for its body learns that it will never come', async () => {
    let reader: Promise<string> | undefined;
    const running = await listen(async () => {
      const app = express();
      app.post('/json', (req, res) => {
        // Reads the body as express.json() does, and answers only once it has it or lost it.
        reader = new Promise<string>((resolve) => {
          req.on('aborted', () => resolve('aborted'));
          req.on('end', () => resolve('ended'));
          req.resume();
        });
        void reader.then((outcome) => { if (!res.headersSent) res.send(outcome); });
      });
      return { app, close: async () => {} };
    }, { port: 0, stalledRequestMs: 200 });
    try {
      const response = await rawExchange(running.port, 'POST /json HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":', { keepOpen: true });
      expect(response).toMatch(/^HTTP\/1\.1 408 /);
      expect(await Promise.race([reader, new Promise((resolve) => setTimeout(() => resolve('still waiting'), 1000))])).toBe('aborted');
    } finally {
      await running.close();
    }
  });
});

describe('stopping', () => {
  it('ends the connection of an answer still under way, so the stop does not wait out its keep-alive', async () => {
    let bodyStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => { bodyStarted = resolve; });
    const running = await listen(async () => {
      const app = express();
      app.put('/upload', (req, res) => {
        req.once('data', () => bodyStarted());
        req.on('end', () => res.status(204).end());
        req.resume();
      });
      return { app, close: async () => {} };
    }, { port: 0, graceMs: 60_000 });
    const agent = new http.Agent({ keepAlive: true });
    try {
      const upload = http.request({ host: '127.0.0.1', port: running.port, method: 'PUT', path: '/upload', agent, headers: { 'content-length': '10' } });
      const answered = new Promise<http.IncomingMessage>((resolve, reject) => { upload.on('response', resolve); upload.on('error', reject); });
      upload.write('hello');
      await started;
      const stopped = running.close();
      upload.end('world');
      const res = await answered;
      res.resume();
      expect(res.statusCode).toBe(204);
      expect(res.headers.connection).toBe('close');
      await stopped;
    } finally {
      agent.destroy();
      await running.close();
    }
  });
});
