import { createHmac } from 'node:crypto';
import twilio from 'twilio';
import { schemeNamed, verifySignature } from '../../../src/webhooks/signature-schemes';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('Shopify X-Shopify-Hmac-Sha256', () => {
  const SECRET = 'shpss_0123456789abcdef';
  const BODY = '{"id":8209829119,"email":"jon@example.com","total_price":"398.00"}';
  /** Shopify's documented Node.js check: createHmac('sha256', secret).update(rawBody, 'utf8').digest('base64'). */
  const documented = createHmac('sha256', SECRET).update(BODY, 'utf8').digest('base64');
  const NOW = Date.UTC(2025, 0, 1);

  it('accepts the base64 HMAC of the raw body that Shopify documents, with the secret as written', () => {
    expect(verifySignature(bytes(BODY), { 'x-shopify-hmac-sha256': documented }, SECRET, NOW)).toMatchObject({ scheme: 'shopify', status: 'valid', signed: { template: '{body}' } });
  });

  it('uses a whsec_-looking secret as written, not base64-decoded', () => {
    const secret = `whsec_${Buffer.from('k').toString('base64')}`;
    const header = createHmac('sha256', secret).update(BODY).digest('base64');
    expect(verifySignature(bytes(BODY), { 'x-shopify-hmac-sha256': header }, secret, NOW).status).toBe('valid');
  });

  it('explains the right HMAC written as hex instead of base64', () => {
    const hex = createHmac('sha256', SECRET).update(BODY).digest('hex');
    const verdict = verifySignature(bytes(BODY), { 'x-shopify-hmac-sha256': hex }, SECRET, NOW);
    expect(verdict).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/malformed: expected the base64/) });
    expect(verdict.diagnosis).toMatchObject({ cause: 'signature_encoding' });
  });

  it('explains a body whose JSON was re-serialised on the way', () => {
    const pretty = JSON.stringify(JSON.parse(BODY), null, 2);
    const verdict = verifySignature(bytes(pretty), { 'x-shopify-hmac-sha256': documented }, SECRET, NOW);
    expect(verdict).toMatchObject({ status: 'invalid', diagnosis: { cause: 'body_reserialised' } });
    expect(JSON.stringify(verdict)).not.toContain(createHmac('sha256', SECRET).update(pretty).digest('base64'));
  });

  it('signs so that the documented check accepts it', () => {
    expect(schemeNamed('shopify').sign(bytes(BODY), SECRET, NOW, 'unused', 'http://localhost/')).toEqual({ 'X-Shopify-Hmac-Sha256': documented });
  });
});

describe('Slack X-Slack-Signature', () => {
  // The example in Slack's "Verifying requests from Slack".
  const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
  const TIMESTAMP = 1531420618;
  const BODY = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
  const SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
  const headers = { 'x-slack-signature': SIGNATURE, 'x-slack-request-timestamp': String(TIMESTAMP) };
  const at = (offsetS: number) => (TIMESTAMP + offsetS) * 1000;

  it("accepts Slack's documented example and describes the v0:timestamp:body string", () => {
    const verdict = verifySignature(bytes(BODY), headers, SECRET, at(10));
    expect(verdict).toMatchObject({ scheme: 'slack', status: 'valid' });
    expect(verdict.signed).toEqual({
      template: '{version}:{X-Slack-Request-Timestamp}:{body}',
      parts: [{ name: 'version', bytes: 2 }, { name: 'X-Slack-Request-Timestamp', bytes: 10 }, { name: 'body', bytes: BODY.length }],
      bytes: 2 + 1 + 10 + 1 + BODY.length,
    });
  });

  it('refuses a request outside the five-minute replay window, and says the signature itself is right', () => {
    const verdict = verifySignature(bytes(BODY), headers, SECRET, at(301));
    expect(verdict).toMatchObject({ status: 'invalid', reason: 'X-Slack-Request-Timestamp is 301 s old, outside the 300 s tolerance' });
    expect(verifySignature(bytes(BODY), headers, SECRET, at(-400)).reason).toMatch(/400 s in the future/);
  });

  it('refuses the right HMAC in upper-case hex, which Slack compares as written, and says so', () => {
    const verdict = verifySignature(bytes(BODY), { ...headers, 'x-slack-signature': `v0=${SIGNATURE.slice(3).toUpperCase()}` }, SECRET, at(0));
    expect(verdict).toMatchObject({ status: 'invalid', diagnosis: { cause: 'signature_encoding', detail: expect.stringContaining('v0=<64 lowercase hex characters>') } });
  });

  it('names a missing timestamp header and a wrong secret', () => {
    expect(verifySignature(bytes(BODY), { 'x-slack-signature': SIGNATURE }, SECRET, at(0))).toMatchObject({ status: 'invalid', reason: 'missing X-Slack-Request-Timestamp header' });
    expect(verifySignature(bytes(BODY), headers, 'another-secret', at(0)).reason).toBe("X-Slack-Signature does not match this client's signing secret");
  });

  it('signs so that the documented example comes out again', () => {
    expect(schemeNamed('slack').sign(bytes(BODY), SECRET, at(0), 'unused', 'http://localhost/')).toEqual({ 'X-Slack-Request-Timestamp': String(TIMESTAMP), 'X-Slack-Signature': SIGNATURE });
  });
});

describe('Twilio X-Twilio-Signature', () => {
  const TOKEN = '12345';
  const NOW = Date.UTC(2025, 0, 1);
  const FORM = 'CallSid=CA1234567890ABCDE&Caller=%2B12349013030&Digits=1234&From=%2B12349013030&To=%2B18005551212';
  const URL_CALLED = 'http://localhost:4000/webhooks/voice?foo=1';
  const params = Object.fromEntries(new URLSearchParams(FORM));
  const formHeaders = (signature: string) => ({ 'x-twilio-signature': signature, 'content-type': 'application/x-www-form-urlencoded' });

  it("accepts the signature twilio's getExpectedTwilioSignature computes over the URL and the form parameters", () => {
    const signature = twilio.getExpectedTwilioSignature(TOKEN, URL_CALLED, params);
    const verdict = verifySignature(bytes(FORM), formHeaders(signature), TOKEN, NOW, { url: URL_CALLED });
    expect(verdict).toMatchObject({ scheme: 'twilio', status: 'valid', signed: { template: '{url}{sorted form parameters}' } });
  });

  it('refuses the same signature for another URL, saying the URL must be the one called', () => {
    const signature = twilio.getExpectedTwilioSignature(TOKEN, URL_CALLED, params);
    const verdict = verifySignature(bytes(FORM), formHeaders(signature), TOKEN, NOW, { url: 'http://localhost:4000/webhooks/voice' });
    expect(verdict).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/the URL must be the one the sender called/) });
  });

  it('accepts a JSON body whose SHA-256 the URL carries as bodySHA256, and refuses another body', () => {
    const body = '{"ok":true,"n":1}';
    const url = `${URL_CALLED}&bodySHA256=${twilio.getExpectedBodyHash(body)}`;
    const signature = twilio.getExpectedTwilioSignature(TOKEN, url, {});
    const headers = { 'x-twilio-signature': signature, 'content-type': 'application/json' };
    expect(verifySignature(bytes(body), headers, TOKEN, NOW, { url })).toMatchObject({ status: 'valid', signed: { template: '{url}' } });
    expect(verifySignature(bytes('{"ok":false,"n":1}'), headers, TOKEN, NOW, { url }).reason).toMatch(/bodySHA256/);
  });

  it('cannot check a signature without the URL the sender called', () => {
    const verdict = verifySignature(bytes(FORM), formHeaders('x'), TOKEN, NOW);
    expect(verdict).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/URL the sender called/) });
  });

  it("signs form and JSON requests so that twilio's validateRequest and validateRequestWithBody accept them", () => {
    const scheme = schemeNamed('twilio');
    const form = scheme.sign(bytes(FORM), TOKEN, NOW, 'unused', URL_CALLED);
    expect(twilio.validateRequest(TOKEN, form['X-Twilio-Signature'], URL_CALLED, params)).toBe(true);

    const body = '{"event":"test"}';
    const addressed = scheme.address?.(new URL(URL_CALLED), bytes(body), 'application/json') as URL;
    expect(addressed.searchParams.get('bodySHA256')).toBe(twilio.getExpectedBodyHash(body));
    const json = scheme.sign(bytes(body), TOKEN, NOW, 'unused', addressed.href);
    expect(twilio.validateRequestWithBody(TOKEN, json['X-Twilio-Signature'], addressed.href, body)).toBe(true);
  });
});
