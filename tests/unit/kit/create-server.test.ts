import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { gzipSync } from 'node:zlib';
import { createServer, listen, createLogger, HttpProblem, LOOPBACK_ORIGINS, PRISM_SOURCE_HEADER, type RunningServer } from '../../../src/kit';
import { rawRequest as sendRaw, type RawRequest } from '../../integration/s3/raw-http';
import { eventually } from '../../support/eventually';

const specFile = path.join(__dirname, '../../fixtures/kit-example.yaml');
let server: RunningServer;
let closedResources = 0;
const logger = createLogger('kit-example', 'silent');

/** A domain error the example server maps to a problem; the domain itself never speaks HTTP. */
class ThingTakenError extends Error {
  constructor(readonly thingId: string) {
    super(`${thingId} is taken`);
  }
}

beforeAll(async () => {
  const serverApp = await createServer({
    name: 'kit-example',
    specFile,
    logger,
    allowedOrigins: LOOPBACK_ORIGINS,
    allowedHosts: ['kit.test', '.apps.test'],
    originPolicy: (req) => (req.url === '/uploads' ? 'open' : 'guard'),
    fromPrism: ['getHome', 'createThing'],
    handlers: {
      listThings: (c, _req, res) => {
        if (c.request.query.limit === '7') throw new HttpProblem(409, 'Conflict', 'seven is taken');
        res.json({ things: ['a', 'b', 'c'].slice(0, Number(c.request.query.limit ?? 3)) });
      },
      getThing: (c, _req, res) => {
        if (c.request.params.thing_id === 'taken') throw new ThingTakenError('taken');
        if (c.request.params.thing_id === 'crash') throw new TypeError('a bug');
        if (c.request.params.thing_id === 'unsendable') throw new HttpProblem(401, 'Unauthorized', 'no', {}, { 'www-authenticate': 'Bearer error_description="no 😀"' });
        res.json({ id: c.request.params.thing_id });
      },
      getBroken: (_c, _req, res) => res.json({ count: 'many' }),
      upload: async (_c, req, res) => {
        let bytes = 0;
        for await (const chunk of req) bytes += (chunk as Buffer).length;
        res.status(202).json({ bytes });
      },
      getSecret: (c, _req, res) => res.json({ user: c.security.bearerAuth }),
      exportThings: async (_c, _req, res) => {
        res.type('application/x-ndjson');
        await pipeline(Readable.from((function* lines() {
          for (let index = 0; index < 1_000_000; index += 1) yield `{"id":"${index}"}\n`;
        })()), res);
      },
    },
    securityHandlers: {
      bearerAuth: (_c, req) => {
        if (req.headers.authorization === 'Bearer good') return 'alice';
        if (req.headers.authorization === 'Bearer taken') throw new ThingTakenError('token');
        throw new HttpProblem(401, 'Unauthorized', 'token expired', {}, { 'www-authenticate': 'Bearer error="invalid_token"' });
      },
    },
    mapError: (error) => (error instanceof ThingTakenError ? new HttpProblem(409, 'Thing taken', error.message, { thing_id: error.thingId }) : undefined),
    preRoute: (req, res) => {
      if (req.url !== '/fast') return false;
      res.end('fast');
      return true;
    },
    health: () => ({ dependencies: { upstream: { status: 'ok' } } }),
    onClose: () => { closedResources += 1; },
  });
  server = await listen(serverApp, { port: 0 });
});

afterAll(async () => {
  await server.close();
  expect(closedResources).toBe(1);
});

const get = (p: string, init?: RequestInit) => fetch(server.url + p, init);

describe('createServer', () => {
  it('answers /health with the service name and extras', async () => {
    const res = await get('/health');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'ok', service: 'kit-example', dependencies: { upstream: { status: 'ok' } } });
    expect(typeof body.uptime_s).toBe('number');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes a caller-supplied x-request-id', async () => {
    const res = await get('/health', { headers: { 'x-request-id': 'trace-42' } });
    expect(res.headers.get('x-request-id')).toBe('trace-42');
  });

  it('tells browsers not to sniff any answer: JSON, problems, /health, the spec, and refusals ahead of express', async () => {
    const answers = await Promise.all([get('/things?limit=2'), get('/things?limit=99'), get('/nowhere'), get('/health'), get('/openapi.json'), get('/things', { method: 'DELETE' })]);
    for (const res of answers) expect({ url: res.url, nosniff: res.headers.get('x-content-type-options') }).toEqual({ url: res.url, nosniff: 'nosniff' });
    const refused = await sendRaw(server.port, { method: 'GET', path: '/health', headers: { host: 'evil.example' } });
    expect(refused.status).toBe(403);
    expect(refused.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the dereferenced spec at /openapi.json', async () => {
    const spec = await (await get('/openapi.json')).json();
    expect(spec.info.title).toBe('Kit example');
    expect(spec.paths['/health'].get.responses['200'].content['application/json'].schema.properties.status.enum).toEqual(['ok', 'degraded']);
  });

  it('publishes a binary field the spec requires as required, also after a request compiled the validator that drops it', async () => {
    const form = new FormData();
    form.append('file', new Blob(['0123456789']), 'ten.bin');
    expect((await get('/uploads', { method: 'POST', body: form })).status).toBe(202);
    const spec = await (await get('/openapi.json')).json();
    expect(spec.paths['/uploads'].post.requestBody.content['multipart/form-data'].schema.required).toEqual(['file']);
    expect(await (await get('/docs/spec.js')).text()).toContain('"required":["file"]');
  });

  it('serves Redoc docs that load nothing from another origin', async () => {
    const res = await get('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources).toEqual(['data:,', '/docs/redoc.standalone.js', '/docs/spec.js']);
    const bundle = await get('/docs/redoc.standalone.js');
    expect(bundle.status).toBe(200);
    const script = await bundle.text();
    expect(script.length).toBeGreaterThan(100_000);
    expect(script).not.toContain('https://cdn.redoc.ly');
    expect(await (await get('/docs/spec.js')).text()).toMatch(/^Redoc\.init\(\{"openapi":"3\.0\.3"/);
  });

  it('routes to the handler keyed by operationId', async () => {
    const res = await get('/things?limit=2');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ things: ['a', 'b'] });
  });

  it('answers a HEAD where the spec declares a GET as that GET would be answered, without its body', async () => {
    const [head, getResponse] = await Promise.all([get('/things?limit=2', { method: 'HEAD' }), get('/things?limit=2')]);
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe(getResponse.headers.get('content-type'));
    expect(head.headers.get('content-length')).toBe(getResponse.headers.get('content-length'));
    expect(await head.text()).toBe('');
    expect((await get('/things?limit=99', { method: 'HEAD' })).status).toBe(400);
  });

  it('answers a method the spec does not declare on a path 405, with an Allow header listing those it does', async () => {
    const res = await get('/things', { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
    expect((await get('/things/x', { method: 'PUT' })).headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });

  it('answers OPTIONS on a path the spec serves with 204 and the methods it allows, OPTIONS among them, as a 405 lists them (RFC 9110 §9.3.7)', async () => {
    const options = await get('/things', { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
    expect((await get('/things', { method: 'DELETE' })).headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
    expect((await get('/nowhere', { method: 'OPTIONS' })).status).toBe(404);
  });

  it('answers a validation failure with problem+json naming the bad field', async () => {
    const res = await get('/things?limit=99');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await res.json();
    expect(problem).toMatchObject({ status: 400, title: 'Request validation failed', instance: '/things' });
    expect(problem.errors).toEqual([{ field: 'query.limit', message: 'must be <= 10' }]);
    expect(problem.detail).toContain('query.limit');
  });

  it('takes an integer parameter only as a plain decimal integer, not as whatever Number() reads', async () => {
    for (const limit of ['1e1', '0x5', '5.0', '+5', '%205', '0b11', '5%20']) {
      const res = await get(`/things?limit=${limit}`);
      expect(res.status).toBe(400);
      expect((await res.json()).errors).toEqual([{ field: 'query.limit', message: 'must be integer' }]);
    }
    expect((await get('/things?limit=05')).status).toBe(200);
  });

  it('says a query parameter the operation takes once was given more than once', async () => {
    const res = await get('/things?limit=1&limit=2');
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([{ field: 'query.limit', message: 'must be given once' }]);
  });

  it('names a missing required body field', async () => {
    const res = await get('/things', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([{ field: 'body.name', message: 'is required' }]);
  });

  it('turns malformed JSON into a 400 problem', async () => {
    const res = await get('/things', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":' });
    expect(res.status).toBe(400);
    expect((await res.json()).title).toBe('Malformed JSON');
  });

  it('says where malformed JSON breaks without quoting any of the body, which may hold a secret', async () => {
    const cases = [
      ['{"password":"hunter2" "x":1}', 'Unexpected token at position 22'],
      ['{"password":"hunter2",}', 'Unexpected token at position 22'],
      ['{"client_secret":"s3cr3t-value-long-enough", oops}', 'Unexpected token at position 45'],
      ['{"token":"abc', 'Unexpected end of input at position 13'],
      ['{"token":"ab\u0001c"}', 'Unexpected token at position 12'],
      ['hunter2', 'Unexpected token at position 0'],
      ['{"a":1} hunter2', 'Unexpected token at position 8'],
    ];
    for (const [body, where] of cases) {
      const res = await get('/things', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const problem = await res.json();
      expect({ body, status: res.status, title: problem.title, detail: problem.detail }).toEqual({ body, status: 400, title: 'Malformed JSON', detail: `The body is not valid JSON: ${where}` });
    }
  });

  it('takes JSON whose top level is no object (null, a number, a string) as JSON, refused by the operation\'s schema, a string not read as JSON again', async () => {
    for (const body of ['null', ' null ', '42', '"hunter2"', '"{\\"name\\":\\"widget\\"}"', 'true']) {
      const res = await get('/things', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const problem = await res.json();
      expect({ body, status: res.status, title: problem.title, errors: problem.errors }).toEqual({ body, status: 400, title: 'Request validation failed', errors: [{ field: 'body', message: 'must be object' }] });
    }
  });

  it('renders an HttpProblem thrown by a handler', async () => {
    const res = await get('/things?limit=7');
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ title: 'Conflict', detail: 'seven is taken', status: 409 });
  });

  it('answers a domain error a handler throws with the problem the server maps it to', async () => {
    const res = await get('/things/taken');
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 409, title: 'Thing taken', detail: 'taken is taken', thing_id: 'taken', instance: '/things/taken' });
  });

  it('answers an error the mapping does not know with a 500 problem, and logs it', async () => {
    const logged = jest.spyOn(logger, 'error');
    try {
      const res = await get('/things/crash');
      expect(res.status).toBe(500);
      expect(await res.json()).toMatchObject({ status: 500, title: 'Internal Server Error' });
      expect(logged).toHaveBeenCalledWith(expect.objectContaining({ err: expect.objectContaining({ message: 'a bug' }) }), 'unhandled error');
    } finally {
      logged.mockRestore();
    }
  });

  it('answers a problem whose headers HTTP cannot carry with a 500 problem without them, not express\'s HTML page, and logs it', async () => {
    const logged = jest.spyOn(logger, 'error');
    try {
      const res = await get('/things/unsendable');
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('www-authenticate')).toBeNull();
      expect(await res.json()).toMatchObject({ status: 500, title: 'Internal Server Error', instance: '/things/unsendable' });
      expect(logged).toHaveBeenCalledWith(expect.objectContaining({ err: expect.objectContaining({ code: 'ERR_INVALID_CHAR' }) }), 'the problem could not be sent');
    } finally {
      logged.mockRestore();
    }
  });

  /** Sends `request` on a raw connection, lets `leave` end it, and resolves with what the server logged. */
  async function loggedWhenClientLeaves(request: string, leave: (socket: net.Socket) => void) {
    const warned = jest.spyOn(logger, 'warn');
    const failed = jest.spyOn(logger, 'error');
    try {
      const socket = net.connect(server.port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write(request);
      await once(socket, 'data');
      leave(socket);
      await eventually(() => warned.mock.calls.length + failed.mock.calls.length > 0);
      return { warnings: warned.mock.calls, errors: failed.mock.calls };
    } finally {
      warned.mockRestore();
      failed.mockRestore();
    }
  }

  it('logs a client that goes away in the middle of its body as a warning, not as an unhandled error', async () => {
    // The kit answers 100 Continue once the handler reads the body: then the client leaves.
    const logged = await loggedWhenClientLeaves(
      'POST /uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n',
      (socket) => socket.end('part of it', () => socket.destroy()),
    );
    expect(logged).toEqual({ warnings: [[expect.objectContaining({ reason: 'aborted' }), 'the client went away before its request was read']], errors: [] });
  });

  it('logs a client that goes away in the middle of a streamed answer as a warning, not as an unhandled error', async () => {
    // The first lines arrive: then the reader leaves, as curl stopped mid-download does.
    const logged = await loggedWhenClientLeaves('GET /things/export HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', (socket) => socket.destroy());
    expect(logged).toEqual({ warnings: [[expect.objectContaining({ reason: 'Premature close' }), 'the client went away before its answer was sent']], errors: [] });
  });

  it('answers a declared but unimplemented operation from Prism, marked as such', async () => {
    const res = await get('/things', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"x"}' });
    expect(res.status).toBe(201);
    expect(res.headers.get(PRISM_SOURCE_HEADER)).toBe('prism');
    expect(await res.json()).toEqual({ id: 'thing-1', name: 'widget' });
  });

  it('answers an unimplemented operation from Prism whatever slashes lead its path (///), not with a 500', async () => {
    for (const path of ['/', '//', '///', '////']) {
      const res = await get(path);
      expect({ path, status: res.status, source: res.headers.get(PRISM_SOURCE_HEADER) }).toEqual({ path, status: 200, source: 'prism' });
    }
  });

  it('answers an undeclared path with a 404 problem, not a bare 404', async () => {
    const res = await get('/nowhere');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await res.json()).detail).toBe('No operation matches GET /nowhere');
  });

  it('decodes a percent-encoded path parameter', async () => {
    expect(await (await get('/things/caf%C3%A9%2Fx')).json()).toEqual({ id: 'café/x' });
  });

  it('refuses a path with malformed percent-encoding or bytes that are not UTF-8 with a 400 problem, not a 500', async () => {
    for (const id of ['%', '%zz', '%ff', '%C3%28', '%ED%A0%80']) {
      const res = await get(`/things/${id}`);
      expect({ id, status: res.status, type: res.headers.get('content-type') }).toEqual({ id, status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
    }
  });

  it('refuses a query with malformed percent-encoding or bytes that are not UTF-8, rather than read them as U+FFFD', async () => {
    for (const value of ['%', '%zz', '%ff', '%C3%28', '%ED%A0%80']) {
      const res = await get(`/things?limit=2&q=${value}`);
      expect({ value, status: res.status, detail: (await res.json()).detail }).toEqual({ value, status: 400, detail: expect.stringContaining('request query') });
    }
    expect((await get('/things?limit=%32&q=caf%C3%A9+%2B')).status).toBe(200);
  });

  it('fails a response that does not match the spec while tests run', async () => {
    const res = await get('/broken');
    expect(res.status).toBe(500);
    expect((await res.json()).title).toBe('Response does not match the spec');
  });

  it('leaves a streamed multipart body to the handler', async () => {
    const form = new FormData();
    form.append('file', new Blob(['0123456789']), 'ten.bin');
    const res = await get('/uploads', { method: 'POST', body: form });
    expect(res.status).toBe(202);
    expect((await res.json()).bytes).toBeGreaterThan(10);
  });

  it('authorises through a security handler', async () => {
    const res = await get('/secret', { headers: { authorization: 'Bearer good' } });
    expect(await res.json()).toEqual({ user: 'alice' });
  });

  it('answers the problem a refusing security handler throws', async () => {
    const res = await get('/secret', { headers: { authorization: 'Bearer stale' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(await res.json()).toMatchObject({ title: 'Unauthorized', detail: 'token expired' });
  });

  it('answers the problem the server maps a refusing security handler\'s domain error to', async () => {
    const res = await get('/secret', { headers: { authorization: 'Bearer taken' } });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ title: 'Thing taken', detail: 'token is taken' });
  });

  it('serves a pre-route ahead of express and passes on what it does not take', async () => {
    expect(await (await get('/fast')).text()).toBe('fast');
    expect((await get('/things?limit=1')).status).toBe(200);
  });

  it('refuses a JSON operation sent as a form with 415, naming the type it takes', async () => {
    const res = await get('/things', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=x' });
    expect(res.status).toBe(415);
    expect(res.headers.get('accept')).toBe('application/json');
    expect((await res.json()).detail).toBe('POST /things takes application/json, not application/x-www-form-urlencoded');
  });

  it('names the status of a body the parser refuses in the problem title (JSON in a charset other than UTF is 415)', async () => {
    const res = await get('/things', { method: 'POST', headers: { 'content-type': 'application/json; charset=latin1' }, body: '{"name":"x"}' });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ status: 415, title: 'Unsupported Media Type' });
  });

  it('refuses a body with no content type where the operation declares one', async () => {
    const res = await rawRequest({ method: 'POST', path: '/things', headers: { 'content-length': '12' }, body: '{"name":"x"}' });
    expect(res.status).toBe(415);
  });

  it('decodes a gzip JSON body, and refuses a content coding its parser does not decode with 415 naming those it does', async () => {
    const gzipped = await get('/things', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync('{"name":""}') });
    expect(await gzipped.json()).toMatchObject({ status: 400, errors: [{ field: 'body.name' }] });
    for (const coding of ['zstd', 'compress', 'gzip, gzip']) {
      const res = await get('/things', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': coding }, body: '{"name":"x"}' });
      expect(res.status).toBe(415);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('accept-encoding')).toBe('gzip, deflate, br');
      expect((await res.json()).detail).toBe(`POST /things decodes gzip, deflate, br or no content coding, not Content-Encoding: ${coding}`);
    }
  });

  it('refuses a streamed body in any content coding before the handler reads it, rather than read it as if it were plain', async () => {
    const form = new FormData();
    form.append('file', new Blob(['0123456789']), 'ten.bin');
    const res = await get('/uploads', { method: 'POST', headers: { 'content-encoding': 'gzip' }, body: form });
    expect(res.status).toBe(415);
    expect(res.headers.get('accept-encoding')).toBe('identity');
    expect((await res.json()).detail).toBe('POST /uploads decodes no content coding: send its body without Content-Encoding (not gzip)');
    const identity = await get('/uploads', { method: 'POST', headers: { 'content-encoding': 'identity' }, body: form });
    expect(identity.status).toBe(202);
  });

  it('answers a request without a body whatever its Content-Encoding says', async () => {
    expect((await get('/things?limit=1', { headers: { 'content-encoding': 'gzip' } })).status).toBe(200);
  });
});

/** A request with exactly these headers (fetch would add its own Host and Origin rules). */
const rawRequest = (request: Omit<RawRequest, 'method'> & { method?: string }) => sendRaw(server.port, { method: 'GET', ...request });

describe('request guard (README, "Security model")', () => {
  it('answers loopback names, *.localhost, IP literals and configured hosts', async () => {
    for (const host of ['localhost:1', 'api.localhost', '127.0.0.1:9', '[::1]:80', '10.1.2.3', 'kit.test:8', 'apps.test', 'a.b.apps.test']) {
      expect({ host, status: (await rawRequest({ path: '/health', headers: { host } })).status }).toEqual({ host, status: 200 });
    }
  });

  it('refuses any other Host, as a page reached through DNS rebinding would send', async () => {
    for (const host of ['evil.example', 'localhost.evil.example', 'kit.test.evil', 'xapps.test']) {
      const res = await rawRequest({ path: '/health', headers: { host } });
      expect({ host, status: res.status }).toEqual({ host, status: 403 });
      expect(JSON.parse(res.body)).toMatchObject({ title: 'Host Not Allowed' });
      expect(res.body).toContain('ALLOWED_HOSTS');
    }
  });

  it('refuses the host check ahead of the pre-route too', async () => {
    expect((await rawRequest({ path: '/fast', headers: { host: 'evil.example' } })).status).toBe(403);
  });

  it('refuses a state-changing simple request from another origin before any handler runs', async () => {
    const res = await rawRequest({ method: 'POST', path: '/things', headers: { origin: 'https://evil.example', 'content-type': 'text/plain', 'content-length': '2' }, body: '{}' });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ title: 'Origin Not Allowed' });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a preflight from another origin and grants one from a loopback origin', async () => {
    const preflight = (origin: string) => get('/things', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'DELETE' } });
    const foreign = await preflight('http://evil.example');
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const local = await preflight('http://localhost:5173');
    expect(local.status).toBe(204);
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(local.headers.get('access-control-allow-methods')).toContain('DELETE');
  });

  it('lets pages of loopback origins read answers, and gives other pages no CORS headers', async () => {
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:8080', 'http://[::1]:4000', 'http://app.localhost:5173']) {
      const res = await get('/things?limit=1', { headers: { origin } });
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('vary')).toContain('Origin');
    }
    for (const origin of ['http://evil.example', 'null', 'https://localhost:3000', 'http://localhost.evil.example:3000']) {
      const res = await get('/things?limit=1', { headers: { origin } });
      expect({ origin, status: res.status, allow: res.headers.get('access-control-allow-origin') }).toEqual({ origin, status: 200, allow: null });
      expect(res.headers.get('vary')).toContain('Origin');
    }
  });

  it('marks answers without Origin as varying by Origin, so a cached one is not reused for a page', async () => {
    const res = await get('/things?limit=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it("takes a state-changing request from a page of the server's own origin, reached by an address", async () => {
    const res = await rawRequest({ method: 'POST', path: '/things', headers: { host: `10.0.0.7:${server.port}`, origin: `http://10.0.0.7:${server.port}`, 'content-type': 'application/json' }, body: '{"name":"x"}' });
    expect(res.status).toBe(201);
    const otherPort = await rawRequest({ method: 'POST', path: '/things', headers: { host: `10.0.0.7:${server.port}`, origin: 'http://10.0.0.7:1', 'content-type': 'application/json' }, body: '{"name":"x"}' });
    expect(otherPort.status).toBe(403);
  });

  it('takes a state-changing request from any origin on a route whose policy is open', async () => {
    const form = new FormData();
    form.append('file', new Blob(['x']), 'x.bin');
    const res = await get('/uploads', { method: 'POST', body: form, headers: { origin: 'https://sender.example' } });
    expect(res.status).toBe(202);
  });
});

describe('operation coverage', () => {
  const options = { name: 'kit-example', specFile, logger: createLogger('kit-example', 'silent'), allowedOrigins: LOOPBACK_ORIGINS, allowedHosts: [] };

  it('stops a server whose spec declares an operation nobody answers, naming it', async () => {
    await expect(createServer({ ...options, handlers: {}, fromPrism: ['getHome', 'createThing', 'getThing', 'getBroken', 'upload', 'getSecret', 'exportThings'] }))
      .rejects.toThrow(/listThings \(get \/things\) has no handler/);
  });

  it('never answers an operation served ahead from Prism: a request its routes did not take is a 404', async () => {
    const app = await createServer({ ...options, handlers: {}, servedAhead: ['getHome'], fromPrism: ['createThing', 'listThings', 'getThing', 'getBroken', 'upload', 'getSecret', 'exportThings'] });
    const running = await listen(app, { port: 0 });
    try {
      const res = await fetch(`${running.url}/`);
      expect([res.status, res.headers.get(PRISM_SOURCE_HEADER), (await res.json()).title]).toEqual([404, null, 'Not Found']);
    } finally {
      await running.close();
    }
  });

  it('stops a server that names an operation its spec does not declare', async () => {
    await expect(createServer({ ...options, handlers: { listThing: () => undefined }, fromPrism: ['getHome'] }))
      .rejects.toThrow('listThing is not an operation of the spec');
  });
});
