import { createHmac } from 'node:crypto';
import type { RunningServer } from '../../../src/kit';
import { octokitSignature, standardWebhooksHeaders, verifyWithStandardWebhooks } from '../../unit/webhooks/reference-signers';
import { startServer } from '../../support/standin-harness';
import { getJson, postWebhook, putJson, seedSignature, type Schemas } from './receiver-requests';
import { startRawTarget } from './raw-target';

const WHSEC = `whsec_${Buffer.from('resend test key').toString('base64')}`;
const BODY = '{"type":"invoice.paid","amount":4200}';

let receiver: RunningServer;
let target: Awaited<ReturnType<typeof startRawTarget>>;
beforeAll(async () => {
  receiver = await startServer('webhooks');
  await putJson(`${receiver.url}/webhooks/clients/billing`, { scheme: 'standard-webhooks', secret: WHSEC });
  target = await startRawTarget((request) => {
    try {
      verifyWithStandardWebhooks(WHSEC, request.body.toString('utf8'), request.headers as Record<string, string>);
      return { status: 200, body: 'verified' };
    } catch {
      return { status: 401, body: 'refused' };
    }
  });
});
afterAll(async () => {
  await target.close();
  await receiver.close();
});

async function resend(eventId: string, request: Record<string, unknown>) {
  const response = await fetch(`${receiver.url}/webhooks/events/${eventId}/resend`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
  return { status: response.status, text: await response.text() };
}

describe('edit and resend', () => {
  it("re-signs an edited body and headers with the client's scheme and secret, and records a resend on the original", async () => {
    const { json } = await postWebhook(receiver.url, 'billing', BODY, standardWebhooksHeaders(WHSEC, BODY, { id: 'msg_original' }));
    const edited = '{"type":"invoice.paid","amount":1}';
    const { status, text } = await resend(json.event_id, {
      target_url: `${target.url}/hook`, signing: 'signed', body: edited,
      headers: [['Content-Type', 'application/json'], ['X-Edited', 'yes'], ['webhook-id', 'msg_original'], ['webhook-signature', 'v1,stale']],
    });
    expect(status).toBe(200);
    const attempt = JSON.parse(text) as Schemas['Replay'];
    expect(attempt).toMatchObject({ kind: 'resend', signing: 'signed', scheme: 'standard-webhooks', response_status: 200, response_excerpt: 'verified' });
    const sent = target.received.at(-1)!;
    expect(sent.body.toString()).toBe(edited);
    expect(sent.headers).toMatchObject({ 'x-edited': 'yes', 'webhook-id': 'msg_original' });
    expect(sent.headers['webhook-signature']).not.toContain('stale');
    expect(text).not.toContain(String(sent.headers['webhook-signature']).slice(3));
    const detail = await getJson<Schemas['EventDetail']>(`${receiver.url}/webhooks/events/${json.event_id}`);
    expect(detail.replays[0]).toEqual(attempt);
  });

  it('sends a deliberately wrong signature, which the app refuses, and an unsigned copy', async () => {
    const { json } = await postWebhook(receiver.url, 'billing', BODY, standardWebhooksHeaders(WHSEC, BODY));
    expect(JSON.parse((await resend(json.event_id, { target_url: target.url, signing: 'wrong' })).text)).toMatchObject({ signing: 'wrong', response_status: 401 });
    const unsigned = JSON.parse((await resend(json.event_id, { target_url: target.url, signing: 'unsigned' })).text);
    expect(unsigned).toMatchObject({ signing: 'unsigned', scheme: null, response_status: 401 });
    expect(target.received.at(-1)!.headers).not.toHaveProperty('webhook-signature');
  });

  it("drops GitHub's legacy X-Hub-Signature (SHA-1) too, so an unsigned or wrongly signed copy carries no valid signature", async () => {
    const secret = 'github-resend-secret';
    await putJson(`${receiver.url}/webhooks/clients/repo`, { scheme: 'github', secret });
    const { json } = await postWebhook(receiver.url, 'repo', BODY, {
      'X-GitHub-Event': 'push',
      // GitHub sends both: the SHA-1 header "for compatibility with existing integrations".
      'X-Hub-Signature': `sha1=${createHmac('sha1', secret).update(BODY).digest('hex')}`,
      'X-Hub-Signature-256': octokitSignature(secret, BODY),
    });
    expect(json.signature).toMatchObject({ scheme: 'github', status: 'valid' });
    for (const signing of ['unsigned', 'wrong']) {
      expect((await resend(json.event_id, { target_url: target.url, signing })).status).toBe(200);
      const sent = target.received.at(-1)!;
      expect(sent.headers).toMatchObject({ 'x-github-event': 'push' });
      expect(sent.headers).not.toHaveProperty('x-hub-signature');
    }
  });

  it('takes a base64 body for bytes that are not text', async () => {
    const { json } = await postWebhook(receiver.url, 'billing', BODY, standardWebhooksHeaders(WHSEC, BODY));
    const bytes = Buffer.from([0xff, 0x00, 0xfe]);
    const { status } = await resend(json.event_id, { target_url: target.url, signing: 'unsigned', body: bytes.toString('base64'), body_encoding: 'base64' });
    expect(status).toBe(200);
    expect(target.received.at(-1)!.body.equals(bytes)).toBe(true);
    expect((await resend(json.event_id, { target_url: target.url, signing: 'unsigned', body: 'not base64!', body_encoding: 'base64' })).status).toBe(400);
  });

  it('signs an edited body with WEBHOOK_SECRET for no one (409), but re-signs the verified body as received', async () => {
    const { json } = await postWebhook(receiver.url, 'seed-client', BODY, { 'X-Webhook-Signature': seedSignature(BODY) });
    const edited = await resend(json.event_id, { target_url: target.url, signing: 'signed', body: '{"forged":true}' });
    expect(edited.status).toBe(409);
    expect(JSON.parse(edited.text).detail).toMatch(/own secret/);
    const same = await resend(json.event_id, { target_url: target.url, signing: 'signed' });
    expect(same.status).toBe(200);
    expect(target.received.at(-1)!.headers['x-webhook-signature']).toBe(seedSignature(BODY));
  });

  it('refuses a header HTTP cannot carry (400 naming its place), sending nothing and recording nothing', async () => {
    const { json } = await postWebhook(receiver.url, 'billing', BODY, standardWebhooksHeaders(WHSEC, BODY));
    const sentBefore = target.received.length;
    for (const headers of [[['X-A\r\nInjected', 'v']], [['', 'v']], [['X-Ok', 'yes'], ['X-A', 'v\r\nInjected: 1']], [['X-A', 'price in €']]]) {
      const { status, text } = await resend(json.event_id, { target_url: target.url, signing: 'unsigned', headers });
      expect(status).toBe(400);
      expect(JSON.parse(text)).toMatchObject({ errors: [{ field: `body.headers.${headers.length - 1}` }] });
      expect(text).not.toContain('Injected: 1');
    }
    expect(target.received).toHaveLength(sentBefore);
    expect((await getJson<Schemas['EventDetail']>(`${receiver.url}/webhooks/events/${json.event_id}`)).replays).toEqual([]);
  });

  it('refuses targets replays may not reach, and records an unreachable one', async () => {
    const { json } = await postWebhook(receiver.url, 'billing', BODY, standardWebhooksHeaders(WHSEC, BODY));
    expect((await resend(json.event_id, { target_url: 'http://example.com/', signing: 'unsigned' })).status).toBe(403);
    const down = await startRawTarget();
    await down.close();
    const unreachable = await resend(json.event_id, { target_url: down.url, signing: 'unsigned' });
    expect(unreachable.status).toBe(502);
    const detail = await getJson<Schemas['EventDetail']>(`${receiver.url}/webhooks/events/${json.event_id}`);
    expect(detail.replays[0]).toMatchObject({ kind: 'resend', response_status: null, error: expect.stringMatching(/ECONNREFUSED/), replay_id: JSON.parse(unreachable.text).replay_id });
  });
});
