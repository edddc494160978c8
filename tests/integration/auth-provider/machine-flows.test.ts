import * as oauth from 'oauth4webapi';
import { createRemoteJWKSet, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { useStandin } from '../../support/standin-harness';
import { client, CookieJar, discover, signIn, visit } from './oidc-clients';

const standin = useStandin({ servers: ['auth'] });
const issuer = () => `${standin.urls.auth}/default`;
const jwks = () => createRemoteJWKSet(new URL(`${issuer()}/jwks`));
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token';

describe('client credentials', () => {
  it('issues a JWT for the resource to a confidential client with any secret (oauth4webapi)', async () => {
    const as = await oauth.processDiscoveryResponse(new URL(issuer()), await oauth.discoveryRequest(new URL(issuer()), { algorithm: 'oidc', [oauth.allowInsecureRequests]: true }));
    const response = await oauth.clientCredentialsGrantRequest(as, { client_id: 'reporting-job' }, oauth.ClientSecretBasic('any'), new URLSearchParams({ resource: 'http://localhost:8002', scope: 'images:read' }), { [oauth.allowInsecureRequests]: true });
    const tokens = await oauth.processClientCredentialsResponse(as, { client_id: 'reporting-job' }, response);
    const { payload } = await jwtVerify(tokens.access_token, jwks(), { issuer: issuer(), audience: 'http://localhost:8002' });
    expect(payload).toMatchObject({ sub: 'reporting-job', client_id: 'reporting-job', scope: 'images:read' });
  });

  it('refuses a public client, which has no credentials to present (RFC 6749 §4.4)', async () => {
    const as = await oauth.processDiscoveryResponse(new URL(issuer()), await oauth.discoveryRequest(new URL(issuer()), { algorithm: 'oidc', [oauth.allowInsecureRequests]: true }));
    const response = await oauth.clientCredentialsGrantRequest(as, { client_id: 'no-secret-job' }, oauth.None(), new URLSearchParams({ resource: 'http://localhost:8002' }), { [oauth.allowInsecureRequests]: true });
    await expect(oauth.processClientCredentialsResponse(as, { client_id: 'no-secret-job' }, response)).rejects.toMatchObject({ error: 'invalid_request', error_description: 'requested grant type is not allowed for this client', status: 400 });
  });

  it('answers a secret no client can have (RFC 6749 Appendix A.2) invalid_client, as a wrong secret', async () => {
    const config = await discover(issuer(), 'euro-job', 's\u20acret', 'post');
    await expect(client.clientCredentialsGrant(config, {})).rejects.toMatchObject({ error: 'invalid_client', status: 401 });
  });

  it('puts a registered client\'s claims into its client-credentials tokens and its users\' tokens', async () => {
    const put = await fetch(`${standin.urls.auth}/admin/issuers/default/clients/tenant-app`, {
      method: 'PUT', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_secret: 's3cret', redirect_uris: ['http://localhost:3000/callback'], claims: { tenant: 'acme' } }),
    });
    expect(put.status).toBe(200);
    expect(await put.json()).not.toHaveProperty('client_secret');
    const config = await discover(issuer(), 'tenant-app', 's3cret');
    const machine = await client.clientCredentialsGrant(config, { resource: 'http://localhost:8002' });
    expect((await jwtVerify(machine.access_token, jwks(), { audience: 'http://localhost:8002' })).payload.tenant).toBe('acme');
    const user = await signIn(config, 'alice', { resource: 'http://localhost:8002' });
    expect(user.claims()!.tenant).toBe('acme');
    expect((await jwtVerify(user.access_token, jwks(), { audience: 'http://localhost:8002' })).payload).toMatchObject({ tenant: 'acme', sub: 'alice' });
    const wrongSecret = await fetch(`${issuer()}/token`, {
      method: 'POST', headers: { authorization: `Basic ${Buffer.from('tenant-app:wrong').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toMatchObject({ error: 'invalid_client' });
  });
});

describe('a token request in a content coding', () => {
  it('is refused with 415 naming the coding it takes, in OAuth\'s words, not read as if it were plain', async () => {
    const res = await fetch(`${issuer()}/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('reporting-job:any').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'gzip' },
      body: 'grant_type=client_credentials',
    });
    expect(res.status).toBe(415);
    expect(res.headers.get('accept-encoding')).toBe('identity');
    // RFC 6749 §5.2, as oidc-provider words its own errors there
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ error: 'invalid_request', error_description: 'POST /default/token decodes no content coding: send its body without Content-Encoding (not gzip)' });
  });
});

describe('token exchange (RFC 8693)', () => {
  it('exchanges a user\'s access token for a JWT for another audience, keeping the subject', async () => {
    const config = await discover(issuer(), 'gateway', 'secret');
    const tokens = await signIn(config, 'bob', { scope: 'openid' });
    const exchanged = await client.genericGrantRequest(config, TOKEN_EXCHANGE, {
      subject_token: tokens.access_token, subject_token_type: ACCESS_TOKEN, audience: 'image-api',
    });
    expect(exchanged.issued_token_type).toBe(ACCESS_TOKEN);
    const { payload } = await jwtVerify(exchanged.access_token, jwks(), { issuer: issuer(), audience: 'image-api' });
    expect(payload).toMatchObject({ sub: 'bob', client_id: 'gateway' });
  });

  it('narrows the subject token\'s scope when asked, and refuses a scope the subject token does not hold (invalid_scope)', async () => {
    const config = await discover(issuer(), 'gateway', 'secret');
    const tokens = await signIn(config, 'bob', { scope: 'openid email' });
    const exchange = (scope: string) => client.genericGrantRequest(config, TOKEN_EXCHANGE, { subject_token: tokens.access_token, subject_token_type: ACCESS_TOKEN, audience: 'image-api', scope });
    const narrowed = await exchange('email');
    expect((await jwtVerify(narrowed.access_token, jwks(), { audience: 'image-api' })).payload.scope).toBe('email');
    for (const wider of ['openid email profile', 'admin']) {
      await expect(exchange(wider)).rejects.toMatchObject({ error: 'invalid_scope', status: 400 });
    }
  });

  it('takes each token under the subject_token_type that names it (RFC 8693 §3), and refuses one that does not (invalid_request)', async () => {
    const config = await discover(issuer(), 'gateway', 'secret');
    const opaque = await signIn(config, 'bob');
    const jwt = await signIn(config, 'bob', { resource: 'http://localhost:8002' });
    const exchange = (subjectToken: string, type: string) => client.genericGrantRequest(config, TOKEN_EXCHANGE, { subject_token: subjectToken, subject_token_type: `urn:ietf:params:oauth:token-type:${type}`, audience: 'image-api' });
    const named: [string, string][] = [[opaque.access_token, 'access_token'], [jwt.access_token, 'access_token'], [jwt.access_token, 'jwt'], [opaque.id_token!, 'id_token'], [opaque.id_token!, 'jwt']];
    for (const [subjectToken, type] of named) {
      expect((await jwtVerify((await exchange(subjectToken, type)).access_token, jwks(), { audience: 'image-api' })).payload.sub).toBe('bob');
    }
    const misnamed: [string, string][] = [[opaque.access_token, 'jwt'], [opaque.access_token, 'id_token'], [jwt.access_token, 'id_token'], [opaque.id_token!, 'access_token']];
    for (const [subjectToken, type] of misnamed) {
      await expect(exchange(subjectToken, type)).rejects.toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining(`is not of subject_token_type urn:ietf:params:oauth:token-type:${type}`) });
    }
  });

  it('exchanges a client\'s own client-credentials token, opaque or JWT, keeping the client as subject', async () => {
    const config = await discover(issuer(), 'gateway', 'secret');
    const opaque = await client.clientCredentialsGrant(config, {});
    const jwt = await client.clientCredentialsGrant(config, { resource: 'http://localhost:8002' });
    for (const subject of [opaque, jwt]) {
      const exchanged = await client.genericGrantRequest(config, TOKEN_EXCHANGE, { subject_token: subject.access_token, subject_token_type: ACCESS_TOKEN, audience: 'image-api' });
      const { payload } = await jwtVerify(exchanged.access_token, jwks(), { issuer: issuer(), audience: 'image-api' });
      expect(payload).toMatchObject({ sub: 'gateway', client_id: 'gateway' });
    }
  });

  it('refuses a DPoP-bound subject token, opaque or JWT, which would come back as a bearer token usable without its key (RFC 9449)', async () => {
    const owner = await discover(issuer(), 'dpop-service', 'secret');
    const DPoP = client.getDPoPHandle(owner, await client.randomDPoPKeyPair());
    const opaque = await client.clientCredentialsGrant(owner, {}, { DPoP });
    const jwt = await client.clientCredentialsGrant(owner, { resource: 'http://localhost:8002' }, { DPoP });
    expect([opaque.token_type, jwt.token_type]).toEqual(['dpop', 'dpop']);
    const thief = await discover(issuer(), 'gateway', 'secret');
    for (const subject of [opaque, jwt]) {
      await expect(client.genericGrantRequest(thief, TOKEN_EXCHANGE, { subject_token: subject.access_token, subject_token_type: ACCESS_TOKEN, audience: 'image-api' }))
        .rejects.toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining('bound to a key') });
    }
  });

  it('refuses an audience named after a member of Object.prototype with invalid_target, not a 500', async () => {
    const config = await discover(issuer(), 'gateway', 'secret');
    const subject = await client.clientCredentialsGrant(config, {});
    for (const audience of ['__proto__', 'toString']) {
      await expect(client.genericGrantRequest(config, TOKEN_EXCHANGE, { subject_token: subject.access_token, subject_token_type: ACCESS_TOKEN, audience }))
        .rejects.toMatchObject({ error: 'invalid_target', status: 400 });
    }
  });

  it('refuses a resource with a fragment, as RFC 8707 §2 and the provider\'s other grants do', async () => {
    const config = await discover(issuer(), 'gateway', 'secret');
    const subject = await client.clientCredentialsGrant(config, {});
    await expect(client.clientCredentialsGrant(config, { resource: 'http://localhost:8002/#images' })).rejects.toMatchObject({ error: 'invalid_target' });
    await expect(client.genericGrantRequest(config, TOKEN_EXCHANGE, { subject_token: subject.access_token, subject_token_type: ACCESS_TOKEN, resource: 'http://localhost:8002/#images' }))
      .rejects.toMatchObject({ error: 'invalid_target', error_description: 'resource indicator must not contain a fragment component', status: 400 });
  });

  it('refuses a subject token the issuer did not issue, opaque or JWT, with invalid_request saying why (RFC 8693 §2.2.2)', async () => {
    const config = await discover(issuer(), 'gateway', 'secret');
    const { privateKey } = await generateKeyPair('RS256');
    const foreign = await new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'RS256', typ: 'at+jwt' }).setIssuer(issuer()).setExpirationTime('1h').sign(privateKey);
    for (const subjectToken of ['not-a-token', foreign]) {
      await expect(client.genericGrantRequest(config, TOKEN_EXCHANGE, { subject_token: subjectToken, subject_token_type: ACCESS_TOKEN, audience: 'image-api' }))
        .rejects.toMatchObject({ error: 'invalid_request', error_description: expect.stringMatching(/^subject_token is not a.* token of this issuer/), status: 400 });
    }
  });
});

describe('introspection and revocation', () => {
  it('introspects and revokes a refresh token', async () => {
    const config = await discover(issuer(), 'web', 'secret');
    const tokens = await signIn(config, 'alice');
    const active = await client.tokenIntrospection(config, tokens.refresh_token!);
    expect(active).toMatchObject({ active: true, sub: 'alice', client_id: 'web', iss: issuer() });
    await client.tokenRevocation(config, tokens.refresh_token!);
    expect((await client.tokenIntrospection(config, tokens.refresh_token!)).active).toBe(false);
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('answers a JWT access token as inactive, as RFC 7662 answers a token it does not hold', async () => {
    const config = await discover(issuer(), 'resource-server', 'secret');
    const jwt = await client.clientCredentialsGrant(config, { resource: 'http://localhost:8002' });
    await expect(client.tokenIntrospection(config, jwt.access_token)).resolves.toEqual({ active: false });
  });
});

describe('device authorization (RFC 8628)', () => {
  it('issues tokens once the user approves the code on the device page', async () => {
    const config = await discover(issuer(), 'tv-app');
    const device = await client.initiateDeviceAuthorization(config, { scope: 'openid offline_access' });
    expect(device.verification_uri).toBe(`${issuer()}/device`);
    await approveDevice(device.verification_uri_complete!, 'bob');
    const tokens = await client.pollDeviceAuthorizationGrant(config, device);
    expect(tokens.claims()!.sub).toBe('bob');
    expect(tokens.refresh_token).toEqual(expect.any(String));
  });
});

/** What a user does on the device pages, as form posts: confirm the code, then sign in with login_hint-free login. */
async function approveDevice(verificationUri: string, user: string): Promise<void> {
  const jar = new CookieJar();
  const page = await (await visit(verificationUri, jar)).text();
  const form = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? '';
  const confirm = await fetch(`${issuer()}/device`, {
    method: 'POST', redirect: 'manual',
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded', origin: standin.urls.auth! },
    body: new URLSearchParams({ xsrf: form('xsrf'), user_code: form('user_code'), confirm: 'yes' }),
  });
  jar.take(confirm);
  const interaction = new URL(confirm.headers.get('location')!, issuer());
  await visit(interaction.href, jar);
  const [, issuerId, uid] = interaction.pathname.split('/').filter(Boolean).reduce<string[]>((acc, part, i) => (i === 0 ? ['', part] : i === 2 ? [...acc, part] : acc), []);
  const login = await fetch(`${standin.urls.auth}/${issuerId}/interaction/${uid}/login`, {
    method: 'POST', headers: { cookie: jar.header(), 'content-type': 'application/json', origin: standin.urls.auth! }, body: JSON.stringify({ subject: user }),
  });
  expect(login.status).toBe(200);
  let next = ((await login.json()) as { redirect_to: string }).redirect_to;
  for (let hop = 0; hop < 8; hop += 1) {
    const response = await visit(new URL(next, issuer()).href, jar);
    const location = response.headers.get('location');
    if (!location) {
      expect(await response.text()).toMatch(/Device connected/);
      return;
    }
    next = location;
  }
  throw new Error('the device approval did not finish');
}
