import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { useStandin } from '../../support/standin-harness';
import { authorizationUrl, client, CookieJar, discover, followToCallback, signIn } from './oidc-clients';

const standin = useStandin({ servers: ['auth'] });
const issuer = (id: string) => `${standin.urls.auth}/${id}`;

async function control(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${standin.urls.auth}/admin/issuers/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const jwksOf = async (id: string) => createLocalJWKSet((await (await fetch(`${issuer(id)}/jwks`)).json()) as JSONWebKeySet);

describe('control API', () => {
  it('adds a user whose claims show up in the ID token, userinfo and access token', async () => {
    const put = await control('PUT', 'users-test/users/carol', { claims: { name: 'Carol', roles: ['editor'] } });
    expect(put.status).toBe(200);
    const config = await discover(issuer('users-test'), 'spa');
    const tokens = await signIn(config, 'carol', { scope: 'openid profile', resource: 'http://localhost:8002' });
    expect(tokens.claims()).toMatchObject({ sub: 'carol', name: 'Carol', roles: ['editor'] });
    const { payload } = await jwtVerify(tokens.access_token, await jwksOf('users-test'), { audience: 'http://localhost:8002' });
    expect(payload.roles).toEqual(['editor']);
    const listed = (await (await control('GET', 'users-test/users')).json()) as { users: { subject: string }[] };
    expect(listed.users.map((user) => user.subject)).toEqual(['alice', 'bob', 'carol']);
    expect((await control('PUT', 'users-test/users/mallory', { claims: { sub: 'alice' } })).status).toBe(400);
    expect((await control('DELETE', 'users-test/users/nobody')).status).toBe(404);
  });

  it('makes the next N token requests fail with the chosen error, then recovers', async () => {
    const queued = await control('PUT', 'failures-test/failures', { error: 'invalid_grant', error_description: 'scripted refusal', count: 2 });
    expect(((await queued.json()) as { pending_failure: { remaining: number } }).pending_failure.remaining).toBe(2);
    const config = await discover(issuer('failures-test'), 'svc', 'secret');
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await expect(client.clientCredentialsGrant(config, {})).rejects.toMatchObject({ error: 'invalid_grant', error_description: 'scripted refusal', status: 400 });
    }
    expect((await client.clientCredentialsGrant(config, {})).access_token).toEqual(expect.any(String));
  });

  it('answers a queued outage with the status asked for', async () => {
    await control('PUT', 'outage-test/failures', { error: 'temporarily_unavailable', status: 503 });
    const answer = await fetch(`${issuer('outage-test')}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=svc&client_secret=x' });
    expect(answer.status).toBe(503);
    expect(await answer.json()).toMatchObject({ error: 'temporarily_unavailable' });
  });

  it('answers a queued invalid_client to HTTP Basic as a real one: 401 with a Basic challenge (RFC 6749 §5.2)', async () => {
    await control('PUT', 'client-failure-test/clients/reg', { client_secret: 'right' });
    const wrongSecret = await discover(issuer('client-failure-test'), 'reg', 'wrong');
    const real = await client.clientCredentialsGrant(wrongSecret, {}).catch((error: unknown) => error);
    await control('PUT', 'client-failure-test/failures', { error: 'invalid_client' });
    const queued = await client.clientCredentialsGrant(await discover(issuer('client-failure-test'), 'reg', 'right'), {}).catch((error: unknown) => error);
    for (const error of [real, queued]) {
      expect(error).toBeInstanceOf(client.WWWAuthenticateChallengeError);
      expect((error as client.WWWAuthenticateChallengeError).cause[0]).toMatchObject({ scheme: 'basic', parameters: { error: 'invalid_client', realm: issuer('client-failure-test') } });
    }
  });

  it('expires an authorization code when the clock is moved past its lifetime', async () => {
    const config = await discover(issuer('clock-test'), 'spa');
    const start = await authorizationUrl(config, { login_hint: 'alice' });
    const callback = await followToCallback(start.url.href, new CookieJar());
    expect((await control('PUT', 'clock-test/clock', { offset_s: 120 })).status).toBe(200);
    await expect(client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: start.verifier, expectedState: start.state, expectedNonce: start.nonce }))
      .rejects.toMatchObject({ error: 'invalid_grant' });
    const reset = (await (await control('DELETE', 'clock-test/clock')).json()) as { clock: { offset_s: number } };
    expect(reset.clock.offset_s).toBe(0);
  });

  it('issues tokens dated by the shifted clock', async () => {
    await control('PUT', 'clock-shift/clock', { offset_s: -7200, frozen: true });
    const config = await discover(issuer('clock-shift'), 'svc', 'secret');
    const tokens = await client.clientCredentialsGrant(config, { resource: 'http://localhost:8002' });
    const { payload } = await jwtVerify(tokens.access_token, await jwksOf('clock-shift'), { currentDate: new Date(Date.now() - 7200_000) });
    expect(Math.abs(payload.iat! - (Date.now() / 1000 - 7200))).toBeLessThan(60);
  });

  it('rotates keys: new tokens use the new key (ES256 when asked), the old key stays in the JWKS', async () => {
    const config = await discover(issuer('keys-test'), 'svc', 'secret');
    const before = await client.clientCredentialsGrant(config, { resource: 'http://localhost:8002' });
    const rotated = await control('POST', 'keys-test/keys/rotate', { alg: 'ES256' });
    expect(((await rotated.json()) as { signing_alg: string }).signing_alg).toBe('ES256');
    const after = await client.clientCredentialsGrant(config, { resource: 'http://localhost:8002' });
    expect(decodeProtectedHeader(after.access_token).alg).toBe('ES256');
    expect(decodeProtectedHeader(after.access_token).kid).not.toBe(decodeProtectedHeader(before.access_token).kid);
    const jwks = await jwksOf('keys-test');
    await jwtVerify(before.access_token, jwks);
    await jwtVerify(after.access_token, jwks);
  });

  it('ends every session: the next authorization asks for the login again', async () => {
    const config = await discover(issuer('sessions-test'), 'spa');
    const jar = new CookieJar();
    const first = await authorizationUrl(config, { login_hint: 'alice' });
    await followToCallback(first.url.href, jar);
    const again = await authorizationUrl(config, {});
    expect((await followToCallback(again.url.href, jar)).searchParams.get('code')).toEqual(expect.any(String));
    const revoked = (await (await control('DELETE', 'sessions-test/sessions')).json()) as { revoked: number };
    expect(revoked.revoked).toBeGreaterThan(0);
    const third = await authorizationUrl(config, {});
    await expect(followToCallback(third.url.href, jar)).rejects.toThrow(/expected a redirect .*interaction.*got 200/);
  });

  it('answers problems for bad input', async () => {
    const bad = await control('PUT', 'default/failures', { error: 'x', count: 0 });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await control('GET', 'admin')).status).toBe(400);
  });

  it('refuses redirect URIs oidc-provider would refuse when the client uses them: only http(s) URLs for web applications', async () => {
    for (const uri of ['javascript:alert(1)', 'data:text/html,hi', 'com.example.app:/callback', 'http://localhost:3000/cb#x']) {
      for (const field of ['redirect_uris', 'post_logout_redirect_uris']) {
        const registered = await control('PUT', 'redirect-test/clients/web', { [field]: [uri] });
        expect([uri, field, registered.status]).toEqual([uri, field, 400]);
        expect(((await registered.json()) as { detail: string }).detail).toBe(`${field} must be a list of absolute http(s) URLs without a fragment`);
      }
    }
    expect((await control('PUT', 'redirect-test/clients/web', { redirect_uris: ['https://app.example.test/cb', 'http://localhost:3000/cb?tenant=a'] })).status).toBe(200);
  });

  it('refuses claims named __proto__ or constructor, which oidc-provider cannot issue (a token without sub, a 500)', async () => {
    for (const name of ['__proto__', 'constructor']) {
      const claims = `{"${name}": {"admin": true}, "name": "Mallory"}`;
      const user = await fetch(`${standin.urls.auth}/admin/issuers/claim-names-test/users/mallory`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: `{"claims": ${claims}}` });
      expect([name, user.status, ((await user.json()) as { title: string }).title]).toEqual([name, 400, 'Invalid definition']);
      const registered = await fetch(`${standin.urls.auth}/admin/issuers/claim-names-test/clients/svc`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: `{"claims": ${claims}}` });
      expect([name, registered.status]).toEqual([name, 400]);
    }
    const tokens = await signIn(await discover(issuer('claim-names-test'), 'spa'), 'alice');
    expect(tokens.claims()?.sub).toBe('alice');
  });

  it('refuses a client_id no client could present (RFC 6749 Appendix A.1), and keeps a usable one', async () => {
    const refused = await control('PUT', `default/clients/${encodeURIComponent('café-app')}`, { client_secret: 's3cret' });
    expect(refused.status).toBe(400);
    const listed = (await (await control('GET', 'default/clients')).json()) as { clients: { client_id: string }[] };
    expect(listed.clients.map((registered) => registered.client_id)).not.toContain('café-app');
    expect((await control('PUT', `default/clients/${encodeURIComponent('reports job:1')}`, { client_secret: 'p@ss word' })).status).toBe(200);
    const config = await discover(issuer('default'), 'reports job:1', 'p@ss word');
    expect((await client.clientCredentialsGrant(config, {})).access_token).toEqual(expect.any(String));
  });

  it('refuses a client named after a member of Object.prototype, which oidc-provider cannot keep apart from every other session', async () => {
    for (const clientId of ['__proto__', 'constructor']) {
      const refused = await control('PUT', `default/clients/${clientId}`, { client_secret: 's3cret' });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ errors: [{ field: 'client_id' }] });
    }
  });

  it('refuses a client_secret no client could present (RFC 6749 Appendix A.2), which oidc-provider would refuse at every request', async () => {
    const refused = await control('PUT', 'default/clients/euro-app', { client_secret: 's\u20acret' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).not.toContain('s\u20acret');
    const listed = (await (await control('GET', 'default/clients')).json()) as { clients: { client_id: string }[] };
    expect(listed.clients.map((registered) => registered.client_id)).not.toContain('euro-app');
  });

  it.each(['users/deep', 'clients/deep'])('refuses claims nested thousands deep with 400 (PUT %s), and keeps nothing', async (path) => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const res = await fetch(`${standin.urls.auth}/admin/issuers/default/${path}`, {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: `{"claims":{"nested":${deep}}}`,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errors: [{ field: 'claims', message: expect.stringMatching(/at most 32 levels/) }] });
    expect((await control('DELETE', `default/${path}`)).status).toBe(404);
  });
});

describe('AUTH_STRICT=true', () => {
  const strict = useStandin({ servers: ['auth'], env: { AUTH_STRICT: 'true', AUTH_CLIENTS: JSON.stringify([{ client_id: 'known', redirect_uris: ['http://localhost:3000/callback'] }, { client_id: 'device-only' }]) } });

  it('accepts a registered client at its exact redirect URI only, and refuses unknown clients', async () => {
    const known = await discover(`${strict.urls.auth}/default`, 'known');
    expect((await signIn(known, 'bob')).claims()!.sub).toBe('bob');
    const elsewhere = await authorizationUrl(known, { login_hint: 'bob', redirect_uri: 'http://localhost:3000/other' });
    const page = await fetch(elsewhere.url, { redirect: 'manual' });
    expect(page.status).toBe(400);
    expect(await page.text()).toMatch(/redirect_uri/);
    const unknown = await discover(`${strict.urls.auth}/default`, 'stranger', 'secret');
    await expect(client.clientCredentialsGrant(unknown, {})).rejects.toThrow();
  });

  it('sends a client registered without redirect URIs nowhere, not to any loopback URI as in open mode', async () => {
    const deviceOnly = await discover(`${strict.urls.auth}/default`, 'device-only');
    const signInPage = await fetch((await authorizationUrl(deviceOnly, { login_hint: 'bob' })).url, { redirect: 'manual' });
    expect([signInPage.status, signInPage.headers.get('location')]).toEqual([400, null]);
    expect(await signInPage.text()).toMatch(/redirect_uri/);
    const logout = await fetch(client.buildEndSessionUrl(deviceOnly, { post_logout_redirect_uri: 'http://localhost:3000/bye' }), { redirect: 'manual' });
    expect(logout.status).toBe(400);
    expect(await logout.text()).toMatch(/post_logout_redirect_uri/);
    await expect(client.initiateDeviceAuthorization(deviceOnly, {})).resolves.toMatchObject({ user_code: expect.any(String) });
  });
});
