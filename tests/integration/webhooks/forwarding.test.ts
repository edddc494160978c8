import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RunningServer } from '../../../src/kit';
import { standardWebhooksHeaders, verifyWithStandardWebhooks } from '../../unit/webhooks/reference-signers';
import { startServer } from '../../support/standin-harness';
import { getJson, postWebhook, putJson, type Schemas } from './receiver-requests';
import { eventually } from '../../support/eventually';
import { startRawTarget } from './raw-target';

const WHSEC = `whsec_${Buffer.from('forwarding test key').toString('base64')}`;

let receiver: RunningServer;
beforeAll(async () => {
  receiver = await startServer('webhooks', { env: { WEBHOOK_FORWARD_RETRY_BASE_MS: '50', WEBHOOK_FORWARD_MAX_ATTEMPTS: '3', WEBHOOK_FORWARD_TIMEOUT_MS: '1000' } });
});
afterAll(() => receiver.close());

const eventDetail = (eventId: string) => getJson<Schemas['EventDetail']>(`${receiver.url}/webhooks/events/${eventId}`);
const settledForward = (eventId: string) => eventually(async () => {
  const [forward] = (await eventDetail(eventId)).forwards;
  return forward && forward.state !== 'pending' ? forward : undefined;
});

/** Posts raw bytes with raw headers (fetch would not send every header, e.g. Connection). */
async function postRaw(clientId: string, body: Buffer, headers: Record<string, string>) {
  const response = await fetch(`${receiver.url}/webhooks/${clientId}`, { method: 'POST', headers, body: new Uint8Array(body) });
  return (await response.json()) as { event_id: string };
}

describe('forwarding to the app under development', () => {
  it('forwards the exact bytes and headers received, so the sender library verifies the original signature, and records the answer', async () => {
    const app = await startRawTarget((request) => {
      try {
        verifyWithStandardWebhooks(WHSEC, request.body.toString('utf8'), request.headers as Record<string, string>);
        return { status: 202, headers: { 'x-app': 'verified' }, body: '{"app":"ok"}' };
      } catch (error) {
        return { status: 400, body: (error as Error).message };
      }
    });
    try {
      await putJson(`${receiver.url}/webhooks/clients/billing`, { secret: WHSEC, forward_url: `${app.url}/hook` });
      const body = '{ "type" :"invoice.paid",\n\t"amount":4200 }  \r\n';
      const headers = { 'content-type': 'application/json', 'X-Odd-Case': 'kept', ...standardWebhooksHeaders(WHSEC, body, { id: 'msg_forwarded' }) };
      const { event_id: eventId } = await postRaw('billing', Buffer.from(body), headers);

      const forward = await settledForward(eventId);
      expect(forward).toMatchObject({ state: 'delivered', attempts: 1, target_url: `${app.url}/hook`, response: { status: 202, body: '{"app":"ok"}', body_encoding: 'utf8' } });
      expect(forward.response?.headers).toContainEqual(['x-app', 'verified']);
      expect(app.received).toHaveLength(1);
      const [forwarded] = app.received;
      expect(forwarded.body.equals(Buffer.from(body))).toBe(true);
      expect(forwarded.path).toBe('/hook');
      const stored = await eventDetail(eventId);
      const endToEnd = stored.raw_headers.filter(([name]) => !['host', 'content-length', 'connection'].includes(name.toLowerCase()));
      const sent = forwarded.rawHeaders.filter(([name]) => !['host', 'content-length', 'connection'].includes(name.toLowerCase()));
      expect(sent.slice(0, -2)).toEqual(endToEnd);
      // After the headers received: the forward's Idempotency-Key, the same on every attempt, for
      // the app to know a re-send (forwarding is at least once), and what a forwarding hop adds (RFC 9110 §7.6.3).
      expect(sent.at(-2)).toEqual(['Idempotency-Key', `"${forward.forward_id}"`]);
      expect(sent.at(-1)).toEqual(['Via', expect.stringMatching(/^1\.1 standin-[0-9a-f]+$/)]);
      expect(endToEnd).toContainEqual(['X-Odd-Case', 'kept']);
      expect(endToEnd.map(([name]) => name)).toContain('webhook-signature');
    } finally {
      await app.close();
    }
  });

  it('keeps the Idempotency-Key a delivery came with, the sender\'s, adding none', async () => {
    const app = await startRawTarget();
    try {
      await putJson(`${receiver.url}/webhooks/clients/keyed`, { forward_url: app.url });
      const { event_id: eventId } = await postRaw('keyed', Buffer.from('{"n":1}'), { 'content-type': 'application/json', 'Idempotency-Key': '"sender-key-1"' });
      expect(await settledForward(eventId)).toMatchObject({ state: 'delivered' });
      expect(app.received[0].rawHeaders.filter(([name]) => name.toLowerCase() === 'idempotency-key')).toEqual([['Idempotency-Key', '"sender-key-1"']]);
    } finally {
      await app.close();
    }
  });

  it('forwards bytes that are not UTF-8 unchanged', async () => {
    const app = await startRawTarget();
    try {
      await putJson(`${receiver.url}/webhooks/clients/binary`, { forward_url: app.url });
      const body = Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0xc3, 0x28, 0x0a]);
      const { event_id: eventId } = await postRaw('binary', body, { 'content-type': 'application/octet-stream' });
      expect(await settledForward(eventId)).toMatchObject({ state: 'delivered' });
      expect(app.received[0].body.equals(body)).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('retries an app that fails with backoff until it answers 2xx, visible in the queue', async () => {
    const app = await startRawTarget((_request, index) => (index < 2 ? { status: 503, body: 'starting up' } : { status: 200, body: 'ok' }));
    try {
      await putJson(`${receiver.url}/webhooks/clients/flaky`, { forward_url: app.url });
      const { json } = await postWebhook(receiver.url, 'flaky', '{"n":1}');
      const forward = await settledForward(json.event_id);
      expect(forward).toMatchObject({ state: 'delivered', attempts: 3, response: { status: 200 } });
      expect(app.received).toHaveLength(3);
      const queue = await getJson<Schemas['ForwardList']>(`${receiver.url}/webhooks/forwards?state=delivered`);
      expect(queue.forwards.map((item) => item.forward_id)).toContain(forward.forward_id);
    } finally {
      await app.close();
    }
  });

  it('gives up after WEBHOOK_FORWARD_MAX_ATTEMPTS and says why', async () => {
    const app = await startRawTarget();
    const closedUrl = app.url;
    await app.close();
    await putJson(`${receiver.url}/webhooks/clients/gone`, { forward_url: closedUrl });
    const { json } = await postWebhook(receiver.url, 'gone', '{"n":2}');
    const forward = await settledForward(json.event_id);
    expect(forward).toMatchObject({ state: 'failed', attempts: 3, response: null, error: expect.stringMatching(/ECONNREFUSED/) });
    expect((await getJson<Schemas['ForwardList']>(`${receiver.url}/webhooks/forwards?state=failed`)).counts.failed).toBeGreaterThanOrEqual(1);
  });

  it('stores but does not forward again a delivery it forwarded itself, so a forward URL pointing back at the receiver cannot loop', async () => {
    await putJson(`${receiver.url}/webhooks/clients/echo`, { forward_url: `${receiver.url}/webhooks/echo` });
    try {
      const { json } = await postWebhook(receiver.url, 'echo', '{"n":"loop"}', { Via: '1.1 proxy.example' });
      expect(await settledForward(json.event_id)).toMatchObject({ state: 'delivered', response: { status: 200 } });
      const list = await getJson<Schemas['EventList']>(`${receiver.url}/webhooks/events?client_id=echo`);
      expect(list.total).toBe(2);
      const [returned] = list.events;
      expect(returned.event_id).not.toBe(json.event_id);
      expect(returned.raw_headers.filter(([name]) => name.toLowerCase() === 'via').map(([, value]) => value))
        .toEqual(['1.1 proxy.example', expect.stringMatching(/^1\.1 standin-/)]);
      expect((await eventDetail(returned.event_id)).forwards).toEqual([]);
    } finally {
      await putJson(`${receiver.url}/webhooks/clients/echo`, {});
    }
  });

  it.each([
    ['replay', (eventId: string, back: string) => ({ url: `/webhooks/replay/${eventId}?target_url=${encodeURIComponent(back)}&include_signature=false`, body: '{"n":"again"}' })],
    ['resend', (eventId: string, back: string) => ({ url: `/webhooks/events/${eventId}/resend`, body: JSON.stringify({ target_url: back, signing: 'unsigned' }) })],
    ['test event', (_eventId: string, back: string) => ({ url: '/webhooks/trigger', body: JSON.stringify({ template: 'github.push', target_url: back, signing: 'unsigned' }) })],
  ])('passes its Via on in a %s a forward asks for, so a forward URL pointing at that operation cannot loop through it', async (kind, operation) => {
    const clientId = `relay-${kind.replace(' ', '-')}`;
    const seed = await postWebhook(receiver.url, 'relay-seed', '{"n":"seed"}');
    const { url, body } = operation(seed.json.event_id, `${receiver.url}/webhooks/${clientId}`);
    await putJson(`${receiver.url}/webhooks/clients/${clientId}`, { forward_url: `${receiver.url}${url}` });
    try {
      const { json } = await postWebhook(receiver.url, clientId, body);
      expect(await settledForward(json.event_id)).toMatchObject({ state: 'delivered', response: { status: 200 } });
      const list = await getJson<Schemas['EventList']>(`${receiver.url}/webhooks/events?client_id=${clientId}`);
      expect(list.total).toBe(2);
      const [returned] = list.events;
      expect(returned.raw_headers).toContainEqual(['Via', expect.stringMatching(/^1\.1 standin-/)]);
      expect((await eventDetail(returned.event_id)).forwards).toEqual([]);
    } finally {
      await putJson(`${receiver.url}/webhooks/clients/${clientId}`, {});
    }
  });

  it('refuses a forward URL that is neither loopback nor allowed, as replays do', async () => {
    const { status, json } = await putJson(`${receiver.url}/webhooks/clients/elsewhere`, { forward_url: 'http://example.com/hook' });
    expect(status).toBe(403);
    expect(json.detail).toMatch(/WEBHOOK_REPLAY_ALLOW/);
  });
});

describe('the default forward target, set while running', () => {
  const defaultUrl = () => `${receiver.url}/webhooks/forwards/default`;
  afterEach(() => putJson(defaultUrl(), { forward_to: null }));

  it('forwards deliveries of clients without a forward_url there until set back to null', async () => {
    const app = await startRawTarget();
    try {
      expect(await putJson(defaultUrl(), { forward_to: `${app.url}/all` })).toMatchObject({ status: 200, json: { forward_to: `${app.url}/all` } });
      const forwarded = await postWebhook(receiver.url, 'no-own-url', '{"n":1}');
      expect(await settledForward(forwarded.json.event_id)).toMatchObject({ state: 'delivered', target_url: `${app.url}/all` });

      expect(await putJson(defaultUrl(), { forward_to: null })).toMatchObject({ status: 200, json: { forward_to: null } });
      const kept = await postWebhook(receiver.url, 'no-own-url', '{"n":2}');
      expect((await eventDetail(kept.json.event_id)).forwards).toEqual([]);
      expect(await getJson<Schemas['DefaultForward']>(defaultUrl())).toEqual({ forward_to: null });
    } finally {
      await app.close();
    }
  });

  it('takes only allowed targets, and no web page may set it', async () => {
    expect((await putJson(defaultUrl(), { forward_to: 'http://example.com/hook' })).status).toBe(403);
    expect((await putJson(defaultUrl(), { forward_to: 'ftp://127.0.0.1/hook' })).status).toBe(400);
    const fromPage = await fetch(defaultUrl(), {
      method: 'PUT', headers: { 'content-type': 'application/json', origin: 'http://evil.example' }, body: JSON.stringify({ forward_to: 'http://127.0.0.1:5000/hook' }),
    });
    expect(fromPage.status).toBe(403);
    expect(await getJson<Schemas['DefaultForward']>(defaultUrl())).toEqual({ forward_to: null });
  });
});

describe('forwarding across a restart', () => {
  it('resumes a pending forward when the receiver starts again', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'forward-restart-'));
    const app = await startRawTarget();
    const appUrl = app.url;
    const appPort = app.port;
    await app.close();
    // The retry waits 2 s: the first attempt, counted as it is sent, stays the only one until the close.
    const env = { WEBHOOK_FORWARD_TO: `${appUrl}/resumed`, WEBHOOK_FORWARD_RETRY_BASE_MS: '2000' };
    try {
      const first = await startServer('webhooks', { env, dataDir });
      const { json } = await postWebhook(first.url, 'restart', '{"n":3}');
      await eventually(async () => ((await getJson<Schemas['EventDetail']>(`${first.url}/webhooks/events/${json.event_id}`)).forwards[0]?.attempts === 1));
      await first.close();

      const back = await startRawTarget(undefined, appPort);
      try {
        const second = await startServer('webhooks', { env, dataDir });
        try {
          const forward = await eventually(async () => {
            const [item] = (await getJson<Schemas['EventDetail']>(`${second.url}/webhooks/events/${json.event_id}`)).forwards;
            return item.state === 'delivered' ? item : undefined;
          });
          expect(forward.attempts).toBe(2);
          expect(back.received[0]).toMatchObject({ path: '/resumed' });
        } finally {
          await second.close();
        }
      } finally {
        await back.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
