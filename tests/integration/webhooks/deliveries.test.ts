import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { RunningServer } from '../../../src/kit';
import { DOT_SEGMENTS, RESERVED_CLIENT_IDS } from '../../../src/webhooks/client-id';
import {
  SEED_SNIPPET_BODY,
  octokitSignature,
  seedSnippetSignature,
  standardWebhooksHeaders,
  stripeSignatureHeader,
} from '../../unit/webhooks/reference-signers';
import { startServer } from '../../support/standin-harness';
import { rawExchange, sameConnection } from '../s3/raw-http';
import { DEFAULT_SECRET, getJson, postWebhook, putJson, seedSignature, type Schemas } from './receiver-requests';

const WHSEC = `whsec_${Buffer.from('standard webhooks key for tests').toString('base64')}`;
const STRIPE_SECRET = 'whsec_stripe_secret_as_written';
const BODY = '{"event_type":"image.processed","image_id":"uuid-123","job_id":"uuid-456","status":"completed"}';

let receiver: RunningServer;
beforeAll(async () => {
  receiver = await startServer('webhooks');
});
afterAll(() => receiver.close());

const event = (eventId: string) => getJson<Schemas['EventDetail']>(`${receiver.url}/webhooks/events/${eventId}`);

describe("the seed's examples", () => {
  it('stores the README curl example (unsigned) and answers with the event id', async () => {
    const { status, json, headers } = await postWebhook(receiver.url, 'test-client', '{"event_type":"test","data":"hello"}');
    expect(status).toBe(200);
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(json).toMatchObject({ status: 'received', signature_verified: false, signature: { status: 'missing' } });
    const stored = await event(json.event_id);
    expect(stored).toMatchObject({ client_id: 'test-client', event_type: 'test', payload: { event_type: 'test', data: 'hello' }, signature_verified: false });
  });

  it("verifies the signature computed by the seed's Python snippet on the json.dumps bytes", async () => {
    const { status, json } = await postWebhook(receiver.url, 'client-123', SEED_SNIPPET_BODY, { 'X-Webhook-Signature': seedSnippetSignature() });
    expect(status).toBe(200);
    expect(json.signature_verified).toBe(true);
    expect((await event(json.event_id)).body).toBe(SEED_SNIPPET_BODY);
  });
});

describe('signatures made by each scheme’s own library', () => {
  it('accepts GitHub deliveries signed by @octokit/webhooks-methods', async () => {
    const { json } = await postWebhook(receiver.url, 'github', BODY, { 'X-Hub-Signature-256': octokitSignature(DEFAULT_SECRET, BODY), 'X-GitHub-Event': 'push' });
    expect(json.signature).toMatchObject({ scheme: 'github', status: 'valid' });
  });

  it('accepts Standard Webhooks deliveries signed by the standardwebhooks library', async () => {
    await putJson(`${receiver.url}/webhooks/clients/standard`, { secret: WHSEC });
    const { json } = await postWebhook(receiver.url, 'standard', BODY, standardWebhooksHeaders(WHSEC, BODY));
    expect(json.signature).toMatchObject({ scheme: 'standard-webhooks', status: 'valid' });
  });

  it('accepts Stripe deliveries signed by stripe.webhooks.generateTestHeaderString', async () => {
    await putJson(`${receiver.url}/webhooks/clients/stripe`, { scheme: 'stripe', secret: STRIPE_SECRET });
    const { json } = await postWebhook(receiver.url, 'stripe', BODY, { 'Stripe-Signature': stripeSignatureHeader(STRIPE_SECRET, BODY) });
    expect(json.signature).toMatchObject({ scheme: 'stripe', status: 'valid' });
  });
});

describe('rejected deliveries', () => {
  it('answers a tampered body 401 problem+json saying why, and records what explains it but no signature of its own', async () => {
    const tampered = BODY.replace('completed', 'failed');
    const { status, contentType, json } = await postWebhook(receiver.url, 'client-123', tampered, { 'X-Webhook-Signature': seedSignature(BODY) });
    expect(status).toBe(401);
    expect(contentType).toMatch(/^application\/problem\+json/);
    expect(json).toMatchObject({ title: 'Invalid signature', status: 401, scheme: 'x-webhook-signature', signature_status: 'invalid', diagnosis: null });
    expect(json.detail).toMatch(/does not match the HMAC-SHA256 of the body/);
    const stored = await event(json.event_id);
    expect(stored).toMatchObject({ outcome: 'rejected', response_status: 401, body: tampered });
    expect(stored.signature).toEqual({
      scheme: 'x-webhook-signature',
      status: 'invalid',
      reason: json.detail,
      received: seedSignature(BODY),
      signed: { template: '{body}', parts: [{ name: 'body', bytes: tampered.length }], bytes: tampered.length },
      secret: { source: 'global', sha256_prefix: createHash('sha256').update(DEFAULT_SECRET).digest('hex').slice(0, 8) },
      diagnosis: null,
    });
  });

  it('puts the likely mistake in the 401 answer and on the event', async () => {
    const pretty = JSON.stringify(JSON.parse(BODY), null, 2);
    const { status, json } = await postWebhook(receiver.url, 'client-123', pretty, { 'X-Webhook-Signature': seedSignature(BODY) });
    expect(status).toBe(401);
    expect(json.diagnosis).toMatchObject({ cause: 'body_reserialised', detail: expect.stringContaining('compact JSON') });
    expect((await event(json.event_id)).signature.diagnosis).toEqual(json.diagnosis);
  });

  it('rejects a wrong secret', async () => {
    const { status } = await postWebhook(receiver.url, 'github', BODY, { 'X-Hub-Signature-256': octokitSignature('not-the-secret', BODY) });
    expect(status).toBe(401);
  });

  it('rejects a stale Standard Webhooks timestamp with the tolerance in the reason', async () => {
    const headers = standardWebhooksHeaders(WHSEC, BODY, { at: new Date(Date.now() - 10 * 60_000) });
    const { status, json } = await postWebhook(receiver.url, 'standard', BODY, headers);
    expect(status).toBe(401);
    expect(json.detail).toMatch(/^webhook-timestamp is 6\d\d s old, outside the 300 s tolerance$/);
  });

  it('names the missing header', async () => {
    const { 'webhook-timestamp': _timestamp, ...headers } = standardWebhooksHeaders(WHSEC, BODY);
    const { json } = await postWebhook(receiver.url, 'standard', BODY, headers);
    expect(json.detail).toBe('missing webhook-timestamp header');
  });

  it('shows rejected deliveries in the log', async () => {
    const list = await getJson<Schemas['EventList']>(`${receiver.url}/webhooks/events?outcome=rejected`);
    expect(list.total).toBeGreaterThanOrEqual(3);
    expect(list.events.every((item) => item.outcome === 'rejected')).toBe(true);
  });
});

describe('retries', () => {
  it('answers a repeated webhook-id 200 and records the message once', async () => {
    const headers = standardWebhooksHeaders(WHSEC, BODY, { id: 'msg_retry_1' });
    const first = await postWebhook(receiver.url, 'standard', BODY, headers);
    const retry = await postWebhook(receiver.url, 'standard', BODY, headers);
    expect(retry).toMatchObject({ status: 200, json: { event_id: first.json.event_id, duplicate: true } });
    const list = await getJson<Schemas['EventList']>(`${receiver.url}/webhooks/events?client_id=standard&q=uuid-123&outcome=accepted`);
    expect(list.events.filter((item) => item.delivery_id === 'msg_retry_1')).toHaveLength(1);
    expect((await event(first.json.event_id)).duplicates).toBe(1);
  });

  it('de-duplicates only against verified deliveries: an unsigned copy of a webhook-id, before or after, is its own event', async () => {
    await putJson(`${receiver.url}/webhooks/clients/dedupe`, { secret: WHSEC });
    const headers = standardWebhooksHeaders(WHSEC, BODY, { id: 'msg_claimed' });
    const unsignedBefore = await postWebhook(receiver.url, 'dedupe', '{"forged":true}', { 'webhook-id': 'msg_claimed' });
    const signed = await postWebhook(receiver.url, 'dedupe', BODY, headers);
    const unsignedAfter = await postWebhook(receiver.url, 'dedupe', '{"forged":true}', { 'webhook-id': 'msg_claimed' });
    expect([unsignedBefore.json.duplicate, signed.json.duplicate, unsignedAfter.json.duplicate]).toEqual([false, false, false]);
    expect(new Set([unsignedBefore.json.event_id, signed.json.event_id, unsignedAfter.json.event_id]).size).toBe(3);
    expect((await event(signed.json.event_id))).toMatchObject({ body: BODY, signature_verified: true, duplicates: 0 });
  });
});

describe('per-client settings', () => {
  it('stops accepting the global secret once a client has its own', async () => {
    expect((await postWebhook(receiver.url, 'own-secret', BODY, { 'X-Webhook-Signature': seedSignature(BODY) })).status).toBe(200);
    const put = await putJson(`${receiver.url}/webhooks/clients/own-secret`, { secret: 'client-secret' });
    expect(put).toMatchObject({ status: 200, json: { client_id: 'own-secret', secret_set: true, configured: true, scheme: 'auto' } });
    expect((await postWebhook(receiver.url, 'own-secret', BODY, { 'X-Webhook-Signature': seedSignature(BODY) })).status).toBe(401);
    expect((await postWebhook(receiver.url, 'own-secret', BODY, { 'X-Webhook-Signature': seedSignature(BODY, 'client-secret') })).status).toBe(200);
  });

  it('refuses a whsec_ secret holding no key where it would be decoded (auto, standard-webhooks, x-webhook-signature), without repeating it; Stripe takes it as written', async () => {
    for (const [secret, scheme] of [['whsec_', undefined], ['whsec_!!!', 'standard-webhooks'], ['whsec_abc', 'x-webhook-signature']] as const) {
      const { status, json } = await putJson(`${receiver.url}/webhooks/clients/no-key`, { secret, scheme });
      expect(status).toBe(400);
      expect(JSON.stringify(json)).toMatch(/secret: a whsec_ secret is whsec_ and the padded base64 of its key/);
      expect(JSON.stringify(json)).not.toContain(secret.slice('whsec_'.length) || '"whsec_"');
    }
    expect((await getJson<Schemas['ClientSettings']>(`${receiver.url}/webhooks/clients/no-key`)).configured).toBe(false);
    expect((await putJson(`${receiver.url}/webhooks/clients/no-key`, { scheme: 'stripe', secret: 'whsec_abc' })).status).toBe(200);
  });

  it('reads back what was written, and defaults for an unknown client', async () => {
    await putJson(`${receiver.url}/webhooks/clients/flaky`, { response: { status: 503, delay_ms: 50 } });
    expect(await getJson<Schemas['ClientSettings']>(`${receiver.url}/webhooks/clients/flaky`)).toMatchObject({ response: { status: 503, delay_ms: 50, failure_rate: 0 }, secret_set: false, secret_sha256_prefix: null });
    expect(await getJson<Schemas['ClientSettings']>(`${receiver.url}/webhooks/clients/never-seen`)).toMatchObject({ configured: false, scheme: 'auto', response: { status: 200 } });
    expect((await getJson<Schemas['ClientList']>(`${receiver.url}/webhooks/clients`)).clients.map((client) => client.client_id)).toContain('flaky');
  });

  it('answers with the configured status after the configured delay, and still stores the event', async () => {
    const started = Date.now();
    const { status, json } = await postWebhook(receiver.url, 'flaky', BODY);
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
    expect(status).toBe(503);
    expect(json).toMatchObject({ status: 'failed' });
    expect((await event(json.event_id)).outcome).toBe('failed');
  });

  it('answers a configured 204, 205 or 304 without content, as RFC 9110 frames them, and the connection goes on', async () => {
    for (const status of [204, 205, 304]) await putJson(`${receiver.url}/webhooks/clients/quiet-${status}`, { response: { status } });
    const delivery = (clientId: string) => `POST /webhooks/${clientId} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`;
    const answers = await sameConnection(receiver.port, [delivery('quiet-204'), delivery('quiet-205'), delivery('quiet-304'), delivery('loud')]);
    expect(answers.map(({ status, headers, body }) => [status, headers['content-length'], headers['content-type'], body])).toEqual([
      [204, undefined, undefined, ''],
      [205, '0', undefined, ''],
      [304, undefined, undefined, ''],
      [200, expect.any(String), 'application/json; charset=utf-8', expect.stringContaining('"status":"received"')],
    ]);
    const stored = await getJson<Schemas['EventList']>(`${receiver.url}/webhooks/events?client_id=quiet-205`);
    expect(stored.events).toMatchObject([{ response_status: 205, outcome: 'accepted' }]);
  });

  it('refuses settings outside their ranges with a validation problem', async () => {
    const { status, json } = await putJson(`${receiver.url}/webhooks/clients/bad`, { response: { failure_rate: 1.5 } });
    expect(status).toBe(400);
    expect(json.errors?.[0].field).toMatch(/failure_rate/);
    for (const [body, field] of [[{ secret: 5 }, 'body.secret'], [{ colour: 'red' }, 'body.colour']] as const) {
      const refused = await putJson(`${receiver.url}/webhooks/clients/bad`, body);
      expect(refused).toMatchObject({ status: 400, json: { title: 'Request validation failed', errors: [{ field }] } });
    }
    expect((await getJson<Schemas['ClientSettings']>(`${receiver.url}/webhooks/clients/bad`)).configured).toBe(false);
  });

  it('answers a JSON operation sent without any body (curl -X PUT -H "content-type: application/json" and no data), with or without its Content-Type, 400 problem naming the body, not 500', async () => {
    const operations = ['PUT /webhooks/clients/bodiless', 'PUT /webhooks/forwards/default', 'POST /webhooks/trigger', 'POST /webhooks/events/evt_none/resend'];
    const requests = operations.flatMap((operation) => [
      `${operation} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\r\n`,
      `${operation} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`,
    ]);
    const answers = await sameConnection(receiver.port, requests);
    expect(answers.map(({ status, headers }) => [status, headers['content-type']])).toEqual(requests.map(() => [400, 'application/problem+json; charset=utf-8']));
    for (const { body } of answers) expect(JSON.parse(body)).toMatchObject({ title: 'Request validation failed', errors: [{ field: 'body', message: 'is required' }] });
    expect((await getJson<Schemas['ClientSettings']>(`${receiver.url}/webhooks/clients/bodiless`)).configured).toBe(false);
  });

  it('returns a client to the defaults', async () => {
    await putJson(`${receiver.url}/webhooks/clients/reset-me`, { secret: 'x' });
    expect((await fetch(`${receiver.url}/webhooks/clients/reset-me`, { method: 'DELETE' })).status).toBe(204);
    expect((await getJson<Schemas['ClientSettings']>(`${receiver.url}/webhooks/clients/reset-me`)).configured).toBe(false);
  });
});

describe("the receiver's own paths under /webhooks/", () => {
  type Spec = { paths: Record<string, Record<string, unknown>>; components: { parameters: Record<string, { schema: { not?: { enum: string[] } } }> } };
  const HTTP_METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options'];
  const post = (path: string) => fetch(`${receiver.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY });

  it('declares in the spec exactly the client ids the receiver refuses by name', async () => {
    const spec = await getJson<Spec>(`${receiver.url}/openapi.json`);
    expect(spec.components.parameters.ClientIdPath.schema.not?.enum).toEqual([...RESERVED_CLIENT_IDS, ...DOT_SEGMENTS]);
  });

  it('answers a POST to one of its own paths 405 problem+json with the methods the spec gives that path, and stores nothing', async () => {
    const spec = await getJson<Spec>(`${receiver.url}/openapi.json`);
    const before = await getJson<Schemas['Stats']>(`${receiver.url}/webhooks/stats`);
    for (const path of ['/webhooks/events', '/webhooks/stats', '/webhooks/clients', '/webhooks/stream', '/webhooks/%65vents', '/webhooks/events?x=1']) {
      const response = await post(path);
      const declared = Object.keys(spec.paths[decodeURIComponent(path.split('?')[0])]).filter((key) => HTTP_METHODS.includes(key));
      const allowed = HTTP_METHODS.filter((method) => declared.includes(method) || (method === 'head' && declared.includes('get')));
      expect({ path, status: response.status, allow: response.headers.get('allow') }).toEqual({ path, status: 405, allow: [...allowed, 'options'].map((method) => method.toUpperCase()).join(', ') });
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({ status: 405, title: 'Method Not Allowed' });
    }
    const replay = await post('/webhooks/replay');
    expect(replay.status).toBe(404);
    expect(replay.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const after = await getJson<Schemas['Stats']>(`${receiver.url}/webhooks/stats`);
    expect(after.total_events).toBe(before.total_events);
    for (const name of RESERVED_CLIENT_IDS) expect(after.client_stats[name]).toBeUndefined();
  });

  it('names in Allow, for any method its own paths refuse, what they serve, never the POST of a delivery', async () => {
    const answers = await Promise.all(['PATCH /webhooks/events', 'PUT /webhooks/stats', 'DELETE /webhooks/stream', 'PUT /webhooks/forwards', 'GET /webhooks/orders', 'GET /webhooks/replay'].map(async (request) => {
      const [method, path] = request.split(' ');
      const response = await fetch(`${receiver.url}${path}`, { method });
      return [request, response.status, response.headers.get('allow')];
    }));
    expect(answers).toEqual([
      ['PATCH /webhooks/events', 405, 'GET, HEAD, DELETE, OPTIONS'],
      ['PUT /webhooks/stats', 405, 'GET, HEAD, OPTIONS'],
      ['DELETE /webhooks/stream', 405, 'GET, HEAD, OPTIONS'],
      ['PUT /webhooks/forwards', 405, 'GET, HEAD, OPTIONS'],
      ['GET /webhooks/orders', 405, 'POST, OPTIONS'],
      ['GET /webhooks/replay', 404, null],
    ]);
  });

  it('refuses a reserved name as a client to configure', async () => {
    for (const name of RESERVED_CLIENT_IDS) {
      const { status, json } = await putJson(`${receiver.url}/webhooks/clients/${name}`, { secret: 'x' });
      expect({ name, status }).toEqual({ name, status: 400 });
      expect(json.errors?.[0]).toEqual({ field: 'path.client_id', message: expect.stringMatching(/^must not be any of: events, stats, clients, /) });
    }
    const clients = await getJson<Schemas['ClientList']>(`${receiver.url}/webhooks/clients`);
    expect(clients.clients.map((client) => client.client_id)).not.toContain('events');
  });

  it('refuses a client id with control characters or past 200 characters', async () => {
    for (const path of ['/webhooks/a%0Ab', '/webhooks/a%00', '/webhooks/a%C2%85', `/webhooks/${'c'.repeat(201)}`]) {
      const response = await post(path);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(await response.json()).toMatchObject({ title: 'Request validation failed', errors: [{ field: 'path.client_id' }] });
    }
    expect((await putJson(`${receiver.url}/webhooks/clients/a%0Ab`, {})).status).toBe(400);
  });

  it('refuses the dot segments as client ids: URLs resolve /webhooks/clients/.. away, so none could configure it', async () => {
    // sent raw: fetch, as browsers, resolves %2E segments away before sending
    const send = (method: string, path: string) =>
      rawExchange(receiver.port, `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
    for (const [method, path] of [['POST', '/webhooks/%2E'], ['POST', '/webhooks/%2e%2E'], ['PUT', '/webhooks/clients/%2E%2E']]) {
      const [head, json] = (await send(method, path)).split('\r\n\r\n');
      expect({ path, status: head.split(' ')[1] }).toEqual({ path, status: '400' });
      expect(JSON.parse(json).errors).toEqual([expect.objectContaining({ field: 'path.client_id' })]);
    }
    expect((await post('/webhooks/..a')).status).toBe(200);
  });
});

describe('WEBHOOK_REQUIRE_SIGNATURE=true', () => {
  it('answers an unsigned delivery 401 and records it as rejected', async () => {
    const strict = await startServer('webhooks', { env: { WEBHOOK_REQUIRE_SIGNATURE: 'true' } });
    try {
      const { status, json } = await postWebhook(strict.url, 'c', BODY);
      expect(status).toBe(401);
      expect(json).toMatchObject({ title: 'Signature required', signature_status: 'missing' });
      expect((await postWebhook(strict.url, 'c', BODY, { 'X-Webhook-Signature': seedSignature(BODY) })).status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

describe('bodies', () => {
  it('keeps a non-JSON body byte for byte', async () => {
    const bytes = Buffer.from([0x00, 0xff, 0x10, 0x80, 0x0d, 0x0a, 0x7b]);
    const { json } = await postWebhook(receiver.url, 'binary', bytes, { 'content-type': 'application/octet-stream', 'X-Webhook-Signature': seedSignature(bytes) });
    expect(json.signature_verified).toBe(true);
    const stored = await event(json.event_id);
    expect(stored).toMatchObject({ body_encoding: 'base64', body: bytes.toString('base64'), body_size: 7, payload: null });
    const raw = await fetch(`${receiver.url}/webhooks/events/${json.event_id}/body`);
    expect(raw.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(Buffer.from(await raw.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('refuses a delivery in a content coding with 415, as the kit refuses any body it would not decode, and stores nothing', async () => {
    const before = (await getJson<Schemas['EventList']>(`${receiver.url}/webhooks/events?client_id=compressed`)).total;
    const refused = await postWebhook(receiver.url, 'compressed', gzipSync(BODY), { 'content-encoding': 'gzip' });
    expect(refused).toMatchObject({ status: 415, json: { title: 'Unsupported Media Type' } });
    expect(refused.contentType).toMatch(/^application\/problem\+json/);
    expect(refused.headers.get('accept-encoding')).toBe('identity');
    expect((await getJson<Schemas['EventList']>(`${receiver.url}/webhooks/events?client_id=compressed`)).total).toBe(before);
  });

  it('refuses a delivery in a transfer coding besides chunked with 501, and stores nothing', async () => {
    // The coding is only named: the receiver must refuse it before reading any body.
    const request = `POST /webhooks/transfer-coded HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n`;
    const answer = await rawExchange(receiver.port, `${request}${Buffer.byteLength(BODY).toString(16)}\r\n${BODY}\r\n0\r\n\r\n`);
    const [head, json] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 501 /);
    expect(head).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(json)).toMatchObject({ status: 501, title: 'Not Implemented' });
    expect((await getJson<Schemas['EventList']>(`${receiver.url}/webhooks/events?client_id=transfer-coded`)).total).toBe(0);
  });

  it('answers 413 problem+json past WEBHOOK_MAX_BODY, declared or chunked', async () => {
    const small = await startServer('webhooks', { env: { WEBHOOK_MAX_BODY: '1024' } });
    try {
      const declared = await postWebhook(small.url, 'big', 'x'.repeat(1025));
      expect(declared).toMatchObject({ status: 413, json: { title: 'Payload Too Large' } });
      expect(declared.contentType).toMatch(/^application\/problem\+json/);
      const chunks = new ReadableStream({
        start(controller) {
          for (let index = 0; index < 4; index += 1) controller.enqueue(new TextEncoder().encode('y'.repeat(400)));
          controller.close();
        },
      });
      const chunked = await fetch(`${small.url}/webhooks/big`, { method: 'POST', body: chunks, duplex: 'half' } as RequestInit);
      expect(chunked.status).toBe(413);
      expect((await getJson<Schemas['EventList']>(`${small.url}/webhooks/events`)).total).toBe(0);
      expect((await postWebhook(small.url, 'big', 'x'.repeat(1024))).status).toBe(200);
    } finally {
      await small.close();
    }
  });
});
