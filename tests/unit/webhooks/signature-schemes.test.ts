import { createHmac } from 'node:crypto';
import twilio from 'twilio';
import { detectScheme, schemeNamed, verifySignature } from '../../../src/webhooks/signature-schemes';
import {
  SEED_SNIPPET_BODY,
  octokitSignature,
  octokitVerifies,
  seedSnippetSignature,
  standardWebhooksHeaders,
  stripeSignatureHeader,
  verifyWithStandardWebhooks,
  verifyWithStripe,
} from './reference-signers';

const SECRET = 'webhook-secret-123';
const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const BODY = '{"type":"image.processed","image_id":"img_1"}';
const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const bytes = (text: string) => Buffer.from(text, 'utf8');

describe("the seed's X-Webhook-Signature", () => {
  const snippetSignature = seedSnippetSignature();

  it("accepts the signature printed by the seed README's Python snippet", () => {
    const verdict = verifySignature(bytes(SEED_SNIPPET_BODY), { 'x-webhook-signature': snippetSignature }, SECRET, NOW);
    expect(verdict).toMatchObject({ scheme: 'x-webhook-signature', status: 'valid' });
  });

  it('accepts the hex digest with a sha256= prefix', () => {
    const verdict = verifySignature(bytes(SEED_SNIPPET_BODY), { 'x-webhook-signature': `sha256=${snippetSignature}` }, SECRET, NOW);
    expect(verdict.status).toBe('valid');
  });

  it('rejects a body re-serialised without the spaces json.dumps wrote, and says that is why', () => {
    const compact = JSON.stringify(JSON.parse(SEED_SNIPPET_BODY));
    const verdict = verifySignature(bytes(compact), { 'x-webhook-signature': snippetSignature }, SECRET, NOW);
    expect(verdict).toMatchObject({ status: 'invalid', received: snippetSignature, signed: { template: '{body}', bytes: compact.length } });
    expect(verdict.reason).toMatch(/does not match/);
    expect(verdict.diagnosis).toMatchObject({ cause: 'body_reserialised', detail: expect.stringContaining('json.dumps') });
  });

  it('says a signature that is not hex is malformed', () => {
    const verdict = verifySignature(bytes(BODY), { 'x-webhook-signature': 'not-a-signature' }, SECRET, NOW);
    expect(verdict).toMatchObject({ status: 'invalid' });
    expect(verdict.reason).toMatch(/malformed/);
  });
});

describe('GitHub X-Hub-Signature-256', () => {
  it('accepts what @octokit/webhooks-methods signs', () => {
    const verdict = verifySignature(bytes(BODY), { 'x-hub-signature-256': octokitSignature(SECRET, BODY) }, SECRET, NOW);
    expect(verdict).toMatchObject({ scheme: 'github', status: 'valid' });
  });

  it('uses a whsec_ secret as written, as GitHub and octokit do', () => {
    const verdict = verifySignature(bytes(BODY), { 'x-hub-signature-256': octokitSignature(WHSEC, BODY) }, WHSEC, NOW);
    expect(verdict).toMatchObject({ scheme: 'github', status: 'valid' });
  });

  it('rejects a tampered body and a wrong secret', () => {
    const header = { 'x-hub-signature-256': octokitSignature(SECRET, BODY) };
    expect(verifySignature(bytes(BODY.replace('img_1', 'img_2')), header, SECRET, NOW).status).toBe('invalid');
    expect(verifySignature(bytes(BODY), header, 'another-secret', NOW).status).toBe('invalid');
  });

  it("refuses, as octokit's verify does, the right HMAC in upper case or after SHA256=, and says so", () => {
    const hex = octokitSignature(SECRET, BODY).slice('sha256='.length);
    for (const written of [`sha256=${hex.toUpperCase()}`, `SHA256=${hex}`]) {
      expect(octokitVerifies(SECRET, BODY, written)).toBe(false);
      const verdict = verifySignature(bytes(BODY), { 'x-hub-signature-256': written }, SECRET, NOW);
      expect(verdict).toMatchObject({ status: 'invalid', diagnosis: { cause: 'signature_encoding' } });
    }
  });

  it('requires the sha256= prefix GitHub always sends', () => {
    const hex = octokitSignature(SECRET, BODY).slice('sha256='.length);
    const verdict = verifySignature(bytes(BODY), { 'x-hub-signature-256': hex }, SECRET, NOW);
    expect(verdict.reason).toMatch(/X-Hub-Signature-256 is malformed: expected sha256=/);
  });
});

describe('Standard Webhooks', () => {
  const at = new Date(NOW);

  it('accepts what the standardwebhooks library signs with a whsec_ secret', () => {
    const verdict = verifySignature(bytes(BODY), standardWebhooksHeaders(WHSEC, BODY, { at }), WHSEC, NOW);
    expect(verdict).toMatchObject({ scheme: 'standard-webhooks', status: 'valid' });
  });

  it('uses any other secret as its raw bytes', () => {
    const verdict = verifySignature(bytes(BODY), standardWebhooksHeaders(SECRET, BODY, { at }), SECRET, NOW);
    expect(verdict.status).toBe('valid');
  });

  it('describes the signed string as {webhook-id}.{webhook-timestamp}.{body} with its lengths', () => {
    const headers = standardWebhooksHeaders(WHSEC, BODY, { id: 'msg_42', at });
    const verdict = verifySignature(bytes(BODY), headers, WHSEC, NOW);
    expect(verdict.signed).toEqual({
      template: '{webhook-id}.{webhook-timestamp}.{body}',
      parts: [{ name: 'webhook-id', bytes: 6 }, { name: 'webhook-timestamp', bytes: 10 }, { name: 'body', bytes: BODY.length }],
      bytes: `msg_42.${Math.floor(NOW / 1000)}.${BODY}`.length,
    });
  });

  it('accepts several signatures when one of them matches (key rotation)', () => {
    const headers = standardWebhooksHeaders(WHSEC, BODY, { at });
    const rotated = { ...headers, 'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')} ${headers['webhook-signature']} v1a,ignored` };
    expect(verifySignature(bytes(BODY), rotated, WHSEC, NOW).status).toBe('valid');
  });

  it('refuses, as the library does, a right signature written in base64url or without its padding', () => {
    const headers = standardWebhooksHeaders(WHSEC, BODY);
    const digest = Buffer.from(headers['webhook-signature'].slice('v1,'.length), 'base64');
    for (const written of [digest.toString('base64url'), digest.toString('base64').replace(/=+$/, '')]) {
      const rewritten = { ...headers, 'webhook-signature': `v1,${written}` };
      expect(() => verifyWithStandardWebhooks(WHSEC, BODY, rewritten)).toThrow(/No matching signature/);
      expect(verifySignature(bytes(BODY), rewritten, WHSEC, Date.now())).toMatchObject({ status: 'invalid', diagnosis: { cause: 'signature_encoding' } });
    }
  });

  it('says whether the header has no v1 signature or only ones too short to be an HMAC-SHA256', () => {
    const headers = standardWebhooksHeaders(WHSEC, BODY, { at });
    const written = (signature: string) => verifySignature(bytes(BODY), { ...headers, 'webhook-signature': signature }, WHSEC, NOW).reason;
    expect(written('v1a,AAAA')).toBe('webhook-signature has no v1,<base64> signature');
    expect(written('v1,AAAA')).toBe('the v1 signatures in webhook-signature are not the base64 of a 32-byte HMAC-SHA256');
  });

  it('accepts the svix- header names', () => {
    const headers = standardWebhooksHeaders(WHSEC, BODY, { at });
    const svix = { 'svix-id': headers['webhook-id'], 'svix-timestamp': headers['webhook-timestamp'], 'svix-signature': headers['webhook-signature'] };
    expect(verifySignature(bytes(BODY), svix, WHSEC, NOW)).toMatchObject({ scheme: 'standard-webhooks', status: 'valid' });
  });

  it('rejects a timestamp more than 5 minutes old or ahead, saying so', () => {
    const stale = verifySignature(bytes(BODY), standardWebhooksHeaders(WHSEC, BODY, { at: new Date(NOW - 301_000) }), WHSEC, NOW);
    expect(stale).toMatchObject({ status: 'invalid', reason: 'webhook-timestamp is 301 s old, outside the 300 s tolerance' });
    const ahead = verifySignature(bytes(BODY), standardWebhooksHeaders(WHSEC, BODY, { at: new Date(NOW + 400_000) }), WHSEC, NOW);
    expect(ahead.reason).toBe('webhook-timestamp is 400 s in the future, outside the 300 s tolerance');
  });

  it('names the header that is missing', () => {
    const { 'webhook-id': _id, ...withoutId } = standardWebhooksHeaders(WHSEC, BODY, { at });
    expect(verifySignature(bytes(BODY), withoutId, WHSEC, NOW)).toMatchObject({ status: 'invalid', reason: 'missing webhook-id header' });
  });

  it('rejects a wrong secret and a tampered body', () => {
    const headers = standardWebhooksHeaders(WHSEC, BODY, { at });
    expect(verifySignature(bytes(BODY), headers, 'whsec_' + Buffer.from('other').toString('base64'), NOW).reason).toMatch(/none of the 1 v1 signature/);
    expect(verifySignature(bytes(`${BODY} `), headers, WHSEC, NOW).status).toBe('invalid');
  });

  it('signs replays so that the standardwebhooks library accepts them', () => {
    const headers = schemeNamed('standard-webhooks').sign(bytes(BODY), WHSEC, Date.now(), 'msg_replay', 'http://localhost/');
    expect(() => verifyWithStandardWebhooks(WHSEC, BODY, headers)).not.toThrow();
  });
});

describe('Stripe', () => {
  const STRIPE_SECRET = 'whsec_test_stripe_secret';
  const nowS = Math.floor(NOW / 1000);

  it('accepts what stripe.webhooks.generateTestHeaderString produces, using the whsec_ secret as written', () => {
    const header = stripeSignatureHeader(STRIPE_SECRET, BODY, nowS);
    expect(verifySignature(bytes(BODY), { 'stripe-signature': header }, STRIPE_SECRET, NOW)).toMatchObject({ scheme: 'stripe', status: 'valid' });
  });

  it('rejects a timestamp older than 300 s', () => {
    const header = stripeSignatureHeader(STRIPE_SECRET, BODY, nowS - 301);
    const verdict = verifySignature(bytes(BODY), { 'stripe-signature': header }, STRIPE_SECRET, NOW);
    expect(verdict).toMatchObject({ status: 'invalid', reason: 'Stripe-Signature timestamp is 301 s old, outside the 300 s tolerance' });
  });

  it("refuses, as Stripe's library does, a v1 in upper-case hex or after a space, and says the HMAC is right", () => {
    const [t, v1] = stripeSignatureHeader(STRIPE_SECRET, BODY).split(',');
    for (const written of [`${t},${v1.toUpperCase().replace('V1=', 'v1=')}`, `${t}, ${v1}`]) {
      expect(() => verifyWithStripe(STRIPE_SECRET, BODY, written)).toThrow(/No signatures found/);
      const verdict = verifySignature(bytes(BODY), { 'stripe-signature': written }, STRIPE_SECRET, Date.now());
      expect(verdict).toMatchObject({ status: 'invalid', diagnosis: { cause: 'signature_encoding' } });
    }
  });

  it('rejects a wrong secret and a header without v1', () => {
    const header = stripeSignatureHeader(STRIPE_SECRET, BODY, nowS);
    expect(verifySignature(bytes(BODY), { 'stripe-signature': header }, 'whsec_other', NOW).status).toBe('invalid');
    expect(verifySignature(bytes(BODY), { 'stripe-signature': `t=${nowS}` }, STRIPE_SECRET, NOW).reason).toBe('Stripe-Signature has no v1= signature');
  });

  it('refuses two different t= timestamps, which stripe-node reads otherwise than stripe-python and stripe-ruby', () => {
    const now = Math.floor(Date.now() / 1000);
    const [t, v1] = stripeSignatureHeader(STRIPE_SECRET, BODY, now).split(',');
    const signedLast = `t=${now - 60},${t},${v1}`;
    expect(() => verifyWithStripe(STRIPE_SECRET, BODY, signedLast)).not.toThrow();
    expect(() => verifyWithStripe(STRIPE_SECRET, BODY, `${t},t=${now - 60},${v1}`)).toThrow(/No signatures found/);
    for (const header of [signedLast, `${t},t=${now - 60},${v1}`]) {
      const verdict = verifySignature(bytes(BODY), { 'stripe-signature': header }, STRIPE_SECRET, Date.now());
      expect(verdict).toMatchObject({ status: 'invalid', reason: expect.stringContaining('2 different t= timestamps') });
    }
    expect(verifySignature(bytes(BODY), { 'stripe-signature': `${t},${t},${v1}` }, STRIPE_SECRET, Date.now()).status).toBe('valid');
  });

  it("signs replays so that Stripe's library accepts them", () => {
    const headers = schemeNamed('stripe').sign(bytes(BODY), STRIPE_SECRET, Date.now(), 'unused', 'http://localhost/');
    expect(() => verifyWithStripe(STRIPE_SECRET, BODY, headers['Stripe-Signature'])).not.toThrow();
  });
});

describe('timestamps with a leading zero', () => {
  const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text).digest();
  const nowS = Math.floor(Date.now() / 1000);

  it('refuses a webhook-timestamp the standardwebhooks library signs without its zero, whatever was signed', () => {
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': `0${nowS}` };
    const key = Buffer.from(WHSEC.slice('whsec_'.length), 'base64');
    const signedAsWritten = { ...headers, 'webhook-signature': `v1,${hmac(key, `msg_1.0${nowS}.${BODY}`).toString('base64')}` };
    expect(() => verifyWithStandardWebhooks(WHSEC, BODY, signedAsWritten)).toThrow(/No matching signature/);
    expect(verifySignature(bytes(BODY), signedAsWritten, WHSEC, Date.now())).toMatchObject({ status: 'invalid', reason: expect.stringContaining('without leading zeros') });
  });

  it('refuses a Stripe t= that stripe-node signs without its zero, whatever was signed', () => {
    const secret = 'whsec_test_stripe_secret';
    const signedAsWritten = `t=0${nowS},v1=${hmac(secret, `0${nowS}.${BODY}`).toString('hex')}`;
    expect(() => verifyWithStripe(secret, BODY, signedAsWritten)).toThrow(/No signatures found/);
    expect(verifySignature(bytes(BODY), { 'stripe-signature': signedAsWritten }, secret, Date.now())).toMatchObject({ status: 'invalid', reason: expect.stringContaining('without leading zeros') });
  });
});

describe('base64 signatures', () => {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  /** The same digest with an unused bit of its last character set: Buffer decodes it alike, the libraries compare strings. */
  const unusedBitSet = (base64: string) => `${base64.slice(0, -2)}${ALPHABET[ALPHABET.indexOf(base64.at(-2) as string) | 1]}=`;

  it('refuses a Standard Webhooks v1 the standardwebhooks library refuses, though it decodes to the right HMAC', () => {
    const headers = standardWebhooksHeaders(WHSEC, BODY, { at: new Date(NOW) });
    const altered = { ...headers, 'webhook-signature': `v1,${unusedBitSet(headers['webhook-signature'].slice(3))}` };
    jest.useFakeTimers({ now: NOW });
    try {
      expect(() => verifyWithStandardWebhooks(WHSEC, BODY, altered)).toThrow(/No matching signature/);
    } finally {
      jest.useRealTimers();
    }
    expect(verifySignature(bytes(BODY), altered, WHSEC, NOW)).toMatchObject({ status: 'invalid', diagnosis: { cause: 'signature_encoding' } });
  });

  it("refuses such a Shopify HMAC, which Shopify's documented string comparison refuses", () => {
    const documented = createHmac('sha256', SECRET).update(BODY, 'utf8').digest('base64');
    const verdict = verifySignature(bytes(BODY), { 'x-shopify-hmac-sha256': unusedBitSet(documented) }, SECRET, NOW);
    expect(verdict).toMatchObject({ scheme: 'shopify', status: 'invalid', diagnosis: { cause: 'signature_encoding' } });
  });

  it("refuses such a Twilio signature, which twilio's validateRequest refuses", () => {
    const url = 'http://localhost:4000/webhooks/voice';
    const params = { CallSid: 'CA123', Digits: '1234' };
    const altered = unusedBitSet(twilio.getExpectedTwilioSignature(SECRET, url, params));
    expect(twilio.validateRequest(SECRET, altered, url, params)).toBe(false);
    const headers = { 'x-twilio-signature': altered, 'content-type': 'application/x-www-form-urlencoded' };
    const verdict = verifySignature(bytes(new URLSearchParams(params).toString()), headers, SECRET, NOW, { url });
    expect(verdict).toMatchObject({ scheme: 'twilio', status: 'invalid', diagnosis: { cause: 'signature_encoding' } });
  });
});

describe('scheme detection', () => {
  it('picks the scheme from the headers present', () => {
    expect(detectScheme({ 'webhook-signature': 'v1,x' })?.name).toBe('standard-webhooks');
    expect(detectScheme({ 'stripe-signature': 't=1' })?.name).toBe('stripe');
    expect(detectScheme({ 'x-hub-signature-256': 'sha256=' })?.name).toBe('github');
    expect(detectScheme({ 'x-webhook-signature': 'ab' })?.name).toBe('x-webhook-signature');
    expect(detectScheme({ 'content-type': 'application/json' })).toBeUndefined();
  });

  it('reports an unsigned delivery as missing', () => {
    expect(verifySignature(bytes(BODY), {}, SECRET, NOW)).toMatchObject({ scheme: null, status: 'missing' });
  });

  it('refuses another scheme when the client is pinned to one', () => {
    const verdict = verifySignature(bytes(BODY), { 'x-hub-signature-256': octokitSignature(SECRET, BODY) }, SECRET, NOW, { pinned: 'stripe' });
    expect(verdict).toMatchObject({ scheme: 'stripe', status: 'invalid' });
    expect(verdict.reason).toMatch(/accepts only stripe signatures.*github/);
  });
});
