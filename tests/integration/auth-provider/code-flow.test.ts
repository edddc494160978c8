import { connect } from 'node:net';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { useStandin } from '../../support/standin-harness';
import { authorizationUrl, CookieJar, client, discover, followToCallback, signIn, visit } from './oidc-clients';

const standin = useStandin({ servers: ['auth'] });
const issuerOf = (id = 'default') => `${standin.urls.auth}/${id}`;

describe('authorization code flow with openid-client', () => {
  it('signs alice in with login_hint and issues an ID token, access token and refresh token', async () => {
    const config = await discover(issuerOf(), 'spa');
    const tokens = await signIn(config, 'alice', { scope: 'openid profile email offline_access' });
    const claims = tokens.claims()!;
    expect(claims.iss).toBe(issuerOf());
    expect(claims.sub).toBe('alice');
    expect(claims.aud).toBe('spa');
    expect(claims.email).toBe('alice@example.test');
    expect(claims.groups).toEqual(['admins', 'users']);
    expect(tokens.refresh_token).toEqual(expect.any(String));

    const userinfo = await client.fetchUserInfo(config, tokens.access_token, 'alice');
    expect(userinfo).toMatchObject({ sub: 'alice', name: 'Alice Example', email: 'alice@example.test', groups: ['admins', 'users'] });
  });

  it('issues a JWT access token for a resource that the JWKS verifies, with aud = the resource', async () => {
    const config = await discover(issuerOf(), 'spa');
    const tokens = await signIn(config, 'bob', { scope: 'openid images:write', resource: 'http://localhost:8002' });
    const jwks = createRemoteJWKSet(new URL(`${issuerOf()}/jwks`));
    const { payload, protectedHeader } = await jwtVerify(tokens.access_token, jwks, { issuer: issuerOf(), audience: 'http://localhost:8002' });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({ sub: 'bob', client_id: 'spa', scope: 'images:write', email: 'bob@example.test' });
    await expect(jwtVerify(tokens.access_token, jwks, { issuer: issuerOf(), audience: 'http://localhost:9999' })).rejects.toThrow(/aud/);
  });

  it('refuses a code exchanged with the wrong PKCE verifier', async () => {
    const config = await discover(issuerOf(), 'spa');
    const start = await authorizationUrl(config, { login_hint: 'alice' });
    const callback = await followToCallback(start.url.href, new CookieJar());
    const wrong = client.randomPKCECodeVerifier();
    await expect(client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: wrong, expectedState: start.state, expectedNonce: start.nonce }))
      .rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses an authorization request without PKCE', async () => {
    const config = await discover(issuerOf(), 'spa');
    const url = client.buildAuthorizationUrl(config, { redirect_uri: 'http://localhost:3000/callback', scope: 'openid', login_hint: 'alice' });
    const callback = await followToCallback(url.href, new CookieJar());
    expect(callback.searchParams.get('error')).toBe('invalid_request');
    expect(callback.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('shows an authorization request without redirect_uri its error instead of sending a code anywhere', async () => {
    const config = await discover(issuerOf(), 'spa');
    const start = await authorizationUrl(config, { login_hint: 'alice' });
    start.url.searchParams.delete('redirect_uri');
    const answer = await visit(start.url.href, new CookieJar());
    expect(answer.status).toBe(400);
    expect(answer.headers.get('location')).toBeNull();
    expect(await answer.text()).toMatch(/redirect_uri/);
  });

  it('answers a client_id no client can have (RFC 6749 Appendix A.1) as an unknown client, at the authorization and token endpoints', async () => {
    const config = await discover(issuerOf(), 'caf\u00e9');
    const start = await authorizationUrl(config, { login_hint: 'alice' });
    const answer = await visit(start.url.href, new CookieJar());
    expect([answer.status, answer.headers.get('location')]).toEqual([400, null]);
    expect(await answer.text()).toMatch(/invalid_client\b(?!_metadata)/);
    const token = await fetch(`${issuerOf()}/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'caf\u00e9', client_secret: 'any' }),
    });
    expect(token.status).toBe(401);
    expect(await token.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('answers a client named after a member of Object.prototype as unknown: its grant would be written onto what every session shares', async () => {
    for (const clientId of ['__proto__', 'toString']) {
      const start = await authorizationUrl(await discover(issuerOf(), clientId), { login_hint: 'alice' });
      const answer = await visit(start.url.href, new CookieJar());
      expect([answer.status, answer.headers.get('location')]).toEqual([400, null]);
      expect(await answer.text()).toMatch(/invalid_client\b(?!_metadata)/);
    }
    expect((await signIn(await discover(issuerOf(), 'spa'), 'alice')).claims()!.sub).toBe('alice');
  });

  it('rotates refresh tokens and refuses a reused one', async () => {
    const config = await discover(issuerOf(), 'spa');
    const first = await signIn(config, 'alice', { scope: 'openid offline_access' });
    const second = await client.refreshTokenGrant(config, first.refresh_token!);
    expect(second.refresh_token).toEqual(expect.any(String));
    expect(second.refresh_token).not.toBe(first.refresh_token);
    await expect(client.refreshTokenGrant(config, first.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('keeps a refresh token usable after a refresh refused for its scope or resource: only a token issued retires it (RFC 6749 §6)', async () => {
    const config = await discover(issuerOf(), 'spa');
    const start = await authorizationUrl(config, { login_hint: 'alice', scope: 'openid offline_access' });
    for (const resource of ['http://a.example', 'http://b.example']) start.url.searchParams.append('resource', resource);
    const callback = await followToCallback(start.url.href, new CookieJar());
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: start.verifier, expectedState: start.state, expectedNonce: start.nonce }, { resource: 'http://a.example' });
    const refused: Record<string, string>[] = [{ scope: 'openid email' }, { resource: 'http://elsewhere.example' }, {}];
    for (const parameters of refused) {
      await expect(client.refreshTokenGrant(config, tokens.refresh_token!, parameters)).rejects.toMatchObject({ error: expect.stringMatching(/^invalid_(scope|target)$/) });
    }
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!, { resource: 'http://b.example' });
    expect(decodeJwt(refreshed.access_token)).toMatchObject({ sub: 'alice', aud: 'http://b.example' });
  });

  it('lets a confidential client with any secret use HTTP Basic or the body', async () => {
    for (const auth of ['basic', 'post'] as const) {
      const config = await discover(issuerOf(), `web-${auth}`, 'whatever-secret', auth);
      const tokens = await signIn(config, 'bob');
      expect(decodeJwt(tokens.id_token!).sub).toBe('bob');
    }
  });

  it('keeps each issuer\'s session in the browser, also of issuers whose ids differ by a suffix such as .sig', async () => {
    const jar = new CookieJar();
    const silently = async (id: string) => {
      const start = await authorizationUrl(await discover(issuerOf(id), 'spa'), { prompt: 'none' });
      return (await followToCallback(start.url.href, jar)).searchParams.get('error');
    };
    for (const id of ['sessions', 'sessions.sig']) {
      const start = await authorizationUrl(await discover(issuerOf(id), 'spa'), { login_hint: 'alice' });
      expect((await followToCallback(start.url.href, jar)).searchParams.get('code')).toEqual(expect.any(String));
    }
    expect(await silently('sessions')).toBeNull();
    expect(await silently('sessions.sig')).toBeNull();
  });

  it('uses the issuer string the client used, for any issuer id, each with its own keys', async () => {
    const viaLocalhost = standin.urls.auth!.replace('127.0.0.1', 'localhost');
    const tenant = await discover(`${viaLocalhost}/tenant-a`, 'spa');
    expect(tenant.serverMetadata().issuer).toBe(`${viaLocalhost}/tenant-a`);
    const keysOf = async (id: string) => ((await (await fetch(`${issuerOf(id)}/jwks`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
    expect(await keysOf('tenant-a')).not.toEqual(expect.arrayContaining(await keysOf('default')));
  });
});

describe('a login_hint in a sign-in a page of another site sent the browser to', () => {
  /**
   * Follows the provider's redirects as a browser sent there by a link on another site does
   * (Sec-Fetch-Site: cross-site on every hop), up to its last answer before the client's callback.
   */
  async function sentFromAnotherSite(url: string, jar: CookieJar): Promise<Response> {
    let next = url;
    for (let hop = 0; hop < 12; hop += 1) {
      const answer = await fetch(next, { redirect: 'manual', headers: { cookie: jar.header(), 'sec-fetch-site': 'cross-site' } });
      jar.take(answer);
      const location = answer.headers.get('location');
      if (location === null || !new URL(location, next).href.startsWith(standin.urls.auth!)) return answer;
      next = new URL(location, next).href;
    }
    throw new Error(`too many redirects from ${url}`);
  }

  it('signs nobody in without a page (login CSRF): the login page asks, and the session the browser had stays', async () => {
    const config = await discover(issuerOf(), 'spa');
    const jar = new CookieJar();
    await followToCallback((await authorizationUrl(config, { login_hint: 'alice' })).url.href, jar);

    const asked = await sentFromAnotherSite((await authorizationUrl(config, { login_hint: 'bob', prompt: 'login' })).url.href, jar);
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('<title>Sign in');

    const again = await authorizationUrl(config, {});
    const tokens = await client.authorizationCodeGrant(config, await followToCallback(again.url.href, jar), {
      pkceCodeVerifier: again.verifier, expectedState: again.state, expectedNonce: again.nonce,
    });
    expect(tokens.claims()).toMatchObject({ sub: 'alice' });
  });
});

describe('an authorization request posted as a form (OpenID Connect Core 1.0 §3.1.2.1)', () => {
  const RP_PAGE = { origin: 'https://rp.example', 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' };

  it('is answered 303 with the same request as a GET, which ends at the callback with a code', async () => {
    const config = await discover(issuerOf(), 'spa');
    const start = await authorizationUrl(config, { login_hint: 'alice' });
    // Only the body's parameters count, as in oidc-provider's POST: the URL's query is left out.
    const posted = await fetch(`${issuerOf()}/authorize?client_id=not-this-one`, { method: 'POST', redirect: 'manual', headers: RP_PAGE, body: start.url.searchParams });
    expect(posted.status).toBe(303);
    const location = new URL(posted.headers.get('location')!, issuerOf());
    expect(location.origin + location.pathname).toBe(`${issuerOf()}/authorize`);
    expect([...location.searchParams]).toEqual([...start.url.searchParams]);

    const tokens = await client.authorizationCodeGrant(config, await followToCallback(location.href, new CookieJar()), {
      pkceCodeVerifier: start.verifier, expectedState: start.state, expectedNonce: start.nonce,
    });
    expect(tokens.claims()).toMatchObject({ sub: 'alice', aud: 'spa' });
  });

  it('refuses a body in a content coding, one that is no form, and one too large to become a URL', async () => {
    const gzipped = await fetch(`${issuerOf()}/authorize`, { method: 'POST', headers: { ...RP_PAGE, 'content-encoding': 'gzip' }, body: 'client_id=spa' });
    expect([gzipped.status, gzipped.headers.get('accept-encoding')]).toEqual([415, 'identity']);
    const json = await fetch(`${issuerOf()}/endsession`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"client_id":"spa"}' });
    expect([json.status, json.headers.get('accept')]).toEqual([415, 'application/x-www-form-urlencoded']);
    const large = await fetch(`${issuerOf()}/authorize`, { method: 'POST', headers: RP_PAGE, body: `client_id=spa&state=${'x'.repeat(9000)}` });
    expect(large.status).toBe(413);
    expect(large.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it.each([
    ['declared with Content-Length', (body: Buffer) => ({ head: `Content-Length: ${body.length}`, bytes: body })],
    ['sent chunked', (body: Buffer) => ({ head: 'Transfer-Encoding: chunked', bytes: Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]) })],
  ])('answers 413 to a form far over the limit, %s, to a client that keeps sending it, not with a reset', async (_, frame) => {
    const { port } = new URL(standin.urls.auth!);
    const { head, bytes } = frame(Buffer.from(`state=${'x'.repeat(4 * 1024 * 1024)}`));
    for (let round = 0; round < 5; round += 1) {
      const outcome = await new Promise<{ response: string; error?: string }>((resolve) => {
        const socket = connect({ port: Number(port), host: '127.0.0.1', allowHalfOpen: true });
        const chunks: Buffer[] = [];
        let error: string | undefined;
        socket.on('data', (chunk: Buffer) => chunks.push(chunk));
        socket.on('error', (cause: Error & { code?: string }) => { error = cause.code; });
        socket.on('close', () => resolve({ response: Buffer.concat(chunks).toString('latin1'), error }));
        socket.write(`POST /default/authorize HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n${head}\r\n\r\n`);
        socket.end(bytes);
      });
      expect(outcome).toEqual({ error: undefined, response: expect.stringMatching(/^HTTP\/1\.1 413 [^]*application\/problem\+json[^]*"Payload Too Large"/) });
    }
  });
});
