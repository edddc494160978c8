import { createHash, createHmac } from 'node:crypto';
import { DeliveryRejectedError } from '../../../src/webhooks/errors';
import type { FeedMessage } from '../../../src/webhooks/event-feed';
import { octokitSignature, standardWebhooksHeaders, stripeSignatureHeader } from './reference-signers';
import { DEFAULT_SECRET, delivery, memoryReceiver } from './receiver-fixture';

const BODY = '{"event_type":"image.processed","image_id":"img_1"}';
const seedSignature = (body: string, secret = DEFAULT_SECRET) => createHmac('sha256', secret).update(body).digest('hex');

async function rejectionOf(receiving: Promise<unknown>): Promise<DeliveryRejectedError> {
  try {
    await receiving;
  } catch (error) {
    if (error instanceof DeliveryRejectedError) return error;
    throw error;
  }
  throw new Error('the delivery was not rejected');
}

describe('receiving a delivery', () => {
  it('stores the raw bytes, the headers as sent and the verdict, and answers 200', async () => {
    const { receiver } = memoryReceiver();
    const receipt = await receiver.receive(delivery('client-123', BODY, { 'X-Webhook-Signature': seedSignature(BODY) }));
    expect(receipt).toMatchObject({ status: 200, duplicate: false, delayMs: 0 });
    const stored = receiver.events.get(receipt.event.eventId);
    expect(stored.body.toString()).toBe(BODY);
    expect(stored.headers).toContainEqual(['X-Webhook-Signature', seedSignature(BODY)]);
    expect(stored).toMatchObject({ clientId: 'client-123', eventType: 'image.processed', outcome: 'accepted', signature: { scheme: 'x-webhook-signature', status: 'valid' } });
  });

  it('keeps a non-JSON body byte for byte', async () => {
    const { receiver } = memoryReceiver();
    const binary = Buffer.from([0, 255, 1, 254, 10, 13]);
    const { event } = await receiver.receive(delivery('bin', binary, { 'Content-Type': 'application/octet-stream' }));
    expect(receiver.events.get(event.eventId).body.equals(binary)).toBe(true);
    expect(event.eventType).toBe('unknown');
  });

  it('stores an unsigned delivery as unverified by default', async () => {
    const { receiver } = memoryReceiver();
    const { event, status } = await receiver.receive(delivery('c', BODY));
    expect(status).toBe(200);
    expect(event.signature).toMatchObject({ scheme: null, status: 'missing' });
  });

  it('rejects an unsigned delivery when signatures are required, and records it', async () => {
    const { receiver } = memoryReceiver({ requireSignature: true });
    const rejected = await rejectionOf(receiver.receive(delivery('c', BODY)));
    expect(rejected.verdict.reason).toMatch(/no signature header .* requires a signature/);
    expect(receiver.events.get(rejected.eventId)).toMatchObject({ outcome: 'rejected', responseStatus: 401, signature: { status: 'missing' } });
  });

  it('records a tampered delivery as rejected with the received signature, never the one it computed', async () => {
    const { receiver } = memoryReceiver();
    const tampered = BODY.replace('img_1', 'img_2');
    const rejected = await rejectionOf(receiver.receive(delivery('c', tampered, { 'X-Webhook-Signature': seedSignature(BODY) })));
    const stored = receiver.events.get(rejected.eventId);
    expect(stored.outcome).toBe('rejected');
    expect(stored.signature).toMatchObject({ received: seedSignature(BODY), signed: { template: '{body}' }, secret: { source: 'global' }, diagnosis: null });
    expect(JSON.stringify(stored.signature)).not.toContain(seedSignature(tampered));
  });

  it("names the client's own secret in the verdict, by fingerprint", async () => {
    const { receiver, clock } = memoryReceiver();
    receiver.clients.put('own', { secret: 'client-secret' }, clock.now);
    const { event } = await receiver.receive(delivery('own', BODY, { 'X-Webhook-Signature': seedSignature(BODY, 'client-secret') }));
    expect(event.signature.secret).toEqual({ source: 'client', sha256_prefix: createHash('sha256').update('client-secret').digest('hex').slice(0, 8) });
  });

  it('takes no event type longer than the 200 characters the spec allows, and falls back to the next source', async () => {
    const { receiver } = memoryReceiver();
    const long = 't'.repeat(201);
    expect((await receiver.receive(delivery('c', JSON.stringify({ event_type: long, type: 'invoice.paid' })))).event.eventType).toBe('invoice.paid');
    expect((await receiver.receive(delivery('c', JSON.stringify({ type: long }), { 'X-GitHub-Event': 'push' }))).event.eventType).toBe('push');
    expect((await receiver.receive(delivery('c', JSON.stringify({ type: long })))).event.eventType).toBe('unknown');
  });

  it("takes a Shopify delivery's type from X-Shopify-Topic, as its body is the resource alone", async () => {
    const { receiver } = memoryReceiver();
    const order = JSON.stringify({ id: 820982911946154500, email: 'jon@example.com', total_price: '254.98' });
    const { event } = await receiver.receive(delivery('shop', order, { 'X-Shopify-Topic': 'orders/create', 'X-Shopify-Shop-Domain': 'example.myshopify.com' }));
    expect(event.eventType).toBe('orders/create');
  });

  it('announces each stored event on the feed', async () => {
    const { receiver } = memoryReceiver();
    const seen: FeedMessage[] = [];
    receiver.feed.subscribe((message) => seen.push(message));
    const { event } = await receiver.receive(delivery('c', BODY));
    expect(seen).toEqual([{ type: 'event', event }]);
  });
});

describe('retries of the same Standard Webhooks message', () => {
  const WHSEC = `whsec_${Buffer.from('a standard webhooks key').toString('base64')}`;

  it('records a repeated webhook-id once and counts the retry', async () => {
    const { receiver, clock } = memoryReceiver({ secret: WHSEC });
    const headers = standardWebhooksHeaders(WHSEC, BODY, { id: 'msg_1', at: new Date(clock.now) });
    const first = await receiver.receive(delivery('c', BODY, headers));
    clock.now += 1000;
    const retry = await receiver.receive(delivery('c', BODY, headers));
    expect(retry).toMatchObject({ duplicate: true, status: 200 });
    expect(retry.event.eventId).toBe(first.event.eventId);
    expect(receiver.events.list({}, { limit: 10, offset: 0 }).total).toBe(1);
    expect(receiver.events.get(first.event.eventId)).toMatchObject({ duplicates: 1, lastDuplicateAt: clock.now });
  });

  it('stores a message once when two copies arrive at the same time', async () => {
    const { receiver, clock } = memoryReceiver({ secret: WHSEC });
    const headers = standardWebhooksHeaders(WHSEC, BODY, { id: 'msg_twice', at: new Date(clock.now) });
    const [first, second] = await Promise.all([receiver.receive(delivery('c', BODY, headers)), receiver.receive(delivery('c', BODY, headers))]);
    expect([first.duplicate, second.duplicate]).toEqual([false, true]);
    expect(second.event.eventId).toBe(first.event.eventId);
    expect(receiver.events.list({}, { limit: 10, offset: 0 }).total).toBe(1);
  });

  it('treats the same id from another client as a different message', async () => {
    const { receiver, clock } = memoryReceiver({ secret: WHSEC });
    const headers = standardWebhooksHeaders(WHSEC, BODY, { id: 'msg_1', at: new Date(clock.now) });
    await receiver.receive(delivery('a', BODY, headers));
    expect((await receiver.receive(delivery('b', BODY, headers))).duplicate).toBe(false);
  });

  it('stores a retry after an injected failure as a new attempt', async () => {
    const { receiver, clock } = memoryReceiver({ secret: WHSEC });
    receiver.clients.put('c', { response: { failureRate: 1 } }, clock.now);
    const headers = standardWebhooksHeaders(WHSEC, BODY, { id: 'msg_1', at: new Date(clock.now) });
    expect(await receiver.receive(delivery('c', BODY, headers))).toMatchObject({ status: 500, event: { outcome: 'failed' } });
    receiver.clients.put('c', {}, clock.now);
    expect(await receiver.receive(delivery('c', BODY, headers))).toMatchObject({ status: 200, duplicate: false, event: { outcome: 'accepted' } });
  });
});

describe('message ids that no signature vouches for', () => {
  const WHSEC = `whsec_${Buffer.from('a standard webhooks key').toString('base64')}`;

  // GitHub signs the body alone and Stripe `t.body`: a webhook-id beside either is anyone's to write.
  const signedWithoutId: Array<[string, (body: string) => Record<string, string>]> = [
    ['GitHub', (body) => ({ 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': octokitSignature(WHSEC, body) })],
    ['Stripe', (body) => ({ 'Stripe-Signature': stripeSignatureHeader(WHSEC, body, Math.floor(Date.UTC(2025, 0, 1, 12) / 1000)) })],
  ];

  it.each(signedWithoutId)('never lets a delivery verified with %s, whose signature covers no id, make the genuine message with its webhook-id a duplicate', async (_scheme, sign) => {
    const { receiver, clock } = memoryReceiver({ secret: WHSEC });
    const forgedBody = '{"forged":true}';
    const forged = await receiver.receive(delivery('c', forgedBody, { ...sign(forgedBody), 'webhook-id': 'msg_5' }));
    expect(forged).toMatchObject({ duplicate: false, event: { signature: { status: 'valid' }, deliveryId: 'msg_5' } });
    // Sent again, it is no retry either: nothing vouches that the id is the sender's.
    expect(await receiver.receive(delivery('c', forgedBody, { ...sign(forgedBody), 'webhook-id': 'msg_5' }))).toMatchObject({ duplicate: false });
    const headers = standardWebhooksHeaders(WHSEC, BODY, { id: 'msg_5', at: new Date(clock.now) });
    const genuine = await receiver.receive(delivery('c', BODY, headers));
    expect(genuine).toMatchObject({ duplicate: false, status: 200, event: { signature: { scheme: 'standard-webhooks', status: 'valid' }, deliveryId: 'msg_5' } });
    expect(receiver.events.get(genuine.event.eventId).body.toString()).toBe(BODY);
    expect(await receiver.receive(delivery('c', BODY, headers))).toMatchObject({ duplicate: true, event: { eventId: genuine.event.eventId } });
    expect(receiver.events.get(forged.event.eventId).duplicates).toBe(0);
  });

  it('takes the id a Svix signature covers (svix-id), never a webhook-id sent beside it', async () => {
    const { receiver, clock } = memoryReceiver({ secret: WHSEC });
    const standard = standardWebhooksHeaders(WHSEC, BODY, { id: 'msg_svix', at: new Date(clock.now) });
    const svix = { 'svix-id': standard['webhook-id'], 'svix-timestamp': standard['webhook-timestamp'], 'svix-signature': standard['webhook-signature'], 'webhook-id': 'msg_other' };
    const first = await receiver.receive(delivery('c', BODY, svix));
    expect(first).toMatchObject({ duplicate: false, event: { signature: { status: 'valid' }, deliveryId: 'msg_svix' } });
    expect(await receiver.receive(delivery('c', BODY, svix))).toMatchObject({ duplicate: true, event: { eventId: first.event.eventId } });
    const other = await receiver.receive(delivery('c', BODY, standardWebhooksHeaders(WHSEC, BODY, { id: 'msg_other', at: new Date(clock.now) })));
    expect(other).toMatchObject({ duplicate: false, event: { deliveryId: 'msg_other' } });
  });

  it('never lets an unsigned delivery carrying a webhook-id make the later, signed message a duplicate', async () => {
    const { receiver, clock } = memoryReceiver({ secret: WHSEC });
    const unsigned = await receiver.receive(delivery('c', '{"forged":true}', { 'webhook-id': 'msg_1' }));
    expect(unsigned).toMatchObject({ duplicate: false, event: { signature: { status: 'missing' }, deliveryId: 'msg_1' } });
    const headers = standardWebhooksHeaders(WHSEC, BODY, { id: 'msg_1', at: new Date(clock.now) });
    const signed = await receiver.receive(delivery('c', BODY, headers));
    expect(signed).toMatchObject({ duplicate: false, status: 200, event: { signature: { status: 'valid' } } });
    expect(receiver.events.get(signed.event.eventId).body.toString()).toBe(BODY);
    const retry = await receiver.receive(delivery('c', BODY, headers));
    expect(retry).toMatchObject({ duplicate: true, event: { eventId: signed.event.eventId } });
    expect(receiver.events.get(unsigned.event.eventId).duplicates).toBe(0);
  });

  it('never lets a badly signed delivery make the later, signed message a duplicate', async () => {
    const { receiver, clock } = memoryReceiver({ secret: WHSEC });
    const headers = standardWebhooksHeaders(WHSEC, BODY, { id: 'msg_2', at: new Date(clock.now) });
    await expect(receiver.receive(delivery('c', '{"forged":true}', headers))).rejects.toThrow(DeliveryRejectedError);
    expect(await receiver.receive(delivery('c', BODY, headers))).toMatchObject({ duplicate: false, event: { signature: { status: 'valid' } } });
  });

  it('stores the signed message when an unsigned copy of its id arrives at the same time', async () => {
    const { receiver, clock } = memoryReceiver({ secret: WHSEC });
    const headers = standardWebhooksHeaders(WHSEC, BODY, { id: 'msg_3', at: new Date(clock.now) });
    const [unsigned, signed] = await Promise.all([
      receiver.receive(delivery('c', '{"forged":true}', { 'webhook-id': 'msg_3' })),
      receiver.receive(delivery('c', BODY, headers)),
    ]);
    expect([unsigned.duplicate, signed.duplicate]).toEqual([false, false]);
    expect(receiver.events.get(signed.event.eventId).signature.status).toBe('valid');
  });

  it('does not count an unsigned delivery reusing a verified message id as its retry', async () => {
    const { receiver, clock } = memoryReceiver({ secret: WHSEC });
    const headers = standardWebhooksHeaders(WHSEC, BODY, { id: 'msg_4', at: new Date(clock.now) });
    const signed = await receiver.receive(delivery('c', BODY, headers));
    const unsigned = await receiver.receive(delivery('c', '{"forged":true}', { 'webhook-id': 'msg_4' }));
    expect(unsigned).toMatchObject({ duplicate: false, event: { signature: { status: 'missing' } } });
    expect(unsigned.event.eventId).not.toBe(signed.event.eventId);
    expect(receiver.events.get(signed.event.eventId).duplicates).toBe(0);
    expect(receiver.events.list({}, { limit: 10, offset: 0 }).total).toBe(2);
  });
});

describe('per-client settings', () => {
  it('verifies a client with its own secret, and no longer accepts the global one', async () => {
    const { receiver, clock } = memoryReceiver();
    receiver.clients.put('own', { secret: 'client-secret' }, clock.now);
    expect((await receiver.receive(delivery('own', BODY, { 'X-Webhook-Signature': seedSignature(BODY, 'client-secret') }))).event.signature.status).toBe('valid');
    await expect(receiver.receive(delivery('own', BODY, { 'X-Webhook-Signature': seedSignature(BODY) }))).rejects.toThrow(DeliveryRejectedError);
  });

  it('answers with the configured status and delay', async () => {
    const { receiver, clock } = memoryReceiver();
    receiver.clients.put('slow', { response: { status: 202, delayMs: 1500 } }, clock.now);
    expect(await receiver.receive(delivery('slow', BODY))).toMatchObject({ status: 202, delayMs: 1500, event: { outcome: 'accepted', responseStatus: 202 } });
  });

  it('fails the share of deliveries the failure rate picks', async () => {
    const draws = [0.1, 0.9];
    const { receiver, clock } = memoryReceiver({}, { random: () => draws.shift() as number });
    receiver.clients.put('flaky', { response: { failureRate: 0.5 } }, clock.now);
    expect((await receiver.receive(delivery('flaky', BODY))).status).toBe(500);
    expect((await receiver.receive(delivery('flaky', BODY))).status).toBe(200);
  });

  it('requires a signature for one client only', async () => {
    const { receiver, clock } = memoryReceiver();
    receiver.clients.put('strict', { requireSignature: true }, clock.now);
    await expect(receiver.receive(delivery('strict', BODY))).rejects.toThrow(DeliveryRejectedError);
    expect((await receiver.receive(delivery('lenient', BODY))).status).toBe(200);
  });

  it('refuses settings it cannot honour', async () => {
    const { receiver, clock } = memoryReceiver();
    expect(() => receiver.clients.put('c', { response: { failureRate: 2 } }, clock.now)).toThrow(/failure_rate/);
    expect(() => receiver.clients.put('c', { response: { status: 99 } }, clock.now)).toThrow(/status/);
  });
});
