/**
 * Bearer tokens for the image API: mostly valid HS256 JWTs (so requests reach validation and the
 * handlers, not only the 401), some with hostile claims, some not JWTs at all.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { PRINCIPAL_ID } from '../../src/kit/principal-id';
import { hostileString } from './hostile-values';

const base64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A JWT (RFC 7519) signed with HS256 by hand, so any claims go in, even those jsonwebtoken refuses to sign. */
function hs256(claims: unknown, secret: string, header: unknown = { alg: 'HS256', typ: 'JWT' }): string {
  const unsigned = `${base64url(header)}.${base64url(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

export function bearerTokens(secret: string): fc.Arbitrary<string> {
  const now = () => Math.floor(Date.now() / 1000);
  const id = fc.stringMatching(PRINCIPAL_ID);
  const valid = fc.tuple(id, fc.option(id, { freq: 4 })).map(([sub, clientId]) => hs256({ sub, ...(clientId ? { client_id: clientId } : {}), exp: now() + 600 }, secret));
  const claim = fc.oneof(hostileString, fc.integer(), fc.constant(null), fc.array(id, { maxLength: 2 }), id);
  const hostileClaims = fc.record({ sub: claim, client_id: claim, exp: fc.oneof(fc.constant(now() - 60), fc.constant('soon'), fc.constant(1e308), fc.constant(now() + 600)), nbf: fc.constant(now() + 3600) }, { requiredKeys: [] })
    .map((claims) => hs256(claims, secret));
  const notValid = fc.constantFrom(
    hs256({ sub: 'user', exp: now() + 600 }, 'another-secret'),
    hs256({ sub: 'user', exp: now() + 600 }, secret, { alg: 'none' }),
    hs256({ sub: 'user', exp: now() + 600 }, secret, { alg: 'RS256' }),
    hs256('"just a string"', secret),
    '', 'x', 'a.b.c', '....', 'e30.e30.', 'Bearer', `${'a'.repeat(9000)}.b.c`,
  );
  return fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: hostileClaims }, { weight: 1, arbitrary: notValid });
}
