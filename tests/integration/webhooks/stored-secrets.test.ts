import type { RunningServer } from '../../../src/kit';
import { KEYLESS_SECRET, receiverWithKeylessSecrets } from './keyless-stored-secrets';
import { getJson, postWebhook, putJson, seedSignature, type Schemas } from './receiver-requests';

const BODY = '{"event_type":"image.processed","image_id":"uuid-123"}';
const EMPTY_KEY_SIGNATURE = seedSignature(BODY, '');

describe('stored client settings that a PUT now refuses', () => {
  let stored: { receiver: RunningServer; close(): Promise<void> };
  let receiver: RunningServer;
  const settingsUrl = (clientId: string) => `${receiver.url}/webhooks/clients/${clientId}`;

  beforeAll(async () => {
    stored = await receiverWithKeylessSecrets(['legacy', 'legacy-deleted', 'legacy-listed']);
    receiver = stored.receiver;
  });
  afterAll(() => stored.close());

  it('are never used: a delivery signed with the empty key is refused 409 and not stored, and the settings say why', async () => {
    const delivery = await postWebhook(receiver.url, 'legacy', BODY, { 'X-Webhook-Signature': EMPTY_KEY_SIGNATURE });
    expect(delivery).toMatchObject({ status: 409, json: { title: 'Client settings unusable', client_id: 'legacy' } });
    expect(delivery.json.detail).toMatch(/^the stored settings of client legacy cannot be used \(secret: a whsec_ secret is whsec_ and the padded base64 of its key/);
    expect(delivery.json.detail).not.toContain(KEYLESS_SECRET);
    expect((await getJson<Schemas['EventList']>(`${receiver.url}/webhooks/events?client_id=legacy`)).total).toBe(0);

    const settings = await fetch(settingsUrl('legacy'));
    expect({ status: settings.status, title: ((await settings.json()) as Schemas['Problem']).title }).toEqual({ status: 409, title: 'Client settings unusable' });
    const trigger = await fetch(`${receiver.url}/webhooks/trigger`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ template: 'standard-webhooks.generic', client_id: 'legacy', signing: 'signed', target_url: `${receiver.url}/webhooks/elsewhere` }),
    });
    expect({ status: trigger.status, title: ((await trigger.json()) as Schemas['Problem']).title }).toEqual({ status: 409, title: 'Client settings unusable' });
  });

  it('are listed, marked unusable with why and how to mend them, until mended', async () => {
    const listed = async () => (await getJson<Schemas['ClientList']>(`${receiver.url}/webhooks/clients`)).clients.find((client) => client.client_id === 'legacy-listed');
    const marked = await listed();
    expect(marked).toMatchObject({ client_id: 'legacy-listed', secret_set: true, configured: true, unusable: expect.stringMatching(/^the stored settings of client legacy-listed cannot be used \(secret: .*PUT new settings \(a new secret, or secret null for WEBHOOK_SECRET\) or DELETE them$/) });
    expect(JSON.stringify(marked)).not.toContain(KEYLESS_SECRET);

    expect((await putJson(settingsUrl('legacy-listed'), { ...marked, secret: 'a-mending-secret' })).status).toBe(200);
    expect(await listed()).toMatchObject({ secret_set: true, unusable: null });
  });

  it('are replaced by a PUT with a new secret (one keeping the stored secret is refused 400), or removed by DELETE', async () => {
    expect(await putJson(settingsUrl('legacy'), { response: { status: 202 } })).toMatchObject({ status: 400, json: { detail: expect.stringMatching(/^secret: /) } });
    expect((await putJson(settingsUrl('legacy'), { secret: 'a-real-secret' })).status).toBe(200);
    expect((await postWebhook(receiver.url, 'legacy', BODY, { 'X-Webhook-Signature': seedSignature(BODY, 'a-real-secret') })).status).toBe(200);

    expect((await fetch(settingsUrl('legacy-deleted'), { method: 'DELETE' })).status).toBe(204);
    expect(await getJson(settingsUrl('legacy-deleted'))).toMatchObject({ configured: false, secret_set: false });
  });
});
