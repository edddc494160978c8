import { useStandin } from '../../support/standin-harness';
import { authorizationUrl, client, CookieJar, discover, followToCallback, signIn } from './oidc-clients';

const standin = useStandin({ servers: ['auth'] });
const issuer = () => `${standin.urls.auth}/default`;

/**
 * Who may introspect and revoke whose tokens (RFC 7662 §2.1, RFC 7009 §2.1). Each test file loads
 * oidc-provider afresh, so the first introspection and revocation of the process happen here.
 */
describe('introspection and revocation policies', () => {
  let printed: jest.SpyInstance[];
  beforeEach(() => { printed = [jest.spyOn(console, 'info'), jest.spyOn(console, 'warn'), jest.spyOn(console, 'log')]; });
  afterEach(() => printed.forEach((spy) => spy.mockRestore()));

  it('lets a confidential client introspect another client\'s token, a public client only its own, and prints nothing about it', async () => {
    const tokens = await signIn(await discover(issuer(), 'web', 'secret'), 'alice');
    const resourceServer = await discover(issuer(), 'resource-server', 'its-secret');
    expect(await client.tokenIntrospection(resourceServer, tokens.refresh_token!)).toMatchObject({ active: true, client_id: 'web' });
    const stranger = await discover(issuer(), 'public-stranger');
    expect((await client.tokenIntrospection(stranger, tokens.refresh_token!)).active).toBe(false);
    expect(printed.flatMap((spy) => spy.mock.calls)).toEqual([]);
  });

  it('lets only the client a token was issued to revoke it, and prints nothing about it', async () => {
    const owner = await discover(issuer(), 'web', 'secret');
    const tokens = await signIn(owner, 'alice');
    await expect(client.tokenRevocation(await discover(issuer(), 'other', 'secret'), tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_request' });
    await client.tokenRevocation(await discover(issuer(), 'public-stranger'), tokens.refresh_token!);
    expect((await client.tokenIntrospection(owner, tokens.refresh_token!)).active).toBe(true);
    await client.tokenRevocation(owner, tokens.refresh_token!);
    expect((await client.tokenIntrospection(owner, tokens.refresh_token!)).active).toBe(false);
    expect(printed.flatMap((spy) => spy.mock.calls)).toEqual([]);
  });
});

describe('CORS of userinfo', () => {
  let printed: jest.SpyInstance[];
  beforeEach(() => { printed = [jest.spyOn(console, 'info'), jest.spyOn(console, 'warn'), jest.spyOn(console, 'log')]; });
  afterEach(() => printed.forEach((spy) => spy.mockRestore()));

  it('gives a page of an origin CORS_ORIGIN does not allow no CORS headers, even at a client\'s redirect URI\'s origin, and prints nothing about it', async () => {
    const callback = 'https://app.example.test/callback';
    const put = await fetch(`${standin.urls.auth}/admin/issuers/default/clients/remote-spa`, {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ redirect_uris: [callback] }),
    });
    expect(put.status).toBe(200);
    const config = await discover(issuer(), 'remote-spa');
    const start = await authorizationUrl(config, { login_hint: 'alice', redirect_uri: callback });
    const tokens = await client.authorizationCodeGrant(config, await followToCallback(start.url.href, new CookieJar(), callback), {
      pkceCodeVerifier: start.verifier, expectedState: start.state, expectedNonce: start.nonce,
    });
    const read = await fetch(`${issuer()}/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}`, origin: 'https://app.example.test' } });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    const local = await fetch(`${issuer()}/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}`, origin: 'http://localhost:5173' } });
    expect([local.status, local.headers.get('access-control-allow-origin')]).toEqual([200, 'http://localhost:5173']);
    expect(printed.flatMap((spy) => spy.mock.calls)).toEqual([]);
  });
});
