import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { RunningServer } from '../../../src/kit';
import { startServer } from '../../support/standin-harness';
import { getJson, postWebhook, putJson, seedSignature, type Schemas } from './receiver-requests';

const BODY = '{"event_type":"image.processed","image_id":"uuid-123"}';
/** Decoded as Standard Webhooks reads whsec_ secrets, this is an empty key: anyone can sign with it. */
const KEYLESS_SECRET = 'whsec_!!!';
const EMPTY_KEY_SIGNATURE = seedSignature(BODY, '');

describe('stored client settings that a PUT now refuses', () => {
  let dataDir: string;
  let receiver: RunningServer;
  const settingsUrl = (clientId: string) => `${receiver.url}/webhooks/clients/${clientId}`;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'webhooks-stored-secrets-'));
    // Stripe takes the secret as written; the scheme is then set back to auto, as a receiver
    // that did not yet refuse keyless whsec_ secrets stored them.
    const before = await startServer('webhooks', { dataDir });
    for (const clientId of ['legacy', 'legacy-deleted']) await putJson(`${before.url}/webhooks/clients/${clientId}`, { scheme: 'stripe', secret: KEYLESS_SECRET });
    await before.close();
    const db = new Database(path.join(dataDir, 'webhooks.db'));
    db.prepare('UPDATE clients SET scheme = NULL').run();
    db.close();
    receiver = await startServer('webhooks', { dataDir });
  });
  afterAll(async () => {
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

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

  it('are replaced by a PUT with a new secret (one keeping the stored secret is refused 400), or removed by DELETE', async () => {
    expect(await putJson(settingsUrl('legacy'), { response: { status: 202 } })).toMatchObject({ status: 400, json: { detail: expect.stringMatching(/^secret: /) } });
    expect((await putJson(settingsUrl('legacy'), { secret: 'a-real-secret' })).status).toBe(200);
    expect((await postWebhook(receiver.url, 'legacy', BODY, { 'X-Webhook-Signature': seedSignature(BODY, 'a-real-secret') })).status).toBe(200);

    expect((await fetch(settingsUrl('legacy-deleted'), { method: 'DELETE' })).status).toBe(204);
    expect(await getJson(settingsUrl('legacy-deleted'))).toMatchObject({ configured: false, secret_set: false });
  });
});
