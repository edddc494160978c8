import type { RunningServer } from '../../../src/kit';
import { standardWebhooksHeaders, stripeSignatureHeader, verifyWithStandardWebhooks, verifyWithStripe } from '../../unit/webhooks/reference-signers';
import { startServer } from '../../support/standin-harness';
import { getJson, postWebhook, putJson, seedSignature, type Schemas } from './receiver-requests';
import { startRecordingTarget } from './recording-target';

const WHSEC = `whsec_${Buffer.from('replay test key').toString('base64')}`;
const STRIPE_SECRET = 'whsec_stripe_replay';
const BODY = '{"type":"invoice.paid","amount":4200}';

let receiver: RunningServer;
beforeAll(async () => {
  receiver = await startServer('webhooks', { env: { WEBHOOK_REPLAY_TIMEOUT_MS: '300' } });
  await putJson(`${receiver.url}/webhooks/clients/billing`, { scheme: 'standard-webhooks', secret: WHSEC });
  await putJson(`${receiver.url}/webhooks/clients/payments`, { scheme: 'stripe', secret: STRIPE_SECRET });
});
afterAll(() => receiver.close());

const replay = (eventId: string, target: string, extra = '') =>
  fetch(`${receiver.url}/webhooks/replay/${eventId}?target_url=${encodeURIComponent(target)}${extra}`, { method: 'POST' });

async function storedEvent(clientId: string, headers: Record<string, string> = {}): Promise<string> {
  const { status, json } = await postWebhook(receiver.url, clientId, BODY, headers);
  expect(status).toBe(200);
  return json.event_id;
}

/** An event verified with WEBHOOK_SECRET (the seed's X-Webhook-Signature), which replays re-sign. */
const verifiedEvent = (clientId: string) => storedEvent(clientId, { 'X-Webhook-Signature': seedSignature(BODY) });

describe('replaying an event', () => {
  it("re-signs with the client's Standard Webhooks secret so the standardwebhooks library verifies it, keeping webhook-id", async () => {
    const eventId = await storedEvent('billing', standardWebhooksHeaders(WHSEC, BODY, { id: 'msg_original' }));
    const target = await startRecordingTarget((request) => {
      try {
        verifyWithStandardWebhooks(WHSEC, request.body, request.headers as Record<string, string>);
        return { status: 200, body: '{"verified":true}' };
      } catch (error) {
        return { status: 401, body: (error as Error).message };
      }
    });
    try {
      const response = await replay(eventId, `${target.url}/hooks`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'replayed', event_id: eventId, response_status: 200, response_body: '{"verified":true}', scheme: 'standard-webhooks' });
      expect(target.received[0]).toMatchObject({ path: '/hooks', body: BODY, headers: { 'webhook-id': 'msg_original', 'x-standin-replay-of': eventId } });
    } finally {
      await target.close();
    }
  });

  it("re-signs a Stripe client's event so Stripe's library verifies it", async () => {
    const eventId = await storedEvent('payments', { 'Stripe-Signature': stripeSignatureHeader(STRIPE_SECRET, BODY) });
    const target = await startRecordingTarget((request) => {
      try {
        verifyWithStripe(STRIPE_SECRET, request.body, String(request.headers['stripe-signature']));
        return { status: 200, body: 'verified' };
      } catch {
        return { status: 400, body: 'bad signature' };
      }
    });
    try {
      expect(await (await replay(eventId, target.url)).json()).toMatchObject({ response_status: 200, scheme: 'stripe' });
    } finally {
      await target.close();
    }
  });

  it("re-signs a seed-signed original with X-Webhook-Signature, which another receiver verifies", async () => {
    const eventId = await verifiedEvent('plain');
    const other = await startServer('webhooks');
    try {
      const result = await (await replay(eventId, `${other.url}/webhooks/replayed`)).json();
      expect(result).toMatchObject({ response_status: 200, scheme: 'x-webhook-signature' });
      const copy = (await getJson<Schemas['EventList']>(`${other.url}/webhooks/events?client_id=replayed`)).events[0];
      expect(copy).toMatchObject({ body: BODY, signature_verified: true, signature: { scheme: 'x-webhook-signature', status: 'valid' } });
      expect(copy.headers['x-webhook-signature']).toBe(seedSignature(BODY));
    } finally {
      await other.close();
    }
  });

  it('refuses to sign an unverified event (409), sending nothing: replay signs for no one', async () => {
    const unsigned = await storedEvent('plain');
    const badlySigned = (await postWebhook(receiver.url, 'plain', BODY, { 'X-Webhook-Signature': seedSignature('{"other":1}') })).json.event_id;
    const target = await startRecordingTarget();
    try {
      for (const eventId of [unsigned, badlySigned]) {
        const response = await replay(eventId, target.url);
        expect(response.status).toBe(409);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(await response.json()).toMatchObject({ title: 'Replay cannot be signed', detail: expect.stringContaining('include_signature=false') });
      }
      expect(target.received).toHaveLength(0);
    } finally {
      await target.close();
    }
  });

  it("refuses to sign an event once its client's secret is no longer the one it was verified with", async () => {
    await putJson(`${receiver.url}/webhooks/clients/own-secret`, { secret: 'a secret the sender chose' });
    const eventId = await storedEvent('own-secret', { 'X-Webhook-Signature': seedSignature(BODY, 'a secret the sender chose') });
    expect((await fetch(`${receiver.url}/webhooks/clients/own-secret`, { method: 'DELETE' })).status).toBe(204);
    const target = await startRecordingTarget();
    try {
      const response = await replay(eventId, target.url);
      expect(response.status).toBe(409);
      expect((await response.json()).detail).toMatch(/secret of client own-secret is not the one event .* was verified with/);
      expect(target.received).toHaveLength(0);
    } finally {
      await target.close();
    }
  });

  it('sends no signature when include_signature=false', async () => {
    const eventId = await storedEvent('plain');
    const target = await startRecordingTarget();
    try {
      expect(await (await replay(eventId, target.url, '&include_signature=false')).json()).toMatchObject({ scheme: null });
      expect(target.received[0].headers['x-webhook-signature']).toBeUndefined();
    } finally {
      await target.close();
    }
  });

  it('records every attempt on the event', async () => {
    const eventId = await verifiedEvent('plain');
    const target = await startRecordingTarget(() => ({ status: 500, body: 'x'.repeat(2000) }));
    try {
      await replay(eventId, target.url);
      const detail = await getJson<Schemas['EventDetail']>(`${receiver.url}/webhooks/events/${eventId}`);
      expect(detail.replays).toHaveLength(1);
      expect(detail.replays[0]).toMatchObject({ target_url: target.url, response_status: 500, error: null });
      expect(detail.replays[0].response_excerpt).toHaveLength(500);
      expect(detail.replays[0].latency_ms).toBeGreaterThanOrEqual(0);
    } finally {
      await target.close();
    }
  });
});

describe('where replays may go', () => {
  it('refuses a host that is neither loopback nor allowed, without sending anything', async () => {
    const eventId = await storedEvent('plain');
    const response = await replay(eventId, 'http://example.com/webhook');
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ title: 'Replay target not allowed' });
  });

  it('reaches a name under localhost on this machine whatever DNS says of it (RFC 6761), as browsers do', async () => {
    const eventId = await storedEvent('plain');
    const target = await startRecordingTarget();
    try {
      const named = target.url.replace('127.0.0.1', 'my-app.localhost');
      expect(await (await replay(eventId, named, '&include_signature=false')).json()).toMatchObject({ response_status: 200 });
      expect(target.received).toHaveLength(1);
      expect(target.received[0].headers.host).toBe(new URL(named).host);
    } finally {
      await target.close();
    }
  });

  it('refuses non-http targets', async () => {
    const eventId = await storedEvent('plain');
    expect((await replay(eventId, 'file:///etc/passwd')).status).toBe(400);
  });

  it('answers 404 for an unknown event', async () => {
    expect((await replay('evt_missing', 'http://127.0.0.1:9/')).status).toBe(404);
  });

  it('follows a 307 on the same host but not a redirect to another host', async () => {
    const elsewhere = await startRecordingTarget();
    const target = await startRecordingTarget((request) =>
      request.path === '/moved' ? { status: 307, headers: { location: '/here' } }
        : request.path === '/away' ? { status: 307, headers: { location: `http://localhost:${elsewhere.port}/` } }
          : { status: 200, body: 'landed' });
    try {
      const eventId = await verifiedEvent('plain');
      expect(await (await replay(eventId, `${target.url}/moved`)).json()).toMatchObject({ response_status: 200, response_body: 'landed' });
      expect(target.received.map((request) => request.path)).toEqual(['/moved', '/here']);
      expect(await (await replay(eventId, `${target.url}/away`)).json()).toMatchObject({ response_status: 307 });
      expect(elsewhere.received).toHaveLength(0);
    } finally {
      await target.close();
      await elsewhere.close();
    }
  });

  it('answers a 307 whose Location is no URL as the target answered it, following nothing', async () => {
    const target = await startRecordingTarget((request) =>
      request.path === '/broken' ? { status: 307, headers: { location: 'http://[nowhere' } } : { status: 200, body: 'landed' });
    try {
      const eventId = await verifiedEvent('plain');
      const answer = await replay(eventId, `${target.url}/broken`);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ response_status: 307 });
      expect(target.received.map((request) => request.path)).toEqual(['/broken']);
      const detail = await getJson<Schemas['EventDetail']>(`${receiver.url}/webhooks/events/${eventId}`);
      expect(detail.replays.map((attempt) => attempt.response_status)).toEqual([307]);
    } finally {
      await target.close();
    }
  });

  it('answers 502 when the target cannot be reached and 504 when it does not answer in time, recording both', async () => {
    const eventId = await verifiedEvent('plain');
    const silent = await startRecordingTarget(() => null);
    const closed = await startRecordingTarget();
    await closed.close();
    try {
      const unreachable = await replay(eventId, closed.url);
      expect(unreachable.status).toBe(502);
      expect(await unreachable.json()).toMatchObject({ title: 'Replay failed', detail: expect.stringMatching(/ECONNREFUSED/) });
      const timedOut = await replay(eventId, silent.url);
      expect(timedOut.status).toBe(504);
      const detail = await getJson<Schemas['EventDetail']>(`${receiver.url}/webhooks/events/${eventId}`);
      expect(detail.replays.map((attempt) => attempt.error)).toEqual(['no answer within 300 ms', expect.stringMatching(/ECONNREFUSED/)]);
    } finally {
      await silent.close();
    }
  });
});
