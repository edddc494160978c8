import { SignIn } from '../../../src/client-app/sign-in';

const ISSUER = 'https://provider.example/tenant';
const CLIENT_ID = 'standin-client-app';

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A provider answering discovery and the token endpoint from memory, as `fetch` does. */
function providerAnswering(tokenEndpointAnswer: () => Record<string, unknown>): typeof fetch {
  return async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    if (url.pathname === '/tenant/.well-known/openid-configuration') {
      return json({
        issuer: ISSUER,
        authorization_endpoint: `${ISSUER}/authorize`,
        token_endpoint: `${ISSUER}/token`,
        jwks_uri: `${ISSUER}/jwks`,
        response_types_supported: ['code'],
        id_token_signing_alg_values_supported: ['RS256'],
      });
    }
    if (url.pathname === '/tenant/token') return json(tokenEndpointAnswer());
    return new Response('not found', { status: 404 });
  };
}

/** Begins a sign-in and comes back from the provider with a code, as the callback does. */
async function signInWith(tokenEndpointAnswer: (nonce: string) => Record<string, unknown>) {
  let nonce = '';
  const signIn = new SignIn({ issuer: ISSUER, clientId: CLIENT_ID, clientSecret: '', resource: 'http://localhost:8002', fetch: providerAnswering(() => tokenEndpointAnswer(nonce)) });
  const { url, pendingId } = await signIn.begin('http://localhost:3000/api/auth/callback', undefined);
  const authorization = new URL(url).searchParams;
  nonce = authorization.get('nonce')!;
  return signIn.complete(pendingId, new URLSearchParams({ code: 'the-code', state: authorization.get('state')!, iss: ISSUER }));
}

function idToken(nonce: string): string {
  const now = Math.floor(Date.now() / 1000);
  // The token endpoint's ID token is taken over TLS from the provider: its claims are checked, not its signature.
  return `${base64url({ alg: 'RS256', typ: 'JWT' })}.${base64url({ iss: ISSUER, aud: CLIENT_ID, sub: 'alice', nonce, iat: now, exp: now + 600 })}.c2lnbmF0dXJl`;
}

describe('SignIn.complete', () => {
  it('fails the sign-in, saying why, when the provider issues an access token that is not a JWT', async () => {
    const outcome = await signInWith((nonce) => ({ access_token: 'an-opaque-reference', token_type: 'Bearer', expires_in: 3600, id_token: idToken(nonce) }));
    expect(outcome).toMatchObject({ signedIn: false, code: 'token_exchange_failed' });
    expect(outcome.signedIn || outcome.reason).toMatch(/access token is not a JWT/);
  });
});
