/**
 * A delivery whose body is JSON nested thousands of levels deep (a few KB of brackets) is stored
 * as it came, and neither its delivery nor any request that reads the event log fails for it:
 * the receiver does not parse such a body (src/webhooks/json-text.ts).
 */
import type { RunningServer } from '../../../src/kit';
import { startServer } from '../../support/standin-harness';
import { getJson, postWebhook, putJson, type Schemas } from './receiver-requests';

let receiver: RunningServer;
beforeAll(async () => {
  receiver = await startServer('webhooks');
});
afterAll(() => receiver.close());

const DEPTH = 5000;
const deepArray = `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`;
const deepObject = `{"event_type":"deep.event","data":${deepArray}}`;

describe('a delivery whose JSON nests thousands of levels deep', () => {
  it('is stored, and the event log still lists, shows and exports every event', async () => {
    const delivered = await postWebhook(receiver.url, 'deep-log', deepArray);
    expect(delivered.status).toBe(200);
    await postWebhook(receiver.url, 'deep-log', deepObject);

    const list = await getJson<Schemas['EventList']>(`${receiver.url}/webhooks/events?client_id=deep-log`);
    expect(list.total).toBe(2);
    expect(list.events.map((event) => event.payload)).toEqual([null, null]);
    const event = await getJson<Schemas['EventDetail']>(`${receiver.url}/webhooks/events/${delivered.json.event_id}`);
    expect(event).toMatchObject({ body: deepArray, payload: null });

    const exported = await fetch(`${receiver.url}/webhooks/events/export?client_id=deep-log`);
    expect(exported.status).toBe(200);
    expect((await exported.text()).trim().split('\n')).toHaveLength(2);
  });

  it('with a wrong signature is answered 401 and explained, not 500', async () => {
    const delivered = await postWebhook(receiver.url, 'deep-signed', deepObject, { 'x-webhook-signature': '0'.repeat(64) });
    expect(delivered.status).toBe(401);
    expect(delivered.json.event_id).toEqual(expect.any(String));
  });

  it("for a client with a recursive JSON Schema is judged invalid, not a 500", async () => {
    const nested = { anyOf: [{ type: 'array', items: { $ref: '#/$defs/nested' } }, { type: 'object', additionalProperties: { $ref: '#/$defs/nested' } }] };
    const schema = { $defs: { nested }, $ref: '#/$defs/nested' };
    expect((await putJson(`${receiver.url}/webhooks/clients/deep-schema`, { payload_schema: { json_schema: schema } })).status).toBe(200);
    const delivered = await postWebhook(receiver.url, 'deep-schema', `{"data":${'['.repeat(20_000)}${']'.repeat(20_000)}}`);
    expect(delivered.status).toBe(200);
    const event = await getJson<Schemas['EventDetail']>(`${receiver.url}/webhooks/events/${delivered.json.event_id}`);
    expect(event.payload_valid).toBe(false);
  });

  it('as a client\'s JSON Schema is refused 400, saying it nests too deeply', async () => {
    const schema = `${'{"items":'.repeat(DEPTH)}{}${'}'.repeat(DEPTH)}`;
    const response = await fetch(`${receiver.url}/webhooks/clients/deeper-schema`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: `{"payload_schema":{"json_schema":${schema}}}` });
    expect(response.status).toBe(400);
    expect((await response.json()).detail).toMatch(/nests objects and arrays too deeply/);
  });
});
