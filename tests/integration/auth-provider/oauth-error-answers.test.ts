import * as oauth from 'oauth4webapi';
import { useStandin } from '../../support/standin-harness';
import { rawExchange, rawRequest } from '../s3/raw-http';

// What an OAuth client is told when the kit refuses a request at an issuer's JSON endpoint before
// oidc-provider sees it (README, "Security model"): the error format of OAuth, which its library reads.
const standin = useStandin({ servers: ['auth'] });
const issuer = () => `${standin.urls.auth}/default`;
const port = () => Number(new URL(standin.urls.auth!).port);
const client: oauth.Client = { client_id: 'reporting-job' };

async function authorizationServer(): Promise<oauth.AuthorizationServer> {
  return oauth.processDiscoveryResponse(new URL(issuer()), await oauth.discoveryRequest(new URL(issuer()), { [oauth.allowInsecureRequests]: true }));
}

/** fetch as a service in another container sends it (docker-compose.mocks.yml): the provider named auth:8080 in Host. */
const fromContainer = (async (url: URL | string, init?: RequestInit) => {
  const target = new URL(String(url));
  const headers = { ...Object.fromEntries(new Headers(init?.headers)), host: 'auth:8080' };
  const res = await rawRequest(Number(target.port), { method: init?.method ?? 'GET', path: `${target.pathname}${target.search}`, headers, body: init?.body?.toString() });
  return new Response(res.body, { status: res.status, headers: res.headers as Record<string, string> });
}) as typeof fetch;

describe('the auth provider\'s refusals at its OAuth endpoints', () => {
  it('tells a client whose Host it does not serve why, in OAuth\'s words, which oauth4webapi reports', async () => {
    const as = await authorizationServer();
    const response = await oauth.clientCredentialsGrantRequest(as, client, oauth.ClientSecretBasic('any'), new URLSearchParams(), { [oauth.allowInsecureRequests]: true, [oauth.customFetch]: fromContainer });
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    await expect(oauth.processClientCredentialsResponse(as, client, response)).rejects.toMatchObject({
      status: 403,
      error: 'invalid_request',
      // RFC 6749 §5.2: no '"' in error_description
      error_description: "This server does not answer for the host 'auth:8080' (a guard against DNS rebinding). Add it to ALLOWED_HOSTS to allow it.",
    });
  });

  it('tells a page of an origin CORS_ORIGIN does not name why, in OAuth\'s words', async () => {
    const as = await authorizationServer();
    const response = await oauth.clientCredentialsGrantRequest(as, client, oauth.ClientSecretBasic('any'), new URLSearchParams(), { [oauth.allowInsecureRequests]: true, headers: { origin: 'https://evil.example' } });
    await expect(oauth.processClientCredentialsResponse(as, client, response)).rejects.toMatchObject({ status: 403, error: 'invalid_request', error_description: expect.stringMatching(/^Requests from pages of 'https:\/\/evil\.example' .* CORS_ORIGIN/) });
  });

  it('refuses a token request with two Authorization headers as invalid_request (RFC 6749 §5.2), rather than take the first', async () => {
    const basic = (secret: string) => `Authorization: Basic ${Buffer.from(`reporting-job:${secret}`).toString('base64')}`;
    const body = 'grant_type=client_credentials';
    const response = await rawExchange(port(), `POST /default/token HTTP/1.1\r\nHost: 127.0.0.1\r\n${basic('one')}\r\n${basic('two')}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
    const [head, answer] = response.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(answer)).toMatchObject({ error: 'invalid_request', error_description: 'A request carries at most one Authorization header, not 2 (RFC 9110 section 5.3).' });
  });

  it('answers a header block over the limit at introspection in OAuth\'s words, and keeps problems on the other paths', async () => {
    const oversized = { 'x-padding': 'a'.repeat(20_000), 'content-type': 'application/x-www-form-urlencoded' };
    const introspection = await rawRequest(port(), { method: 'POST', path: '/default/introspect', headers: oversized, body: 'token=x' });
    expect([introspection.status, introspection.headers['content-type'], JSON.parse(introspection.body).error]).toEqual([431, 'application/json; charset=utf-8', 'invalid_request']);
    const discovery = await rawRequest(port(), { method: 'GET', path: '/default/.well-known/openid-configuration', headers: { host: 'auth:8080' } });
    expect([discovery.status, discovery.headers['content-type']]).toEqual([403, 'application/problem+json; charset=utf-8']);
  });
});
