import jwt from 'jsonwebtoken';
import { SERVER_NAMES, type ServerName } from '../../src/server-names';
import { useStandin } from '../support/standin-harness';

/** What every server shares: health, its contract as JSON, offline docs, problem+json validation errors. */
// The image API checks the bearer token before it validates the request.
const token = jwt.sign({ sub: 'foundation-test' }, 'dev-secret-change-in-production', { expiresIn: 60 });

const SERVERS: { name: ServerName; service: string; title: RegExp; invalid: { path: string; field: string } }[] = [
  { name: 's3', service: 's3-mock', title: /S3/, invalid: { path: '/presigned-url?bucket=test-bucket&key=a.jpg&expires_in=soon', field: 'query.expires_in' } },
  { name: 'webhooks', service: 'webhook-receiver', title: /[Ww]ebhook/, invalid: { path: '/webhooks/events?limit=many', field: 'query.limit' } },
  { name: 'image-api', service: 'image-api', title: /[Ii]mage/, invalid: { path: '/api/v1/images/jobs/not-a-job-id', field: 'path.job_id' } },
  { name: 'client', service: 'client-app', title: /[Cc]lient/, invalid: { path: '/api/history?limit=many', field: 'query.limit' } },
];

const standin = useStandin({ servers: SERVER_NAMES });

describe.each(SERVERS)('$name server', ({ name, service, title, invalid }) => {
  const url = (path: string) => `${standin.urls[name]}${path}`;

  it('answers /health', async () => {
    const res = await fetch(url('/health'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', service });
  });

  it('serves its contract at /openapi.json', async () => {
    const spec = await (await fetch(url('/openapi.json'))).json();
    expect(spec.openapi).toBe('3.0.3');
    expect(spec.info.title).toMatch(title);
  });

  it('serves Redoc at /docs from its own origin', async () => {
    const html = await (await fetch(url('/docs'))).text();
    expect(html).toContain('<script src="/docs/redoc.standalone.js"></script>');
    expect(html).not.toMatch(/https?:\/\//);
    expect((await fetch(url('/docs/redoc.standalone.js'))).status).toBe(200);
  });

  it('serves /docs that no other site may frame and that sends no referrer, as its pages', async () => {
    const res = await fetch(url('/docs'));
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('rejects an invalid request with problem+json naming the field', async () => {
    const res = await fetch(url(invalid.path), { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await res.json();
    expect(problem.errors.map((e: { field: string }) => e.field)).toContain(invalid.field);
  });
});

// Pages and documents served ahead of the API routes are only read. The S3 mock is left out: its
// top-level names take S3's own requests (a POST to /docs is S3's, to a bucket of that name).
const READ_ONLY: { name: ServerName; path: string }[] = [
  ...['/', '/openapi.json', '/docs'].map((path) => ({ name: 'webhooks' as const, path })),
  ...['/dashboard', '/openapi.json', '/docs'].map((path) => ({ name: 'image-api' as const, path })),
  ...['/', '/openapi.json', '/docs'].map((path) => ({ name: 'client' as const, path })),
];

describe.each(READ_ONLY)('OPTIONS $path of the $name server', ({ name, path }) => {
  it('is 204 with Allow naming GET, HEAD and OPTIONS, as a CORS preflight there is answered', async () => {
    const res = await fetch(`${standin.urls[name]}${path}`, { method: 'OPTIONS' });
    expect([res.status, res.headers.get('allow')]).toEqual([204, 'GET, HEAD, OPTIONS']);
  });
});

describe.each(READ_ONLY.flatMap((target) => ['POST', 'PUT', 'DELETE'].map((method) => ({ ...target, method }))))('$method $path of the $name server', ({ name, path, method }) => {
  it('is 405 with Allow naming GET, HEAD and OPTIONS', async () => {
    const res = await fetch(`${standin.urls[name]}${path}`, { method });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 405, title: 'Method Not Allowed', detail: `${method} is not allowed on ${path}` });
  });
});
