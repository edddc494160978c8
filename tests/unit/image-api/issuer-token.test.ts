import { exportSPKI, SignJWT, UnsecuredJWT } from 'jose';
import jwt from 'jsonwebtoken';
import { AccessTokenVerifier } from '../../../src/image-api/access-token';
import { InvalidTokenError, TokenIssuerUnavailableError, type TokenRefusal } from '../../../src/image-api/errors';
import { IssuerTokenVerifier, type IssuerTokenSettings } from '../../../src/image-api/issuer-token';
import { reroutedFetch } from '../../../src/kit';
import { newIssuerKey, startJwksIssuer, type JwksIssuer } from '../../support/jwks-issuer';

const SECRET = 'dev-secret-change-in-production';

let issuer: JwksIssuer;
beforeEach(async () => {
  issuer = await startJwksIssuer();
});
afterEach(async () => {
  await issuer.close();
});

function verifierFor(settings: Partial<IssuerTokenSettings> = {}): AccessTokenVerifier {
  return new AccessTokenVerifier(SECRET, new IssuerTokenVerifier({ issuer: issuer.issuer, audiences: ['image-api'], fetch, cooldownMs: 0, tokenType: 'at+jwt', ...settings }));
}

async function refusalOf(verifier: AccessTokenVerifier, token: string): Promise<InvalidTokenError> {
  const error = await verifier.verify(`Bearer ${token}`).then(() => undefined, (caught: unknown) => caught);
  if (!(error instanceof InvalidTokenError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

async function expectRefused(token: string, refusal: TokenRefusal, reason: RegExp, verifier = verifierFor()): Promise<void> {
  const error = await refusalOf(verifier, token);
  expect({ refusal: error.refusal, reason: error.reason }).toEqual({ refusal, reason: expect.stringMatching(reason) });
}

describe('AccessTokenVerifier: tokens of the configured issuer', () => {
  it.each(['RS256', 'ES256'] as const)('accepts a %s token for its audience, found through discovery and the JWKS', async (alg) => {
    const key = issuer.keys.find((candidate) => candidate.alg === alg)!;
    const token = await issuer.sign({ sub: 'alice', client_id: 'gallery-app' }, { key });
    expect(await verifierFor().verify(`Bearer ${token}`)).toEqual({ userId: 'alice', clientId: 'gallery-app' });
    expect(issuer.fetches).toEqual({ discovery: 1, jwks: 1 });
  });

  it('accepts an audience list that contains the API, and a client-credentials token whose sub is the client', async () => {
    const token = await issuer.sign({ sub: 'batch-job', client_id: 'batch-job', aud: ['other-api', 'image-api'] });
    expect(await verifierFor().verify(`Bearer ${token}`)).toEqual({ userId: 'batch-job', clientId: 'batch-job' });
  });

  it('accepts a token for any of the API\'s names, such as its URL as a resource indicator', async () => {
    const verifier = verifierFor({ audiences: ['image-api', 'http://localhost:8002'] });
    expect(await verifier.verify(`Bearer ${await issuer.sign({ sub: 'alice', aud: 'http://localhost:8002' })}`)).toMatchObject({ userId: 'alice' });
  });

  it('keeps the keys: many tokens, one discovery and one JWKS fetch', async () => {
    const verifier = verifierFor({ cooldownMs: 60_000 });
    for (let i = 0; i < 5; i += 1) await verifier.verify(`Bearer ${await issuer.sign({ sub: `user-${i}` })}`);
    expect(issuer.fetches).toEqual({ discovery: 1, jwks: 1 });
  });

  it('fetches the keys again for an unknown kid, so a rotated key is accepted', async () => {
    const verifier = verifierFor();
    await verifier.verify(`Bearer ${await issuer.sign({ sub: 'alice' })}`);
    const rotated = await issuer.rotate('ES256');
    expect(await verifier.verify(`Bearer ${await issuer.sign({ sub: 'alice' }, { key: rotated })}`)).toMatchObject({ userId: 'alice' });
    expect(issuer.fetches.jwks).toBe(2);
  });

  it('fetches the keys at most once per cooldown, however many unknown kids arrive', async () => {
    const verifier = verifierFor({ cooldownMs: 60_000 });
    await verifier.verify(`Bearer ${await issuer.sign({ sub: 'alice' })}`);
    const stranger = await newIssuerKey('RS256');
    for (let i = 0; i < 3; i += 1) {
      await expectRefused(await issuer.sign({ sub: 'mallory' }, { key: stranger }), 'unknown-key', /not in the JWKS of http:\/\/127\.0\.0\.1:\d+\/default/, verifier);
    }
    expect(issuer.fetches.jwks).toBe(1);
  });

  it('reaches an issuer whose URLs name another address through AUTH_PROVIDER_URL (Docker)', async () => {
    const behindDocker = await startJwksIssuer(['RS256'], 'http://localhost:1');
    try {
      const token = await behindDocker.sign({ sub: 'alice' });
      const settings = { issuer: behindDocker.issuer, audiences: ['image-api'], cooldownMs: 0, tokenType: 'at+jwt' };
      const rerouted = new AccessTokenVerifier(SECRET, new IssuerTokenVerifier({ ...settings, fetch: reroutedFetch(behindDocker.issuer, behindDocker.url) }));
      expect(await rerouted.verify(`Bearer ${token}`)).toMatchObject({ userId: 'alice' });
      expect(behindDocker.fetches).toEqual({ discovery: 1, jwks: 1 });
      const direct = new AccessTokenVerifier(SECRET, new IssuerTokenVerifier({ ...settings, fetch }));
      await expect(direct.verify(`Bearer ${token}`)).rejects.toThrow(TokenIssuerUnavailableError);
    } finally {
      await behindDocker.close();
    }
  });
});

describe('AccessTokenVerifier: refusals of issuer tokens, each saying which check failed', () => {
  it('refuses a token of another issuer without fetching anything', async () => {
    await expectRefused(await issuer.sign({ sub: 'alice', iss: 'http://evil.example/default' }), 'wrong-issuer', /^token was issued by "http:\/\/evil\.example\/default"; this API accepts RS256\/ES256 tokens of http:\/\/127/);
    await expectRefused(await issuer.sign({ sub: 'alice', iss: undefined }), 'wrong-issuer', /^token has no iss claim/);
    // The issuer string is compared exactly: a trailing slash is another issuer.
    await expectRefused(await issuer.sign({ sub: 'alice', iss: `${issuer.issuer}/` }), 'wrong-issuer', /was issued by/);
    expect(issuer.fetches).toEqual({ discovery: 0, jwks: 0 });
  });

  it('refuses a token whose header does not say it is an access token (RFC 9068 §4), as an ID token\'s does not', async () => {
    for (const header of [{ typ: undefined }, { typ: 'JWT' }]) {
      await expectRefused(await issuer.sign({ sub: 'alice' }, { header }), 'invalid', /^token's header has no typ "at\+jwt", so it is not an access token of http:\/\/127.*\(AUTH_TOKEN_TYP\)$/);
    }
    expect(await verifierFor().verify(`Bearer ${await issuer.sign({ sub: 'alice' }, { header: { typ: 'application/at+jwt' } })}`)).toMatchObject({ userId: 'alice' });
  });

  it('takes a token of any typ when AUTH_TOKEN_TYP is empty, for issuers that label their access tokens JWT', async () => {
    for (const header of [{ typ: undefined }, { typ: 'JWT' }, { typ: 'at+jwt' }]) {
      expect(await verifierFor({ tokenType: '' }).verify(`Bearer ${await issuer.sign({ sub: 'alice' }, { header })}`)).toMatchObject({ userId: 'alice' });
    }
  });

  it('refuses a token for another audience, or for none', async () => {
    await expectRefused(await issuer.sign({ sub: 'alice', aud: 'billing-api' }), 'wrong-audience', /^token is for audience "billing-api", not for "image-api" \(AUTH_AUDIENCE, PUBLIC_URL\)$/);
    await expectRefused(await issuer.sign({ sub: 'alice', aud: undefined }), 'wrong-audience', /^token is for audience null/);
    const forBilling = verifierFor({ audiences: ['billing-api', 'https://billing.example.test'] });
    await expectRefused(await issuer.sign({ sub: 'alice' }), 'wrong-audience', /not for "billing-api" or "https:\/\/billing\.example\.test"/, forBilling);
  });

  it('refuses an expired token and says when it expired', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(await issuer.sign({ sub: 'alice', iat: now - 7200, exp: now - 3600 }), 'expired', new RegExp(`^token expired at ${new Date((now - 3600) * 1000).toISOString()}$`));
  });

  it('refuses a token that is not valid yet, or has no exp', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(await issuer.sign({ sub: 'alice', nbf: now + 600 }), 'invalid', /^token not valid before/);
    await expectRefused(await issuer.sign({ sub: 'alice', exp: undefined }), 'invalid', /^token has no exp claim$/);
  });

  it('refuses a token signed by a key the issuer does not publish', async () => {
    const stranger = await newIssuerKey('ES256');
    await expectRefused(await issuer.sign({ sub: 'alice' }, { key: stranger }), 'unknown-key', /not in the JWKS/);
  });

  it('refuses a token signed by a key the issuer has rotated away', async () => {
    const verifier = verifierFor();
    const old = issuer.keys[0];
    await verifier.verify(`Bearer ${await issuer.sign({ sub: 'alice' })}`);
    await issuer.rotate('RS256');
    // The cached set still has the old key until it is refetched; a new kid makes it refetch.
    await verifier.verify(`Bearer ${await issuer.sign({ sub: 'alice' })}`);
    await expectRefused(await issuer.sign({ sub: 'alice' }, { key: old }), 'unknown-key', /no longer publishes/, verifier);
  });

  it('refuses a token whose signature does not match its key', async () => {
    const [header, , signature] = (await issuer.sign({ sub: 'alice' })).split('.');
    const forged = Buffer.from(JSON.stringify({ iss: issuer.issuer, aud: 'image-api', sub: 'admin', exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
    await expectRefused(`${header}.${forged}.${signature}`, 'invalid', /^token signature does not match the key of/);
  });

  it('refuses an unsigned token (alg none) naming the issuer', async () => {
    const unsigned = new UnsecuredJWT({ iss: issuer.issuer, aud: 'image-api', sub: 'admin' }).setExpirationTime('10m').encode();
    await expectRefused(unsigned, 'unsupported-algorithm', /^token is signed with "none"/);
  });

  it('refuses an HS256 token made with the issuer\'s public key as the secret (algorithm confusion)', async () => {
    const publicPem = await exportSPKI(await crypto.subtle.importKey('jwk', issuer.keys[0].publicJwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['verify']));
    const confused = jwt.sign({ iss: issuer.issuer, aud: 'image-api', sub: 'admin' }, publicPem, { algorithm: 'HS256', expiresIn: 600, header: { alg: 'HS256', kid: issuer.keys[0].kid } as jwt.JwtHeader });
    await expectRefused(confused, 'unsupported-algorithm', /names http:\/\/127\.0\.0\.1:\d+\/default as its issuer but is signed with HS256/);
    expect(issuer.fetches.jwks).toBe(0);
  });

  it.each(['RS384', 'PS256', 'ES384', 'EdDSA'])('refuses a token signed with %s', async (alg) => {
    const key = await newIssuerKey(alg === 'ES384' || alg === 'EdDSA' ? 'ES256' : 'RS256');
    const header = Buffer.from(JSON.stringify({ alg, kid: key.kid })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ iss: issuer.issuer, aud: 'image-api', sub: 'alice' })).toString('base64url');
    await expectRefused(`${header}.${payload}.c2ln`, 'unsupported-algorithm', new RegExp(`^token is signed with "${alg}"`));
  });

  it('refuses a malformed token', async () => {
    await expectRefused('eyJhbGciOiJSUzI1NiJ9.not-json.c2ln', 'invalid', /^token is malformed/);
  });

  it('refuses a token whose header lists critical extensions (RFC 7515 §4.1.11), as it refuses an HS256 one', async () => {
    const key = issuer.keys[0];
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ iss: issuer.issuer, aud: 'image-api', sub: 'alice', exp: now + 600 })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, crit: ['exp-v2'], 'exp-v2': 1 })
      .sign(key.privateKey, { crit: { 'exp-v2': true } });
    await expectRefused(token, 'invalid', /^token header lists critical extensions this API does not understand \(crit: \["exp-v2"\]\)/);
  });

  it('refuses an RS256 token whose kid names the issuer\'s ES256 key', async () => {
    const es256 = issuer.keys.find((key) => key.alg === 'ES256')!;
    const rsa = await newIssuerKey('RS256');
    const token = await new SignJWT({ iss: issuer.issuer, aud: 'image-api', sub: 'alice' }).setProtectedHeader({ alg: 'RS256', kid: es256.kid }).setExpirationTime('10m').sign(rsa.privateKey);
    await expectRefused(token, 'unknown-key', /not in the JWKS/);
  });
});

describe('AccessTokenVerifier: an issuer that cannot be reached', () => {
  it('says the issuer is unavailable, and asks again only after the cooldown', async () => {
    const verifier = verifierFor({ cooldownMs: 60_000 });
    issuer.failWith(500);
    const token = await issuer.sign({ sub: 'alice' });
    await expect(verifier.verify(`Bearer ${token}`)).rejects.toThrow(TokenIssuerUnavailableError);
    issuer.failWith(undefined);
    await expect(verifier.verify(`Bearer ${token}`)).rejects.toThrow(/its discovery document could not be used/);
    expect(issuer.fetches.discovery).toBe(0);
  });

  it('recovers once the issuer answers again', async () => {
    const verifier = verifierFor();
    issuer.failWith(503);
    const token = await issuer.sign({ sub: 'alice' });
    await expect(verifier.verify(`Bearer ${token}`)).rejects.toThrow(TokenIssuerUnavailableError);
    issuer.failWith(undefined);
    expect(await verifier.verify(`Bearer ${token}`)).toMatchObject({ userId: 'alice' });
  });

  it('refuses a discovery document that names another issuer', async () => {
    const verifier = new AccessTokenVerifier(SECRET, new IssuerTokenVerifier({ issuer: `${issuer.issuer}/`, audiences: ['image-api'], fetch, cooldownMs: 0, tokenType: 'at+jwt' }));
    const token = await issuer.sign({ sub: 'alice', iss: `${issuer.issuer}/` });
    await expect(verifier.verify(`Bearer ${token}`)).rejects.toThrow(TokenIssuerUnavailableError);
  });

  it('says so when nothing listens at the issuer', async () => {
    const token = await issuer.sign({ sub: 'alice' });
    const issuerUrl = issuer.issuer;
    await issuer.close();
    const error = await verifierFor({ issuer: issuerUrl }).verify(`Bearer ${token}`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TokenIssuerUnavailableError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    issuer = await startJwksIssuer();
  });
});
