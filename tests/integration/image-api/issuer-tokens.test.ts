import { newIssuerKey, startJwksIssuer, type IssuerKey, type JwksIssuer } from '../../support/jwks-issuer';
import { useStandin } from '../../support/standin-harness';
import { getJob, gradientJpeg, imageForm, storedEvents, tokenFor, upload, uploadUntilProcessed } from './image-api-requests';

// The image API with an OAuth issuer's tokens (RS256/ES256, keys from its JWKS over HTTP) beside
// its HS256 ones, as its users see it: answers, problem types, rate limits and webhooks.
let issuer: JwksIssuer;
let jpeg: Buffer;
beforeAll(async () => {
  [issuer, jpeg] = await Promise.all([startJwksIssuer(), gradientJpeg(320, 240)]);
});
afterAll(() => issuer.close());

const standin = useStandin(() => ({
  servers: ['s3', 'webhooks', 'image-api'],
  // Every unknown kid refetches the keys here; the cooldown has its unit tests.
  env: { AUTH_ISSUER: issuer.issuer, AUTH_JWKS_COOLDOWN_MS: '0', RATE_LIMIT_PER_HOUR: '2' },
}));
const api = () => standin.urls['image-api']!;

async function expectRefusal(res: Response, status: number, type: string, detail: RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(await res.json()).toMatchObject({ status, type: `https://standin.dev/problems/${type}`, detail: expect.stringMatching(detail) });
}

describe('the image API with tokens of AUTH_ISSUER', () => {
  it('processes an upload with an RS256 token and sends the webhook to its client_id', async () => {
    const token = await issuer.sign({ sub: 'alice', client_id: 'gallery-app' });
    const jobId = await uploadUntilProcessed(api(), imageForm(jpeg), token);
    const events = await storedEvents(standin.urls.webhooks!, 'gallery-app');
    expect(events.map((event) => event.payload)).toEqual([expect.objectContaining({ job_id: jobId, event_type: 'image.processed' })]);
  });

  it('accepts a token whose audience is the API\'s own URL (PUBLIC_URL, a resource indicator)', async () => {
    expect((await upload(api(), imageForm(jpeg), await issuer.sign({ sub: 'resource-user', aud: api() }))).status).toBe(202);
  });

  it('shows a job to its owner whatever kind of token names them, and to nobody else', async () => {
    const es256 = issuer.keys.find((key) => key.alg === 'ES256')!;
    const accepted = await (await upload(api(), imageForm(jpeg), await issuer.sign({ sub: 'owner-1' }, { key: es256 }))).json();
    expect((await getJob(api(), accepted.job_id, tokenFor('owner-1'))).status).toBe(200);
    expect((await getJob(api(), accepted.job_id, await issuer.sign({ sub: 'someone-else' }))).status).toBe(404);
  });

  it('counts uploads per sub, so both kinds of token share the user\'s quota', async () => {
    expect((await upload(api(), imageForm(jpeg), await issuer.sign({ sub: 'quota-user' }))).status).toBe(202);
    expect((await upload(api(), imageForm(jpeg), tokenFor('quota-user'))).status).toBe(202);
    const third = await upload(api(), imageForm(jpeg), await issuer.sign({ sub: 'quota-user' }));
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it.each([
    ['another issuer', () => issuer.sign({ sub: 'u', iss: 'http://localhost:9999/other' }), 'wrong-token-issuer', /^token was issued by "http:\/\/localhost:9999\/other"/],
    ['another audience', () => issuer.sign({ sub: 'u', aud: 'billing-api' }), 'wrong-token-audience', /not for "image-api"/],
    ['an expired token', () => issuer.sign({ sub: 'u', exp: Math.floor(Date.now() / 1000) - 10 }), 'token-expired', /^token expired at/],
    ['alg none', async () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss: issuer.issuer, aud: 'image-api', sub: 'u', exp: 2e9 })).toString('base64url')}.`, 'unsupported-token-algorithm', /"none"/],
    // the example thumbprint of RFC 8705 §3.1, as an issuer with mutual TLS binds its tokens
    ['a token bound to a client certificate (RFC 8705)', () => issuer.sign({ sub: 'u', cnf: { 'x5t#S256': 'bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2' } }), 'sender-constrained-token', /^token is bound to a client certificate \(cnf\.x5t#S256\)/],
    ['a token bound by a confirmation method it does not know', () => issuer.sign({ sub: 'u', cnf: { 'x5t#S512': 'AAAA' } }), 'sender-constrained-token', /confirmation method this API does not know \(cnf member "x5t#S512"\)/],
  ])('refuses %s with 401 and its own problem type, using no slot', async (_name, token, type, detail) => {
    const sent = await token();
    const res = await upload(api(), imageForm(jpeg), sent);
    const challenge = res.headers.get('www-authenticate');
    expect(challenge).toMatch(/^Bearer .*error="invalid_token", error_description="token /);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('2');
    await expectRefusal(res.clone(), 401, type, detail);
    // the answer says why, never what was sent
    expect(`${challenge} ${await res.text()}`).not.toContain(sent.split('.')[1].slice(0, 40));
  });

  it('refuses a key the issuer does not publish, and takes a key it rotates in, on the job routes too', async () => {
    const jobUrlToken = async (key: IssuerKey) => getJob(api(), '6f1c2a6e-8a51-4b7e-9d0c-2f5e0d1b9a77', await issuer.sign({ sub: 'u' }, { key }));
    await expectRefusal(await jobUrlToken(await newIssuerKey('RS256')), 401, 'unknown-token-key', /not in the JWKS/);
    // The rotated-in key is fetched on first sight (the JWKS is fetched again for its kid).
    expect((await jobUrlToken(await issuer.rotate('ES256'))).status).toBe(404);
  });

  it('answers 503 while the issuer is down, and still takes HS256 tokens', async () => {
    issuer.failWith(500);
    try {
      const res = await upload(api(), imageForm(jpeg), await issuer.sign({ sub: 'down-user' }, { key: await issuer.rotate('RS256') }));
      expect(res.headers.get('retry-after')).toBe('5');
      await expectRefusal(res, 503, 'token-issuer-unavailable', /^cannot verify tokens of http:\/\/127\.0\.0\.1:\d+\/default now: its keys could not be fetched/);
      expect((await upload(api(), imageForm(jpeg), tokenFor('down-user'))).status).toBe(202);
    } finally {
      issuer.failWith(undefined);
    }
  });
});
