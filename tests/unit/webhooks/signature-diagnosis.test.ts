import { createHash, createHmac } from 'node:crypto';
import { verifySignature, type VerifyOptions } from '../../../src/webhooks/signature-schemes';
import { octokitSignature, standardWebhooksHeaders, stripeSignatureHeader } from './reference-signers';

const SECRET = 'webhook-secret-123';
const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const WHSEC_KEY = Buffer.from(WHSEC.slice('whsec_'.length), 'base64');
const BODY = '{"type":"invoice.paid","amount":4200,"note":"café"}';
const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const NOW_S = Math.floor(NOW / 1000);

const hmac = (key: string | Buffer, content: string) => createHmac('sha256', key).update(content).digest();
const verify = (body: string, headers: Record<string, string>, secret = SECRET, options?: VerifyOptions) =>
  verifySignature(Buffer.from(body), headers, secret, NOW, options);

describe('explaining a wrong signature', () => {
  it('says a right signature was refused only for its timestamp, and by how much', () => {
    const standard = verify(BODY, standardWebhooksHeaders(WHSEC, BODY, { at: new Date(NOW - 412_000) }), WHSEC);
    expect(standard).toMatchObject({ status: 'invalid', diagnosis: { cause: 'timestamp_outside_tolerance' } });
    expect(standard.diagnosis?.detail).toContain('webhook-timestamp is 412 s old, outside the 300 s tolerance');
    const stripe = verify(BODY, { 'stripe-signature': stripeSignatureHeader(WHSEC, BODY, NOW_S - 1000) }, WHSEC);
    expect(stripe.diagnosis).toMatchObject({ cause: 'timestamp_outside_tolerance', detail: expect.stringContaining('1000 s old') });
  });

  it('says when the right HMAC is written in another notation', () => {
    const withoutPrefix = verify(BODY, { 'x-hub-signature-256': octokitSignature(SECRET, BODY).slice('sha256='.length) });
    expect(withoutPrefix.diagnosis).toMatchObject({ cause: 'signature_encoding', detail: expect.stringContaining('sha256=<64 lowercase hex characters>') });
    const base64 = verify(BODY, { 'x-webhook-signature': hmac(SECRET, BODY).toString('base64') });
    expect(base64.diagnosis).toMatchObject({ cause: 'signature_encoding' });
    const hexInStandard = verify(BODY, { 'webhook-id': 'msg_1', 'webhook-timestamp': String(NOW_S), 'webhook-signature': `v1,${hmac(WHSEC_KEY, `msg_1.${NOW_S}.${BODY}`).toString('hex')}` }, WHSEC);
    expect(hexInStandard.diagnosis).toMatchObject({ cause: 'signature_encoding', detail: expect.stringContaining('v1,<base64>') });
  });

  it("recognises a signature made with another scheme's construction", () => {
    const standardInSeedHeader = verify(BODY, {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(NOW_S),
      'x-webhook-signature': hmac(SECRET, `msg_1.${NOW_S}.${BODY}`).toString('hex'),
    });
    expect(standardInSeedHeader).toMatchObject({ scheme: 'x-webhook-signature', status: 'invalid', diagnosis: { cause: 'other_scheme' } });
    expect(standardInSeedHeader.diagnosis?.detail).toContain('standard-webhooks signature (the HMAC-SHA256 of {webhook-id}.{webhook-timestamp}.{body})');

    const bodyOnlyInStandard = verify(BODY, { 'webhook-id': 'msg_1', 'webhook-timestamp': String(NOW_S), 'webhook-signature': `v1,${hmac(WHSEC_KEY, BODY).toString('base64')}` }, WHSEC);
    expect(bodyOnlyInStandard.diagnosis).toMatchObject({ cause: 'other_scheme', detail: expect.stringContaining('HMAC-SHA256 of {body}') });
  });

  it("recognises another scheme's valid signature on a client that accepts only one", () => {
    const verdict = verify(BODY, { 'x-hub-signature-256': octokitSignature(SECRET, BODY) }, SECRET, { pinned: 'stripe' });
    expect(verdict).toMatchObject({ scheme: 'stripe', status: 'invalid', diagnosis: { cause: 'other_scheme', detail: expect.stringContaining('accepts only stripe') } });
  });

  it('says when the secret was read the wrong way (whsec_ not decoded, or decoded for Stripe)', () => {
    const undecoded = verify(BODY, { 'webhook-id': 'msg_1', 'webhook-timestamp': String(NOW_S), 'webhook-signature': `v1,${hmac(WHSEC, `msg_1.${NOW_S}.${BODY}`).toString('base64')}` }, WHSEC);
    expect(undecoded.diagnosis).toMatchObject({ cause: 'secret_encoding' });
    expect(undecoded.diagnosis?.detail).toBe('the signature was made with the whole secret as UTF-8 text as the key, and standard-webhooks uses the base64 after whsec_, decoded');
    const decodedForStripe = verify(BODY, { 'stripe-signature': `t=${NOW_S},v1=${hmac(WHSEC_KEY, `${NOW_S}.${BODY}`).toString('hex')}` }, WHSEC);
    expect(decodedForStripe.diagnosis).toMatchObject({ cause: 'secret_encoding', detail: expect.stringContaining('the base64 after whsec_, decoded as the key, and stripe uses the whole secret') });
    const textNotDecoded = verify(BODY, { 'x-webhook-signature': hmac(WHSEC.slice('whsec_'.length), BODY).toString('hex') }, WHSEC);
    expect(textNotDecoded.diagnosis).toMatchObject({ cause: 'secret_encoding', detail: expect.stringContaining('the base64 after whsec_ as text, not decoded') });
  });

  it('says when the signature covers the same JSON serialised otherwise', () => {
    const value = JSON.parse(BODY);
    const pretty = JSON.stringify(value, null, 2);
    const sentPretty = verify(pretty, { 'x-webhook-signature': hmac(SECRET, BODY).toString('hex') });
    expect(sentPretty.diagnosis).toMatchObject({ cause: 'body_reserialised', detail: expect.stringContaining('compact JSON') });
    const sentCompact = verify(BODY, { 'x-webhook-signature': hmac(SECRET, pretty).toString('hex') });
    expect(sentCompact.diagnosis).toMatchObject({ cause: 'body_reserialised', detail: expect.stringContaining('indented by 2 spaces') });
    const python = '{"type": "invoice.paid", "amount": 4200, "note": "caf\\u00e9"}';
    const sentByPython = verify(BODY, { 'x-webhook-signature': hmac(SECRET, python).toString('hex') });
    expect(sentByPython.diagnosis).toMatchObject({ cause: 'body_reserialised', detail: expect.stringContaining('json.dumps') });
  });

  it('says when only whitespace or line endings changed', () => {
    const newlineAdded = verify(`${BODY}\n`, { 'x-webhook-signature': hmac(SECRET, BODY).toString('hex') });
    expect(newlineAdded.diagnosis).toMatchObject({ cause: 'body_whitespace', detail: expect.stringContaining('without its leading and trailing whitespace') });
    const text = 'line one\nline two\n';
    const crlf = verify(text, { 'x-webhook-signature': hmac(SECRET, text.replace(/\n/g, '\r\n')).toString('hex') });
    expect(crlf.diagnosis).toMatchObject({ cause: 'body_whitespace', detail: expect.stringContaining('into CRLF') });
  });

  it('gives no diagnosis when no common mistake explains it (another secret altogether)', () => {
    const verdict = verify(BODY, { 'x-hub-signature-256': octokitSignature('not-the-secret', BODY) });
    expect(verdict).toMatchObject({ status: 'invalid', diagnosis: null });
  });

  it('gives no diagnosis for a valid or an unsigned delivery', () => {
    expect(verify(BODY, { 'x-hub-signature-256': octokitSignature(SECRET, BODY) })).toMatchObject({ status: 'valid', diagnosis: null });
    expect(verify(BODY, {})).toMatchObject({ status: 'missing', diagnosis: null, secret: null, signed: null });
  });
});

describe('the secret a delivery was checked with', () => {
  it('is named by the first 8 hex digits of its SHA-256 and by whose it is, never by its value', () => {
    const verdict = verify(BODY, { 'x-webhook-signature': hmac(SECRET, BODY).toString('hex') }, SECRET, { secretSource: 'client' });
    expect(verdict.secret).toEqual({ source: 'client', sha256_prefix: createHash('sha256').update(SECRET).digest('hex').slice(0, 8) });
    expect(JSON.stringify(verdict)).not.toContain(SECRET);
  });
});
