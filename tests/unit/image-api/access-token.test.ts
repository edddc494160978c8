import jwt from 'jsonwebtoken';
import { verifyBearerToken } from '../../../src/image-api/access-token';
import { InvalidTokenError } from '../../../src/image-api/errors';

const SECRET = 'dev-secret-change-in-production';
const bearer = (token: string) => `Bearer ${token}`;
const sign = (claims: object, options: jwt.SignOptions = { expiresIn: 600 }, secret = SECRET) => jwt.sign(claims, secret, options);

function reasonFor(authorization: string | undefined): string {
  try {
    verifyBearerToken(authorization, SECRET);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidTokenError);
    return (error as InvalidTokenError).reason;
  }
  throw new Error('the token was accepted');
}

describe('verifyBearerToken', () => {
  it('accepts an HS256 token and names the user by its sub', () => {
    expect(verifyBearerToken(bearer(sign({ sub: 'user-1' })), SECRET)).toEqual({ userId: 'user-1', clientId: 'user-1' });
  });

  it('addresses webhooks to the client_id claim when the token has one', () => {
    expect(verifyBearerToken(bearer(sign({ sub: 'user-1', client_id: 'acme' })), SECRET).clientId).toBe('acme');
  });

  it('accepts the scheme name in any case', () => {
    expect(verifyBearerToken(`bearer ${sign({ sub: 'u' })}`, SECRET).userId).toBe('u');
  });

  it('refuses a missing header or another scheme', () => {
    expect(reasonFor(undefined)).toMatch(/missing/);
    expect(reasonFor('Basic dXNlcjpwYXNz')).toMatch(/missing/);
  });

  it('refuses an expired token and says when it expired', () => {
    const expired = sign({ sub: 'u', exp: Math.floor(Date.now() / 1000) - 60 }, {});
    expect(reasonFor(bearer(expired))).toMatch(/^token expired at \d{4}-/);
  });

  it('refuses a token signed with another secret', () => {
    expect(reasonFor(bearer(sign({ sub: 'u' }, { expiresIn: 600 }, 'another-secret')))).toMatch(/signature does not match/);
  });

  it('refuses a malformed token', () => {
    expect(reasonFor(bearer('not-a-jwt'))).toMatch(/malformed/);
  });

  it('refuses an unsigned (alg none) token', () => {
    const unsigned = sign({ sub: 'u' }, { algorithm: 'none', expiresIn: 600 });
    expect(() => verifyBearerToken(bearer(unsigned), SECRET)).toThrow(InvalidTokenError);
  });

  it('requires exp and sub', () => {
    expect(reasonFor(bearer(sign({ sub: 'u' }, {})))).toBe('token has no exp claim');
    expect(reasonFor(bearer(sign({ user: 'u' })))).toBe('token has no sub claim');
  });
});

describe('verifyBearerToken: the ids a token carries', () => {
  it.each(['test-user-123', 'alice+test@example.com', 'svc:gallery_app-1.2', '_system', 'x'.repeat(128)])('accepts %j as sub and client_id', (id) => {
    expect(verifyBearerToken(bearer(sign({ sub: id, client_id: id })), SECRET)).toEqual({ userId: id, clientId: id });
  });

  // The client id is a path segment of WEBHOOK_URL: none of these may reach it.
  it.each(['..', '.', '.hidden', 'a/b', 'a\\b', 'a?b', 'a#b', 'a%2e', 'a b', 'tab\t', 'line\n', 'nul\u0000', 'é', 'x'.repeat(129)])(
    'refuses %j in sub or client_id, naming the claim',
    (id) => {
      expect(reasonFor(bearer(sign({ sub: id })))).toMatch(/^token's sub claim is not a valid id \(1-128 letters/);
      expect(reasonFor(bearer(sign({ sub: 'user-1', client_id: id })))).toMatch(/^token's client_id claim is not a valid id/);
    },
  );

  it('refuses a sub or client_id that is not a string', () => {
    expect(reasonFor(bearer(sign({ sub: 'user-1', client_id: 7 })))).toMatch(/client_id claim/);
    expect(reasonFor(bearer(sign({ sub: ['user-1'] })))).toMatch(/sub claim/);
  });
});
