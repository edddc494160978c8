import path from 'node:path';
import { createServer, listen, createLogger, HttpProblem, PRISM_SOURCE_HEADER, type RunningServer } from '../../../src/kit';

const specFile = path.join(__dirname, '../../fixtures/kit-example.yaml');
let server: RunningServer;
let closedResources = 0;

beforeAll(async () => {
  const serverApp = await createServer({
    name: 'kit-example',
    specFile,
    logger: createLogger('kit-example', 'silent'),
    handlers: {
      listThings: (c, _req, res) => {
        if (c.request.query.limit === '7') throw new HttpProblem(409, 'Conflict', 'seven is taken');
        res.json({ things: ['a', 'b', 'c'].slice(0, Number(c.request.query.limit ?? 3)) });
      },
      getBroken: (_c, _req, res) => res.json({ count: 'many' }),
      upload: async (_c, req, res) => {
        let bytes = 0;
        for await (const chunk of req) bytes += (chunk as Buffer).length;
        res.status(202).json({ bytes });
      },
      getSecret: (c, _req, res) => res.json({ user: c.security.bearerAuth }),
    },
    securityHandlers: {
      bearerAuth: (_c, req) => {
        if (req.headers.authorization === 'Bearer good') return 'alice';
        throw new HttpProblem(401, 'Unauthorized', 'token expired', {}, { 'www-authenticate': 'Bearer error="invalid_token"' });
      },
    },
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

  it('serves the dereferenced spec at /openapi.json', async () => {
    const spec = await (await get('/openapi.json')).json();
    expect(spec.info.title).toBe('Kit example');
    expect(spec.paths['/health'].get.responses['200'].content['application/json'].schema.properties.status.enum).toEqual(['ok', 'degraded']);
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

  it('answers a validation failure with problem+json naming the bad field', async () => {
    const res = await get('/things?limit=99');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await res.json();
    expect(problem).toMatchObject({ status: 400, title: 'Request validation failed', instance: '/things' });
    expect(problem.errors).toEqual([{ field: 'query.limit', message: 'must be <= 10' }]);
    expect(problem.detail).toContain('query.limit');
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

  it('renders an HttpProblem thrown by a handler', async () => {
    const res = await get('/things?limit=7');
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ title: 'Conflict', detail: 'seven is taken', status: 409 });
  });

  it('answers a declared but unimplemented operation from Prism, marked as such', async () => {
    const res = await get('/things', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"x"}' });
    expect(res.status).toBe(201);
    expect(res.headers.get(PRISM_SOURCE_HEADER)).toBe('prism');
    expect(await res.json()).toEqual({ id: 'thing-1', name: 'widget' });
  });

  it('answers an undeclared path with a 404 problem, not a bare 404', async () => {
    const res = await get('/nowhere');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await res.json()).detail).toBe('No operation matches GET /nowhere');
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

  it('serves a pre-route ahead of express and passes on what it does not take', async () => {
    expect(await (await get('/fast')).text()).toBe('fast');
    expect((await get('/things?limit=1')).status).toBe(200);
  });

  it('answers CORS preflights', async () => {
    const res = await get('/things', { method: 'OPTIONS', headers: { origin: 'http://app.test', 'access-control-request-method': 'POST' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});
