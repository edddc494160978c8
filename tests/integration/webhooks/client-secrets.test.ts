import { createHash } from 'node:crypto';
import type { RunningServer } from '../../../src/kit';
import { startServer } from '../../support/standin-harness';
import { getJson, postWebhook, putJson, seedSignature, type Schemas } from './receiver-requests';

const SECRET = 'client-secret-never-shown';
const FINGERPRINT = createHash('sha256').update(SECRET).digest('hex').slice(0, 8);
const BODY = '{"event_type":"image.processed","image_id":"uuid-123"}';

let receiver: RunningServer;
beforeAll(async () => {
  receiver = await startServer('webhooks');
});
afterAll(() => receiver.close());

const settingsUrl = (clientId: string) => `${receiver.url}/webhooks/clients/${clientId}`;
const deliverSignedWith = async (clientId: string, secret?: string) =>
  (await postWebhook(receiver.url, clientId, BODY, { 'X-Webhook-Signature': seedSignature(BODY, secret) })).status;

describe("a client's own secret", () => {
  it('is never shown again once set: the PUT answer, GET and the list say only that it is set and its fingerprint', async () => {
    const put = await putJson(settingsUrl('hidden'), { scheme: 'x-webhook-signature', secret: SECRET });
    const answers = [put.json, await getJson(settingsUrl('hidden')), await getJson(`${receiver.url}/webhooks/clients`)];
    for (const answer of answers) expect(JSON.stringify(answer)).not.toContain(SECRET);
    expect(put.json).toMatchObject({ secret_set: true, secret_sha256_prefix: FINGERPRINT });
    expect(put.json).not.toHaveProperty('secret');
    expect(await getJson(settingsUrl('hidden'))).toMatchObject({ secret_set: true, secret_sha256_prefix: FINGERPRINT });
  });

  it('stays through settings read and written back without it (any field changed), and null returns the client to WEBHOOK_SECRET', async () => {
    await putJson(settingsUrl('round-trip'), { secret: SECRET, response: { status: 200 } });
    const { client_id: _id, configured: _configured, updated_at: _updated, secret_set: _set, secret_sha256_prefix: _prefix, payload_schema: _schema, ...readBack } = await getJson<Schemas['ClientSettings']>(settingsUrl('round-trip'));
    const rewritten = await putJson(settingsUrl('round-trip'), { ...readBack, response: { ...readBack.response, status: 202 } });
    expect(rewritten).toMatchObject({ status: 200, json: { secret_set: true, secret_sha256_prefix: FINGERPRINT, response: { status: 202 } } });
    expect(await deliverSignedWith('round-trip', SECRET)).toBe(202);
    expect(await deliverSignedWith('round-trip')).toBe(401);

    expect((await putJson(settingsUrl('round-trip'), { secret: null })).json).toMatchObject({ secret_set: false, secret_sha256_prefix: null });
    expect(await deliverSignedWith('round-trip')).toBe(200);
  });
});
