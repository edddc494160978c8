import { SignJWT } from 'jose';
import jwt from 'jsonwebtoken';
import { AccessTokenVerifier } from '../../../src/image-api/access-token';
import { InvalidTokenError } from '../../../src/image-api/errors';
import { IssuerTokenVerifier } from '../../../src/image-api/issuer-token';

const SECRET = 'dev-secret-change-in-production';
// Never contacted: these tests are about HS256 tokens and the tokens no issuer may sign.
const ISSUER = 'http://127.0.0.1:9/default';
const tokens = new AccessTokenVerifier(SECRET, new IssuerTokenVerifier({ issuer: ISSUER, audiences: ['image-api'], fetch, cooldownMs: 0, tokenType: 'at+jwt' }));
const verify = (authorization: string | undefined) => tokens.verify(authorization);
const bearer = (token: string) => `Bearer ${token}`;
const sign = (claims: object, options: jwt.SignOptions = { expiresIn: 600 }, secret = SECRET) => jwt.sign(claims, secret, options);

async function refusalFor(authorization: string | undefined): Promise<InvalidTokenError> {
  try {
    await verify(authorization);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidTokenError);
    return error as InvalidTokenError;
  }
  throw new Error('the token was accepted');
}

const reasonFor = async (authorization: string | undefined) => (await refusalFor(authorization)).reason;

describe('AccessTokenVerifier: HS256 tokens', () => {
  it('accepts an HS256 token and names the user by its sub', async () => {
    expect(await verify(bearer(sign({ sub: 'user-1' })))).toEqual({ userId: 'user-1', clientId: 'user-1' });
  });

  it('addresses webhooks to the client_id claim when the token has one', async () => {
    expect((await verify(bearer(sign({ sub: 'user-1', client_id: 'acme' })))).clientId).toBe('acme');
  });

  it('accepts the scheme name in any case', async () => {
    expect((await verify(`bearer ${sign({ sub: 'u' })}`)).userId).toBe('u');
  });

  it('refuses a missing header or another scheme', async () => {
    expect(await reasonFor(undefined)).toMatch(/missing/);
    expect(await reasonFor('Basic dXNlcjpwYXNz')).toMatch(/missing/);
  });

  it('refuses an expired token and says when it expired', async () => {
    const expired = sign({ sub: 'u', exp: Math.floor(Date.now() / 1000) - 60 }, {});
    const refusal = await refusalFor(bearer(expired));
    expect(refusal.reason).toMatch(/^token expired at \d{4}-/);
    expect(refusal.refusal).toBe('expired');
  });

  it('refuses a token signed with another secret', async () => {
    expect(await reasonFor(bearer(sign({ sub: 'u' }, { expiresIn: 600 }, 'another-secret')))).toMatch(/signature does not match/);
  });

  it('refuses a malformed token', async () => {
    expect(await reasonFor(bearer('not-a-jwt'))).toMatch(/malformed/);
  });

  it('refuses an unsigned (alg none) token', async () => {
    const unsigned = sign({ sub: 'u' }, { algorithm: 'none', expiresIn: 600 });
    const refusal = await refusalFor(bearer(unsigned));
    expect(refusal.refusal).toBe('unsupported-algorithm');
    expect(refusal.reason).toMatch(/^token is signed with "none"; this API accepts HS256 tokens/);
  });

  it('refuses a token whose header lists critical extensions (RFC 7515 §4.1.11)', async () => {
    const critical = sign({ sub: 'u' }, { expiresIn: 600, header: { alg: 'HS256', crit: ['exp-v2'], 'exp-v2': 1 } as jwt.JwtHeader });
    expect(await reasonFor(bearer(critical))).toMatch(/^token header lists critical extensions this API does not understand \(crit: \["exp-v2"\]\)/);
  });

  it('refuses a token whose aud names another API (RFC 7519 §4.1.3), and takes one naming this API', async () => {
    const refusal = await refusalFor(bearer(sign({ sub: 'u', aud: 'billing-api' })));
    expect(refusal.refusal).toBe('wrong-audience');
    expect(refusal.reason).toBe('token is for audience "billing-api", not for "image-api" (AUTH_AUDIENCE, PUBLIC_URL)');
    expect(await reasonFor(bearer(sign({ sub: 'u', aud: [] })))).toMatch(/^token is for audience \[\]/);
    expect((await verify(bearer(sign({ sub: 'u', aud: ['billing-api', 'image-api'] })))).userId).toBe('u');
  });

  it('refuses an iat that is no NumericDate (RFC 7519 §4.1.6), as it refuses an issuer\'s token with one', async () => {
    // jsonwebtoken will not sign such a token; jose will
    const stringIat = await new SignJWT({ sub: 'u', iat: 'yesterday' as unknown as number }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('10m').sign(new TextEncoder().encode(SECRET));
    expect(await reasonFor(bearer(stringIat))).toBe('token\'s iat claim is invalid: "iat" claim must be a number');
    expect((await verify(bearer(sign({ sub: 'u', iat: Date.now() / 1000 - 0.5 })))).userId).toBe('u');
  });

  it('refuses a token bound to a DPoP key (cnf.jkt, RFC 9449), which it cannot check, and only such a token', async () => {
    const refusal = await refusalFor(bearer(sign({ sub: 'u', cnf: { jkt: '0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I' } })));
    expect(refusal.refusal).toBe('sender-constrained');
    expect(refusal.reason).toMatch(/^token is bound to a DPoP key \(cnf\.jkt\): only its holder may use it/);
    expect((await verify(bearer(sign({ sub: 'u', cnf: null })))).userId).toBe('u');
  });

  it('refuses a token bound to a client certificate (cnf.x5t#S256, RFC 8705), which it cannot check without TLS client certificates', async () => {
    const refusal = await refusalFor(bearer(sign({ sub: 'u', cnf: { 'x5t#S256': 'bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2' } })));
    expect(refusal.refusal).toBe('sender-constrained');
    expect(refusal.reason).toMatch(/^token is bound to a client certificate \(cnf\.x5t#S256\): .* no TLS client certificates/);
  });

  it('refuses a cnf naming a confirmation method it does not know, naming the member, and names the known one beside an unknown one', async () => {
    const unknown = await refusalFor(bearer(sign({ sub: 'u', cnf: { kid: 'dfd1aa97-6d8d-4575-a0fe-34b96de2bfad' } })));
    expect(unknown.refusal).toBe('sender-constrained');
    expect(unknown.reason).toMatch(/^token is bound to a key whose confirmation method this API does not know \(cnf member "kid"\)/);
    expect(await reasonFor(bearer(sign({ sub: 'u', cnf: { 'kc-jkt-type': 'DPoP', 'jkt': 'x' } })))).toMatch(/^token is bound to a DPoP key \(cnf\.jkt\)/);
    expect(await reasonFor(bearer(sign({ sub: 'u', cnf: JSON.parse('{"__proto__": {"jkt": "x"}}') })))).toMatch(/\(cnf member "__proto__"\)/);
  });

  it('takes a cnf without members, which binds to nothing, and refuses one that is no JSON object', async () => {
    expect((await verify(bearer(sign({ sub: 'u', cnf: {} })))).userId).toBe('u');
    for (const cnf of ['x5t#S256', ['jkt'], 7, true]) {
      const refusal = await refusalFor(bearer(sign({ sub: 'u', cnf })));
      expect([refusal.refusal, refusal.reason]).toEqual(['invalid', 'token\'s cnf claim is not a JSON object (RFC 7800 §3.1)']);
    }
  });

  it('requires exp and sub', async () => {
    expect(await reasonFor(bearer(sign({ sub: 'u' }, {})))).toBe('token has no exp claim');
    expect(await reasonFor(bearer(sign({ user: 'u' })))).toBe('token has no sub claim');
  });
});

describe('AccessTokenVerifier: the ids a token carries', () => {
  it.each(['test-user-123', 'alice+test@example.com', 'svc:gallery_app-1.2', '_system', 'x'.repeat(128)])('accepts %j as sub and client_id', async (id) => {
    expect(await verify(bearer(sign({ sub: id, client_id: id })))).toEqual({ userId: id, clientId: id });
  });

  // The client id is a path segment of WEBHOOK_URL: none of these may reach it.
  it.each(['..', '.', '.hidden', 'a/b', 'a\\b', 'a?b', 'a#b', 'a%2e', 'a b', 'tab\t', 'line\n', 'nul\u0000', 'é', 'x'.repeat(129)])(
    'refuses %j in sub or client_id, naming the claim',
    async (id) => {
      expect(await reasonFor(bearer(sign({ sub: id })))).toMatch(/^token's sub claim is not a valid id \(1-128 letters/);
      expect(await reasonFor(bearer(sign({ sub: 'user-1', client_id: id })))).toMatch(/^token's client_id claim is not a valid id/);
    },
  );

  it('refuses a sub or client_id that is not a string', async () => {
    expect(await reasonFor(bearer(sign({ sub: 'user-1', client_id: 7 })))).toMatch(/client_id claim/);
    expect(await reasonFor(bearer(sign({ sub: ['user-1'] })))).toMatch(/sub claim/);
  });
});
