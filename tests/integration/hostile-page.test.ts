/**
 * What a web page the developer happens to visit can do to the servers on their machine
 * (README, "Security model"): nothing that changes state, and nothing through DNS rebinding.
 * Requests are sent exactly as a browser would send them, Origin and Host included.
 */
import { SERVER_NAMES, type ServerName } from '../../src/server-names';
import { useStandin } from '../support/standin-harness';
import { rawRequest, type RawRequest, type RawResponse } from './s3/raw-http';

const EVIL = 'https://evil.example';
const standin = useStandin({ servers: SERVER_NAMES });

function send(server: ServerName, request: RawRequest): Promise<RawResponse> {
  return rawRequest(Number(new URL(standin.urls[server]!).port), request);
}

const json = (response: RawResponse) => JSON.parse(response.body);

describe('a page reached through DNS rebinding (Host: evil.example)', () => {
  it.each(['s3', 'webhooks', 'auth', 'image-api', 'client'] as const)('gets nothing from the %s server', async (server) => {
    const res = await send(server, { method: 'GET', path: '/health', headers: { host: 'evil.example:1234' } });
    expect(res.status).toBe(403);
    expect(json(res).title).toBe('Host Not Allowed');
  });

  it('cannot read S3 objects either, and an S3 client is told why in an S3 error', async () => {
    const res = await send('s3', { method: 'GET', path: '/test-bucket/', headers: { host: 'rebind.evil.example' } });
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toBe('application/xml');
    expect(res.body).toContain('<Code>AccessDenied</Code>');
    expect(res.body).toContain('ALLOWED_HOSTS');
  });

  it.each(['webhooks', 'auth', 'image-api', 'client'] as const)('gets 400 from the %s server for a Host that is no host name, even one that ends in .localhost (RFC 9112 §3.2)', async (server) => {
    for (const host of ['evil.example/.localhost', 'evil.example?.localhost', 'evil.example#.localhost', 'me@evil.example:1']) {
      const res = await send(server, { method: 'GET', path: '/health', headers: { host } });
      expect({ host, status: res.status, title: json(res).title }).toEqual({ host, status: 400, title: 'Bad Host' });
    }
  });

  it("gets the S3 mock's own paths (/health, /admin) refused as problems for a Host that is no host name, as its other servers answer", async () => {
    for (const host of ['evil.example/.localhost', 'evil.example?.localhost', 'evil.example#.localhost', 'me@evil.example:1']) {
      for (const path of ['/health', '/admin/buckets']) {
        const res = await send('s3', { method: 'GET', path, headers: { host } });
        expect({ host, path, status: res.status, title: json(res).title }).toEqual({ host, path, status: 400, title: 'Bad Host' });
      }
    }
  });

  it('gets an S3 error from the S3 mock for a Host that is no host name', async () => {
    for (const host of ['evil.example/.localhost', 'evil.example?.localhost', 'evil.example#.localhost', 'me@evil.example:1']) {
      const res = await send('s3', { method: 'GET', path: '/test-bucket/', headers: { host } });
      expect({ host, status: res.status, code: /<Code>(\w+)<\/Code>/.exec(res.body)?.[1] }).toEqual({ host, status: 400, code: 'BadRequest' });
    }
  });
});

describe('a page of another origin', () => {
  it('cannot wipe the S3 mock through its admin API, preflighted or not', async () => {
    await send('s3', { method: 'PUT', path: '/test-bucket/keep.txt', headers: { 'content-length': '4' }, body: 'keep' });
    const preflight = await send('s3', { method: 'OPTIONS', path: '/admin/reset', headers: { origin: EVIL, 'access-control-request-method': 'DELETE' } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const reset = await send('s3', { method: 'DELETE', path: '/admin/reset', headers: { origin: EVIL } });
    expect(reset.status).toBe(403);
    expect((await send('s3', { method: 'GET', path: '/test-bucket/keep.txt' })).body).toBe('keep');
  });

  it('cannot delete the webhook event log', async () => {
    const delivered = await send('webhooks', { method: 'POST', path: '/webhooks/page-test', headers: { 'content-type': 'application/json' }, body: '{"n":1}' });
    expect(delivered.status).toBe(200);
    const wipe = await send('webhooks', { method: 'DELETE', path: '/webhooks/events', headers: { origin: EVIL } });
    expect(wipe.status).toBe(403);
    const events = json(await send('webhooks', { method: 'GET', path: '/webhooks/events?client_id=page-test' }));
    expect(events.total).toBe(1);
  });

  it('cannot trigger a replay with a simple form post', async () => {
    const res = await send('webhooks', {
      method: 'POST',
      path: '/webhooks/replay/00000000-0000-4000-8000-000000000000',
      headers: { origin: EVIL, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'target_url=http%3A%2F%2F127.0.0.1%3A22%2F',
    });
    expect(res.status).toBe(403);
    expect(json(res).title).toBe('Origin Not Allowed');
  });

  it('cannot start a stress test with a simple form post', async () => {
    const res = await send('client', {
      method: 'POST',
      path: '/api/stress-test',
      headers: { origin: EVIL, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'user_id=victim&count=1000',
    });
    expect(res.status).toBe(403);
    expect(json(await send('client', { method: 'GET', path: '/api/history' })).total ?? 0).toBe(0);
  });

  it('cannot get tokens from the auth provider, nor script its failures, with simple form posts', async () => {
    const token = await send('auth', {
      method: 'POST',
      path: '/default/token',
      headers: { origin: EVIL, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=page&client_secret=x',
    });
    expect(token.status).toBe(403);
    expect(token.headers['access-control-allow-origin']).toBeUndefined();
    const failures = await send('auth', { method: 'PUT', path: '/admin/issuers/default/failures', headers: { origin: EVIL, 'content-type': 'text/plain' }, body: '{"error":"invalid_grant"}' });
    expect(failures.status).toBe(403);
    expect(json(await send('auth', { method: 'GET', path: '/admin/issuers/default' })).pending_failure).toBeNull();
  });

  it('cannot make auth provider issuers with images or scripts, and still reads the ones that exist', async () => {
    // What Chromium sends for <img src="http://localhost:8080/...">, <script src> and the like on another site.
    const subresource = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' };
    const paths = ['/made-by-a-page/.well-known/openid-configuration', '/made-by-a-page/jwks', '/.well-known/oauth-authorization-server/made-by-a-page', '/admin/issuers/made-by-a-page'];
    // The same paths with the id percent-encoded, as the routes decode it.
    const encoded = ['/%6dade-by-a-page/jwks', '/.well-known/openid-configuration/%6dade-by-a-page', '/admin/issuers/%6dade-by-a-page', '/admin/issuers/made-by-a-pag%65/users'];
    for (const path of [...paths, ...encoded]) {
      const res = await send('auth', { method: 'GET', path, headers: subresource });
      expect([path, res.status, json(res).title]).toEqual([path, 404, 'Unknown issuer']);
    }
    const issuers = json(await send('auth', { method: 'GET', path: '/admin/issuers' })).issuers as { id: string }[];
    expect(issuers.map((issuer) => issuer.id)).not.toContain('made-by-a-page');
    expect((await send('auth', { method: 'GET', path: '/default/jwks', headers: subresource })).status).toBe(200);
  });

  it('cannot make an auth provider issuer with a link to the control page, which opens issuers that exist', async () => {
    // What Chromium sends for a link or a script's navigation on another site to http://localhost:8080/?issuer=...
    const navigation = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };
    for (const path of ['/?issuer=made-by-a-link', '/?x=1&issuer=made-by-a-link&issuer=default']) {
      const res = await send('auth', { method: 'GET', path, headers: navigation });
      expect([path, res.status, json(res).title]).toEqual([path, 404, 'Unknown issuer']);
    }
    expect((await send('auth', { method: 'GET', path: '/?issuer=default', headers: navigation })).status).toBe(200);
    const issuers = json(await send('auth', { method: 'GET', path: '/admin/issuers' })).issuers as { id: string }[];
    expect(issuers.map((issuer) => issuer.id)).not.toContain('made-by-a-link');
  });

  it('cannot sign the browser in to the client app as a user of its choosing with a link (login CSRF); a link from this machine can', async () => {
    const navigation = { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };
    const refused = await send('client', { method: 'GET', path: '/api/auth/login?login_hint=mallory', headers: { ...navigation, 'sec-fetch-site': 'cross-site' } });
    expect([refused.status, json(refused).title, refused.headers['set-cookie']]).toEqual([403, 'Origin Not Allowed', undefined]);
    const started = await send('client', { method: 'GET', path: '/api/auth/login?login_hint=alice', headers: { ...navigation, 'sec-fetch-site': 'same-site' } });
    expect([started.status, started.headers.location]).toEqual([302, expect.stringContaining('login_hint=alice')]);
  });

  it('may send the browser to the auth provider\'s authorization and logout endpoints with a form, which changes nothing, and may post nothing else there', async () => {
    const form = { origin: EVIL, 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' };
    // A relying party's page posting its request (OpenID Connect Core 1.0 §3.1.2.1, RP-Initiated Logout 1.0 §2): the same request as a GET.
    for (const path of ['/default/authorize', '/default/endsession']) {
      const res = await send('auth', { method: 'POST', path, headers: form, body: 'client_id=spa' });
      expect([path, res.status, res.headers.location]).toEqual([path, 303, `${path}?client_id=spa`]);
    }
    // The logout confirmation, the login page's calls and the control API stay with the provider's own pages.
    const paths = ['/default/endsession/confirm', '/default/interaction/some-uid/login', '/default/interaction/some-uid/abort', '/admin/issuers/default/keys/rotate'];
    for (const path of paths) {
      const res = await send('auth', { method: 'POST', path, headers: form, body: 'xsrf=guessed&logout=yes' });
      expect([path, res.status]).toEqual([path, 403]);
    }
  });

  it('cannot upload to the image API', async () => {
    const res = await send('image-api', { method: 'POST', path: '/api/v1/images/upload', headers: { origin: EVIL, 'content-type': 'text/plain' }, body: 'x' });
    expect(res.status).toBe(403);
  });

  it('cannot upload, nor start a stress test, with a request marked cross-site that carries no Origin', async () => {
    const crossSite = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'content-type': 'application/x-www-form-urlencoded' };
    const stress = await send('client', { method: 'POST', path: '/api/stress-test', headers: crossSite, body: 'user_id=victim&count=1000' });
    expect([stress.status, json(stress).title]).toEqual([403, 'Origin Not Allowed']);
    const upload = await send('image-api', { method: 'POST', path: '/api/v1/images/upload', headers: { ...crossSite, 'content-type': 'text/plain' }, body: 'x' });
    expect([upload.status, json(upload).title]).toEqual([403, 'Origin Not Allowed']);
    const delivery = await send('webhooks', { method: 'POST', path: '/webhooks/from-a-page', headers: { ...crossSite, 'content-type': 'application/json' }, body: '{}' });
    expect(delivery.status).toBe(200);
  });

  it('still delivers webhooks: their senders are servers, whatever Origin they send', async () => {
    const res = await send('webhooks', { method: 'POST', path: '/webhooks/from-anywhere', headers: { origin: EVIL, 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(200);
  });
});

describe('a page served from this machine (a loopback origin)', () => {
  it('may change state and read the answer', async () => {
    const origin = 'http://localhost:5173';
    const preflight = await send('webhooks', { method: 'OPTIONS', path: '/webhooks/events', headers: { origin, 'access-control-request-method': 'DELETE' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(origin);
    const wipe = await send('webhooks', { method: 'DELETE', path: '/webhooks/events?client_id=page-test', headers: { origin } });
    expect(wipe.status).toBe(200);
    expect(wipe.headers['access-control-allow-origin']).toBe(origin);
  });
});
