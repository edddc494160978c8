import { MAX_WAITING_CHECKS, PAYLOAD_CHECK_TIME_LIMIT_MS } from '../../../src/webhooks/payload-check-thread';
import { killChildServers, startChildServer, type ChildServer } from '../../support/child-server';
import { doublingSchema } from '../../support/slow-payload-schema';
import { getJson, postWebhook, putJson, type Schemas } from './receiver-requests';

// In a process of its own, so that this test's clock runs while the receiver's thread is busy,
// and killed after the test even if it times out.
let receiver: ChildServer;
beforeAll(async () => {
  receiver = await startChildServer('webhooks', { STORAGE: 'memory', LOG_LEVEL: 'silent' });
});
afterAll(() => killChildServers());

const detail = (eventId: string) => getJson<Schemas['EventDetail']>(`${receiver.url}/webhooks/events/${eventId}`);
const answeredAt = async <T>(request: Promise<T>) => {
  const value = await request;
  return { value, at: performance.now() };
};

describe('a payload schema whose check would take seconds', () => {
  it('is stopped at its time limit, the delivery stored and not judged, saying why, while every other request is answered', async () => {
    await putJson(`${receiver.url}/webhooks/clients/doubling`, { payload_schema: { json_schema: doublingSchema(20) } });
    // The image API's contract, read once, is read before the clock starts.
    await postWebhook(receiver.url, 'others', '{"event_type":"image.failed"}');
    const started = performance.now();
    const delivery = answeredAt(postWebhook(receiver.url, 'doubling', '{"event_type":"order.created"}'));
    // Sent while the check runs: the receiver's thread is free to answer them first.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const alongside = await answeredAt(postWebhook(receiver.url, 'others', '{"event_type":"order.created"}'));
    const stats = await answeredAt(getJson<Schemas['Stats']>(`${receiver.url}/webhooks/stats`));
    const { value: answer, at: deliveryAnsweredAt } = await delivery;
    expect(alongside.value.status).toBe(200);
    expect(stats.at).toBeLessThan(deliveryAnsweredAt);

    expect(answer.status).toBe(200);
    expect(deliveryAnsweredAt - started).toBeLessThan(PAYLOAD_CHECK_TIME_LIMIT_MS * 3);
    expect(await detail(answer.json.event_id)).toMatchObject({
      body: '{"event_type":"order.created"}',
      payload_check: 'not_judged',
      payload_valid: null,
      payload_schema: "the client's JSON Schema",
      payload_errors: [],
      payload_not_judged: expect.stringMatching(new RegExp(`^the check exceeded ${PAYLOAD_CHECK_TIME_LIMIT_MS} ms, so it was stopped before reaching a verdict`)),
    });
    const listed = (query: string) => getJson<Schemas['EventList']>(`${receiver.url}/webhooks/events?client_id=doubling&${query}`);
    expect((await listed('payload_check=not_judged')).events.map((event) => event.event_id)).toEqual([answer.json.event_id]);
    expect((await listed('payload_valid=false')).total).toBe(0);
  });

  it('under a burst, answers and stores every delivery, those beyond the checks let wait at once and not judged: check queue full', async () => {
    await putJson(`${receiver.url}/webhooks/clients/burst`, { payload_schema: { json_schema: doublingSchema(20) } });
    // A quick check through the thread first ($ref sends it there), so that its worker is ready and the burst's first check runs at once.
    await putJson(`${receiver.url}/webhooks/clients/warm-up`, { payload_schema: { json_schema: { definitions: { any: {} }, $ref: '#/definitions/any' } } });
    expect((await detail((await postWebhook(receiver.url, 'warm-up', '{}')).json.event_id)).payload_check).toBe('valid');
    const started = performance.now();
    const burst = Array.from({ length: MAX_WAITING_CHECKS + 4 }, (_, index) => answeredAt(postWebhook(receiver.url, 'burst', `{"n":${index}}`)));
    const answers = await Promise.all(burst);
    expect(answers.map(({ value }) => value.status)).toEqual(answers.map(() => 200));
    const events = await getJson<Schemas['EventList']>(`${receiver.url}/webhooks/events?client_id=burst&limit=50`);
    expect(events.total).toBe(answers.length);
    const queueFull = events.events.filter((event) => event.payload_not_judged?.startsWith('check queue full'));
    expect(queueFull.map((event) => event.payload_check)).toEqual(['not_judged', 'not_judged', 'not_judged']);
    // Those are answered before the first check reaches its limit, not after the ones waiting.
    const answeredAtOnce = answers.filter(({ value }) => queueFull.some((event) => event.event_id === value.json.event_id));
    expect(answeredAtOnce.every(({ at }) => at - started < PAYLOAD_CHECK_TIME_LIMIT_MS)).toBe(true);
  }, 30_000);

  it('leaves the next checks to a new worker, which judges them', async () => {
    const referring = { definitions: { order: { type: 'object', required: ['id'] } }, $ref: '#/definitions/order' };
    await putJson(`${receiver.url}/webhooks/clients/referring`, { payload_schema: { json_schema: referring } });
    const good = await postWebhook(receiver.url, 'referring', '{"id":1}');
    const bad = await postWebhook(receiver.url, 'referring', '{"name":"x"}');
    expect(await detail(good.json.event_id)).toMatchObject({ payload_valid: true, payload_errors: [] });
    expect(await detail(bad.json.event_id)).toMatchObject({ payload_valid: false, payload_errors: [{ path: '', message: "must have required property 'id'" }] });
  });
});
