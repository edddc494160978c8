import { createHash } from 'node:crypto';
import type { RunningServer } from '../../../src/kit';
import { startServer } from '../../support/standin-harness';
import { getJson, postWebhook, putJson, seedSignature, type Schemas } from './receiver-requests';

const SECRET = 'round-trip-secret';
const fingerprint = (secret: string) => createHash('sha256').update(secret).digest('hex').slice(0, 8);
const SHOP_DOCUMENT = {
  openapi: '3.0.3', info: { title: 'shop', version: '1' },
  paths: { '/subscribe': { post: { responses: { '201': { description: 'ok' } }, callbacks: { orderShipped: { '{$request.body#/url}': { post: {
    requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['tracking'] } } } }, responses: { '200': { description: 'ok' } },
  } } } } } } },
};

let receiver: RunningServer;
beforeAll(async () => {
  receiver = await startServer('webhooks');
});
afterAll(() => receiver.close());

const settingsUrl = (clientId: string) => `${receiver.url}/webhooks/clients/${clientId}`;
const read = (clientId: string) => getJson<Schemas['ClientSettings']>(settingsUrl(clientId));
/** What a PUT may change of settings written back unchanged: when they were written, and that they were. */
const withoutWriteTime = ({ updated_at: _at, configured: _configured, ...settings }: Schemas['ClientSettings']) => settings;

describe('client settings read with GET and written back with PUT (curl GET | edit | curl PUT)', () => {
  // Every kind of client: the settings that make it, none for one never configured.
  const kinds: Array<[string, Schemas['ClientSettingsInput'] | null]> = [
    ['never-configured', null],
    ['own-secret', { scheme: 'x-webhook-signature', secret: SECRET, require_signature: true }],
    ['stripe-as-written', { scheme: 'stripe', secret: 'whsec_stripe_secret', require_signature: false }],
    ['standard-webhooks', { scheme: 'standard-webhooks', secret: `whsec_${Buffer.from('round trip key').toString('base64')}` }],
    ['global-secret', { response: { status: 202, delay_ms: 5, failure_rate: 0.25 } }],
    ['forwarding', { forward_url: 'http://127.0.0.1:19701/hook' }],
    ['json-schema', { payload_schema: { json_schema: { type: 'object', required: ['order_id'] } } }],
    ['openapi-callback', { payload_schema: { openapi: SHOP_DOCUMENT, callback: 'orderShipped' } }],
  ];

  it.each(kinds)('takes back %s as it came, its read-only fields changing nothing', async (clientId, settings) => {
    if (settings) expect((await putJson(settingsUrl(clientId), settings)).status).toBe(200);
    const shown = await read(clientId);
    const written = await putJson(settingsUrl(clientId), shown);
    expect(written.status).toBe(200);
    expect(withoutWriteTime(written.json as Schemas['ClientSettings'])).toEqual(withoutWriteTime(shown));
    expect(await read(clientId)).toMatchObject({ ...withoutWriteTime(shown), configured: true });
  });

  it('applies what was edited and keeps the secret, which still verifies', async () => {
    await putJson(settingsUrl('edited'), { secret: SECRET, payload_schema: { json_schema: { type: 'object' } } });
    const shown = await read('edited');
    const schema = { type: 'object', required: ['image_id'] };
    const edited = await putJson(settingsUrl('edited'), { ...shown, response: { ...shown.response, status: 202 }, payload_schema: { ...shown.payload_schema, schema } });
    expect(edited).toMatchObject({ status: 200, json: { secret_set: true, secret_sha256_prefix: fingerprint(SECRET), response: { status: 202 }, payload_schema: { source: 'json-schema', schema } } });
    const body = '{"image_id":"uuid-1"}';
    expect((await postWebhook(receiver.url, 'edited', body, { 'X-Webhook-Signature': seedSignature(body, SECRET) })).status).toBe(202);
  });

  it('takes a new secret beside the old one shown, and copies settings to another client', async () => {
    await putJson(settingsUrl('rotated'), { secret: SECRET });
    const shown = await read('rotated');
    expect((await putJson(settingsUrl('rotated'), { ...shown, secret: 'rotated-secret' })).json).toMatchObject({ secret_sha256_prefix: fingerprint('rotated-secret') });

    const source = await read('global-secret');
    const copied = await putJson(settingsUrl('copy'), source);
    expect(copied).toMatchObject({ status: 200, json: { client_id: 'copy', response: source.response } });
  });

  it('never lets the client id, configured or updated_at sent back set anything', async () => {
    const shown = await read('own-secret');
    const written = await putJson(settingsUrl('own-secret'), { ...shown, client_id: 'someone-else', configured: false, updated_at: '2001-01-01T00:00:00.000Z' });
    expect(written).toMatchObject({ status: 200, json: { client_id: 'own-secret', configured: true } });
    expect(Date.parse(written.json.updated_at!)).toBeGreaterThan(Date.parse('2020-01-01'));
    expect((await getJson<Schemas['ClientList']>(`${receiver.url}/webhooks/clients`)).clients.map((client) => client.client_id)).not.toContain('someone-else');
  });

  it('refuses a secret_set or secret_sha256_prefix that is not the secret a PUT without one keeps, and changes nothing', async () => {
    await putJson(settingsUrl('no-secret'), { response: { status: 201 } });
    await putJson(settingsUrl('with-secret'), { secret: SECRET });
    const before = await Promise.all([read('no-secret'), read('with-secret')]);

    // secret_sha256_prefix names a secret only by its hash: it must never set one.
    const claimed = await putJson(settingsUrl('no-secret'), { ...before[0], secret_set: true, secret_sha256_prefix: fingerprint(SECRET) });
    expect(claimed).toMatchObject({ status: 400, json: { detail: expect.stringMatching(/^secret_set is read-only: .* has none .*give secret to set one/) } });
    const prefixOnly = await putJson(settingsUrl('no-secret'), { secret_sha256_prefix: fingerprint(SECRET) });
    expect(prefixOnly).toMatchObject({ status: 400, json: { detail: expect.stringMatching(/^secret_sha256_prefix is read-only/) } });
    const dropped = await putJson(settingsUrl('with-secret'), { ...before[1], secret_set: false, secret_sha256_prefix: null });
    expect(dropped).toMatchObject({ status: 400, json: { detail: expect.stringMatching(/^secret_set is read-only: .*or null for WEBHOOK_SECRET/) } });
    const otherSecret = await putJson(settingsUrl('with-secret'), { ...before[1], secret_sha256_prefix: fingerprint('another secret') });
    expect(otherSecret.status).toBe(400);

    expect(await Promise.all([read('no-secret'), read('with-secret')])).toEqual(before);
    const body = '{"n":1}';
    expect((await postWebhook(receiver.url, 'with-secret', body, { 'X-Webhook-Signature': seedSignature(body, SECRET) })).status).toBe(200);
  });

  it("takes an OpenAPI callback's schema as shown only as the client has it", async () => {
    const shown = await read('openapi-callback');
    const edited = await putJson(settingsUrl('openapi-callback'), { ...shown, payload_schema: { ...shown.payload_schema, schema: { type: 'object' } } });
    expect(edited).toMatchObject({ status: 400, json: { detail: expect.stringContaining('give {openapi, callback} or {json_schema}') } });
    const elsewhere = await putJson(settingsUrl('callback-copy'), shown);
    expect(elsewhere.status).toBe(400);
    expect(await read('openapi-callback')).toEqual(shown);
  });
});
