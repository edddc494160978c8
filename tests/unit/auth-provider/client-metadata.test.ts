import { clientMetadata, isLoopbackUri, presentedClient } from '../../../src/auth-provider/client-metadata';

const request = (headers: Record<string, string>, body: Record<string, string> = {}, query: Record<string, string> = {}) => ({ headers, query, oidc: { body } });
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('presentedClient', () => {
  it('reads a Basic secret form-decoded, as RFC 6749 §2.3.1 encodes it', () => {
    expect(presentedClient(request({ authorization: basic('app', 'a%2Bb+c') }))).toMatchObject({ method: 'client_secret_basic', secret: 'a+b c' });
  });

  it('reads a secret in the body, and none at all as a public client', () => {
    expect(presentedClient(request({}, { client_secret: 's3cret' }))).toMatchObject({ method: 'client_secret_post', secret: 's3cret' });
    expect(presentedClient(request({}, {}, { redirect_uri: 'http://localhost:3000/cb' }))).toEqual({ method: 'none', redirectUri: 'http://localhost:3000/cb', postLogoutRedirectUri: undefined });
  });
});

describe('clientMetadata', () => {
  it('makes up an unregistered client from the request, with its loopback redirect URI', () => {
    const made = clientMetadata('anyone', undefined, { method: 'client_secret_post', secret: 'x', redirectUri: 'http://127.0.0.1:5173/cb' }, false);
    expect(made).toMatchObject({ client_id: 'anyone', client_secret: 'x', token_endpoint_auth_method: 'client_secret_post', redirect_uris: ['http://127.0.0.1:5173/cb'] });
  });

  it('never takes a redirect URI off this machine from the request', () => {
    const made = clientMetadata('anyone', undefined, { method: 'none', redirectUri: 'https://evil.example/cb' }, false);
    expect(made.redirect_uris).not.toContain('https://evil.example/cb');
    expect(made.token_endpoint_auth_method).toBe('none');
  });

  it('keeps a registered client\'s own secret and exact URIs, whatever the request says', () => {
    const made = clientMetadata('web', { client_id: 'web', client_secret: 'right', redirect_uris: ['http://localhost:3000/cb'], source: 'api' }, { method: 'client_secret_basic', secret: 'wrong', redirectUri: 'http://localhost:9999/x' }, false);
    expect(made).toMatchObject({ client_secret: 'right', redirect_uris: ['http://localhost:3000/cb'], token_endpoint_auth_method: 'client_secret_basic' });
  });
});

describe('isLoopbackUri', () => {
  it.each(['http://localhost:3000/cb', 'http://127.0.0.1/cb', 'http://[::1]:8080/', 'http://app.localhost:3000/cb'])('accepts %s', (uri) => {
    expect(isLoopbackUri(uri)).toBe(true);
  });
  it.each(['https://example.com/cb', 'http://localhost.evil.example/cb', 'myapp://callback', 'http://localhost:3000/cb#frag', 'not a url'])('refuses %s', (uri) => {
    expect(isLoopbackUri(uri)).toBe(false);
  });
});
