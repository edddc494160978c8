import jwt from 'jsonwebtoken';
import { TokenIssuer } from '../../../src/client-app/token-issuer';

describe('TokenIssuer', () => {
  const now = Date.UTC(2025, 0, 2, 3, 4, 5);
  const issuer = new TokenIssuer('dev-secret-change-in-production', 3600, () => now);

  it('issues an HS256 token for the user that the shared secret verifies', () => {
    const issued = issuer.issue('test-user-123');
    const verified = jwt.verify(issued.token, 'dev-secret-change-in-production', { algorithms: ['HS256'], clockTimestamp: now / 1000 });
    expect(verified).toEqual({ sub: 'test-user-123', iat: now / 1000, exp: now / 1000 + 3600 });
    expect(jwt.decode(issued.token, { complete: true })?.header).toEqual({ alg: 'HS256', typ: 'JWT' });
  });

  it('reports the same claims it signed, and when they expire', () => {
    const issued = issuer.issue('user-456');
    expect(issued).toMatchObject({ user_id: 'user-456', token_type: 'Bearer', expires_in: 3600, expires_at: '2025-01-02T04:04:05.000Z' });
    expect(jwt.decode(issued.token)).toEqual(issued.claims);
  });

  it('signs nothing another secret accepts', () => {
    expect(() => jwt.verify(issuer.issue('u').token, 'another-secret', { clockTimestamp: now / 1000 })).toThrow('invalid signature');
  });
});
