import http from 'node:http';
import net from 'node:net';
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

  it.each(['1.1', '1.0'])('refuses an HTTP/%s request with two Host headers with a 400 problem (RFC 9112 §3.2)', async (version) => {
    // Node keeps the first and drops the second, which no check after it would see.
    const response = await rawExchange(running.port, `GET /health HTTP/${version}\r\nHost: 127.0.0.1\r\nHost: rebound.example\r\nConnection: close\r\n\r\n`);
    const [head, body] = response.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(body)).toMatchObject({ status: 400, title: 'Bad Host' });
  });

  it('refuses a request with two Authorization headers with a 400 problem, rather than judge it by the first (RFC 9110 §5.3)', async () => {
    const response = await rawExchange(running.port, 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer first\r\nauthorization: Bearer second\r\nConnection: close\r\n\r\n');
    const [head, body] = response.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(body)).toMatchObject({ status: 400, title: 'Bad Request', detail: expect.stringContaining('at most one Authorization header, not 2') });
    expect(body).not.toMatch(/first|second/);
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

  it('dates the answers it writes itself, as Node dates the others (a server with a clock must date its 4xx answers, RFC 9110 §6.6.1)', async () => {
    for (const request of ['GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n', 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n']) {
      const [head] = (await rawExchange(running.port, request)).split('\r\n\r\n');
      const date = /\r\ndate: ([^\r]*)/i.exec(head)?.[1];
      expect(date).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
      expect(Number.isNaN(Date.parse(date!))).toBe(false);
    }
  });

  it('answers a HEAD request the parser refuses with a head alone, as HEAD answers have no body', async () => {
    const response = await rawExchange(running.port, 'HEAD /health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -5\r\n\r\n');
    expect(response).toMatch(/^HTTP\/1\.1 400 [^]*\r\n\r\n$/);
  });
});

describe('request targets and half-closed connections', () => {
  let running: RunningServer;

  beforeAll(async () => {
    running = await listen(async () => {
      const app = express();
      app.get('/later', (_req, res) => { setTimeout(() => res.type('text/plain').send('answered'), 50); });
      app.post('/refuse', (_req, res) => { res.status(404).type('text/plain').send('no such thing'); });
      app.get('/{*path}', (req, res) => { res.json({ host: req.headers.host, url: req.url }); });
      return { app, close: async () => {} };
    }, { port: 0 });
  });

  afterAll(async () => {
    await running.close();
  });

  it('serves an absolute-form target as its path, with the host it names in place of Host (RFC 9112 §3.2.2)', async () => {
    const response = await rawExchange(running.port, 'GET http://files.example:9000/where?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    expect(JSON.parse(response.split('\r\n\r\n')[1])).toEqual({ host: 'files.example:9000', url: '/where?x=1' });
  });

  it('serves an absolute-form target with an empty path as /', async () => {
    const response = await rawExchange(running.port, 'GET http://127.0.0.1?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    expect(JSON.parse(response.split('\r\n\r\n')[1])).toEqual({ host: '127.0.0.1', url: '/?x=1' });
  });

  it('answers OPTIONS * (the server as a whole) with 204 and refuses "*" with any other method (RFC 9112 §3.2.4)', async () => {
    expect(await rawExchange(running.port, 'OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')).toMatch(/^HTTP\/1\.1 204 /);
    const [head, body] = (await rawExchange(running.port, 'GET * HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')).split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(body)).toMatchObject({ status: 400, detail: expect.stringContaining('Only OPTIONS') });
  });

  it.each(['/where#part', '/where?x=1#part', 'http://127.0.0.1/where#part'])('refuses the target %s with a 400: a fragment never goes on the wire (RFC 9112 §3.2)', async (target) => {
    const [head, body] = (await rawExchange(running.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`)).split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(body)).toMatchObject({ status: 400, detail: expect.stringContaining('fragment') });
  });

  it.each([
    ['Transfer-Encoding: gzip, chunked'],
    ['Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked'],
  ])('refuses a body in a transfer coding besides chunked (%s) with a 501, never reading it as plain (RFC 9112 §6.1)', async (codings) => {
    const request = `POST /health HTTP/1.1\r\nHost: 127.0.0.1\r\n${codings}\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n`;
    const [head, body] = (await rawExchange(running.port, request)).split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 501 /);
    expect(JSON.parse(body)).toMatchObject({ status: 501, title: 'Not Implemented', detail: expect.stringContaining('not gzip') });
  });

  it('takes a chunked body, however the coding is capitalised', async () => {
    const request = 'POST /health HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: Chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n';
    expect(await rawExchange(running.port, request)).not.toMatch(/^HTTP\/1\.1 501 /);
  });

  it('answers CONNECT with a 501 problem: no server here is a proxy', async () => {
    const [head, body] = (await rawExchange(running.port, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n')).split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 501 /);
    expect(JSON.parse(body)).toMatchObject({ status: 501, title: 'Not Implemented' });
  });

  it('still answers a client that ended its side after sending the request', async () => {
    // rawExchange ends the client's side as soon as the request is written.
    const response = await rawExchange(running.port, 'GET /later HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(response).toMatch(/^HTTP\/1\.1 200 [^]*\r\n\r\nanswered$/);
  });

  it('gives a request the app refused before its body came no second answer when the client ends its side mid-body', async () => {
    const response = await rawExchange(running.port, 'POST /refuse HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n0123456789');
    expect(response).toMatch(/^HTTP\/1\.1 404 [^]*\r\n\r\nno such thing$/);
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

describe('a connection closed while its request body is still arriving', () => {
  const body = Buffer.alloc(4 * 1024 * 1024, 'b');
  const head = `PUT /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nContent-Length: ${body.length}\r\n\r\n`;
  const refusal = /^HTTP\/1\.1 412 [^]*\r\nConnection: close\r\n\r\nrefused$/i;
  let running: RunningServer;

  beforeAll(async () => {
    // Refuses every upload without reading it: with no 100 Continue sent, Node closes the connection.
    // lingerMs leaves a busy machine time to pass 4 MiB through one process (client and server).
    running = await listen(async () => {
      const app = express();
      app.put('/upload', (_req, res) => { res.status(412).type('text/plain').send('refused'); });
      return { app, close: async () => {} };
    }, { port: 0, lingerMs: 1500 });
  });

  afterAll(async () => {
    await running.close();
  });

  /**
   * Sends the head, then `sent` (the whole body unless told) once the answer has begun to arrive,
   * or with the head when `rightAway`. Resolves once the server has closed its end of the
   * connection and the client has sent the whole body or given up, with all the server sent and
   * the error (if any) the client met.
   */
  function upload({ rightAway = false, sent = body } = {}): Promise<{ response: string; error?: string }> {
    const serverSide = new Promise<void>((resolve) => running.server.once('connection', (socket: net.Socket) => socket.once('close', resolve)));
    // Half-open: the client goes on sending its body after the server's FIN, as HTTP clients do.
    const socket = net.connect({ port: running.port, host: '127.0.0.1', allowHalfOpen: true });
    const clientSide = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const chunks: Buffer[] = [];
    let error: string | undefined;
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (cause: Error & { code?: string }) => { error = cause.code; });
    const sendBody = () => (sent.length === body.length ? socket.end(sent) : socket.write(sent));
    socket.write(head);
    if (rightAway) sendBody();
    else socket.once('data', sendBody);
    // A client whose body is cut short waits for the server to give up on it.
    const done = sent.length === body.length ? Promise.all([serverSide, clientSide]) : serverSide.then(() => socket.destroy());
    return done.then(() => ({ response: Buffer.concat(chunks).toString('latin1'), error }));
  }

  it('reads and discards the rest of the body, so the client sends it all and reads the answer (RFC 9112 §9.6)', async () => {
    // The body goes out once the answer has arrived: a server that closed at once would reset it.
    for (let round = 0; round < 5; round += 1) {
      expect(await upload()).toEqual({ error: undefined, response: expect.stringMatching(refusal) });
    }
  });

  it('answers a client that sends its body without waiting for 100 Continue, every time', async () => {
    for (let round = 0; round < 20; round += 1) {
      expect(await upload({ rightAway: true })).toEqual({ error: undefined, response: expect.stringMatching(refusal) });
    }
  });

  it('closes the connection after lingerMs when the rest of the body never comes', async () => {
    expect(await upload({ sent: body.subarray(0, 1024 * 1024) })).toEqual({ error: undefined, response: expect.stringMatching(refusal) });
  });
});
