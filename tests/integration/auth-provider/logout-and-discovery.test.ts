import { ROUTE_METHODS } from '../../../src/auth-provider/protocol-routes';
import { reroutedFetch } from '../../../src/kit';
import { useStandin } from '../../support/standin-harness';
import { rawRequest } from '../s3/raw-http';
import { authorizationUrl, client, CookieJar, discover, followToCallback, visit } from './oidc-clients';

const standin = useStandin({ servers: ['auth'] });
const issuer = () => `${standin.urls.auth}/default`;

describe('RP-initiated logout', () => {
  it('ends the session after the user confirms and returns to the post-logout URI', async () => {
    const config = await discover(issuer(), 'spa');
    const jar = new CookieJar();
    const start = await authorizationUrl(config, { login_hint: 'alice' });
    const tokens = await client.authorizationCodeGrant(config, await followToCallback(start.url.href, jar), {
      pkceCodeVerifier: start.verifier, expectedState: start.state, expectedNonce: start.nonce,
    });
    const logout = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'http://localhost:3000/bye', state: 'see-you' });
    const page = await visit(logout.href, jar);
    expect(page.status).toBe(200);
    const html = await page.text();
    const form = /<form[^>]*action="([^"]+)"[\s\S]*?name="xsrf" value="([^"]+)"/.exec(html)!;
    const confirm = await fetch(new URL(form[1], issuer()), {
      method: 'POST', redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded', origin: standin.urls.auth! },
      body: new URLSearchParams({ xsrf: form[2], logout: 'yes' }),
    });
    jar.take(confirm);
    const back = await followToCallback(new URL(confirm.headers.get('location')!, issuer()).href, jar, 'http://localhost:3000/bye');
    expect(back.searchParams.get('state')).toBe('see-you');

    // The session is gone: without login_hint the login page is shown again.
    const again = await authorizationUrl(config, {});
    await expect(followToCallback(again.url.href, jar)).rejects.toThrow(/got 200/);
  });

  it('refuses a post-logout URI that is not on this machine', async () => {
    const response = await fetch(`${issuer()}/endsession?client_id=spa&post_logout_redirect_uri=${encodeURIComponent('https://evil.example/')}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/post_logout_redirect_uri/);
  });
});

describe('the pages oidc-provider renders', () => {
  it('send no path or query as referrer (their URLs carry user codes and id_token_hints), yet keep Origin on the forms they post: strict-origin', async () => {
    for (const url of [`${issuer()}/device?user_code=WDJB-MJHT`, `${issuer()}/endsession?client_id=spa`, `${issuer()}/authorize?client_id=spa`]) {
      const response = await fetch(url);
      expect({ url, type: response.headers.get('content-type'), policy: response.headers.get('referrer-policy') })
        .toEqual({ url, type: 'text/html; charset=utf-8', policy: 'strict-origin' });
    }
    expect((await fetch(`${issuer()}/.well-known/openid-configuration`)).headers.get('referrer-policy')).toBeNull();
  });
});

describe('discovery', () => {
  it('is found at the RFC 8414 places too, with the same issuer', async () => {
    for (const name of ['openid-configuration', 'oauth-authorization-server']) {
      const metadata = (await (await fetch(`${standin.urls.auth}/.well-known/${name}/default`)).json()) as { issuer: string; token_endpoint: string };
      expect(metadata.issuer).toBe(issuer());
      expect(metadata.token_endpoint).toBe(`${issuer()}/token`);
    }
    const oauth2 = await client.discovery(new URL(issuer()), 'spa', undefined, client.None(), { algorithm: 'oauth2', execute: [client.allowInsecureRequests] });
    expect(oauth2.serverMetadata().issuer).toBe(issuer());
  });

  it('names only endpoints that answer', async () => {
    const metadata = (await discover(issuer(), 'spa')).serverMetadata() as Record<string, unknown>;
    const endpoints = Object.entries(metadata).filter(([name]) => name.endsWith('_endpoint')) as [string, string][];
    for (const [name, url] of endpoints) {
      const statuses = [(await fetch(url)).status, (await fetch(url, { method: 'POST' })).status];
      expect({ name, answered: statuses.some((status) => status !== 404) }).toEqual({ name, answered: true });
    }
  });

  it('takes every client authentication method it advertises', async () => {
    const secret = 'a-secret-long-enough-for-hs256-0123456789';
    const authentications: Record<string, () => client.ClientAuth> = {
      client_secret_basic: () => client.ClientSecretBasic(secret),
      client_secret_post: () => client.ClientSecretPost(secret),
      client_secret_jwt: () => client.ClientSecretJwt(secret),
      none: () => client.None(),
    };
    const advertised = (await discover(issuer(), 'spa')).serverMetadata().token_endpoint_auth_methods_supported ?? [];
    expect(advertised.filter((method) => !(method in authentications))).toEqual([]);
    for (const method of advertised) {
      const config = await client.discovery(new URL(issuer()), `auth-${method}`, method === 'none' ? undefined : secret, authentications[method](), { execute: [client.allowInsecureRequests] });
      await expect(client.tokenRevocation(config, 'a-token-nobody-issued').then(() => method)).resolves.toBe(method);
    }
  });

  it('never builds its issuer on a Host that is no host name: \'evil.example/.localhost\' is refused, not issuer http://evil.example/.localhost/default', async () => {
    const answer = await rawRequest(Number(new URL(standin.urls.auth!).port), { method: 'GET', path: '/default/.well-known/openid-configuration', headers: { host: 'evil.example/.localhost' } });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ title: 'Bad Host' });
    expect(JSON.parse(answer.body)).not.toHaveProperty('issuer');
  });

  it('has no trailing-slash surprises', async () => {
    const plain = (await (await fetch(`${issuer()}/.well-known/openid-configuration`)).json()) as Record<string, string>;
    const doubled = (await (await fetch(`${issuer()}//.well-known/openid-configuration`)).json()) as Record<string, string>;
    expect(doubled).toEqual(plain);
    expect(plain.issuer.endsWith('/')).toBe(false);
    expect(plain.token_endpoint).toBe(`${issuer()}/token`);
  });

  it('answers unknown paths under an issuer with a problem, and creates no issuer for them', async () => {
    const response = await fetch(`${standin.urls.auth}/favicon.ico`);
    expect(response.status).toBe(404);
    const missing = await fetch(`${standin.urls.auth}/not-an-issuer-yet/nothing-here`);
    expect(missing.status).toBe(404);
    const issuers = (await (await fetch(`${standin.urls.auth}/admin/issuers`)).json()) as { issuers: { id: string }[] };
    expect(issuers.issuers.map((known) => known.id)).not.toContain('not-an-issuer-yet');
  });

  it.each(Object.entries(ROUTE_METHODS))('answers %s with every method it lists, OPTIONS with 204 naming them and OPTIONS in Allow, and any other 405 naming the same', async (route, methods) => {
    const allow = [...methods, 'OPTIONS'].join(', ');
    for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const response = await fetch(`${issuer()}${route}`, { method });
      if (methods.includes(method)) {
        expect([method, response.status]).not.toEqual([method, 404]);
        expect([method, response.status]).not.toEqual([method, 405]);
      } else if (method === 'OPTIONS') {
        expect([method, response.status, response.headers.get('allow')]).toEqual([method, 204, allow]);
      } else {
        expect([method, response.status, response.headers.get('allow')]).toEqual([method, 405, allow]);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }
    }
  });
});

describe('AUTH_ISSUER_BASE', () => {
  const behindAnotherName = useStandin({ servers: ['auth'], env: { AUTH_ISSUER_BASE: 'http://localhost:8080' } });

  it('is the origin of every endpoint too, so a client that reaches the provider by another name (a container) sends browsers to theirs', async () => {
    // As the client app does in Docker (README, "Docker"): discover the issuer browsers know, reached at the address that works from here.
    const issuerUrl = 'http://localhost:8080/default';
    const rerouted = reroutedFetch(issuerUrl, behindAnotherName.urls.auth!);
    const reroute: client.CustomFetch = (url, options) => rerouted(url, options as RequestInit);
    const config = await client.discovery(new URL(issuerUrl), 'tv-app', undefined, client.None(), { execute: [client.allowInsecureRequests], [client.customFetch]: reroute });
    config[client.customFetch] = reroute;
    const metadata = config.serverMetadata() as Record<string, unknown>;
    const endpoints = Object.entries(metadata).filter(([name]) => name.endsWith('_endpoint') || name === 'jwks_uri');
    expect(endpoints.filter(([, url]) => new URL(url as string).origin !== 'http://localhost:8080')).toEqual([]);
    const device = await client.initiateDeviceAuthorization(config, { scope: 'openid' });
    expect(device.verification_uri).toBe(`${issuerUrl}/device`);
  });
});
