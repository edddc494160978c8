import type { RunningServer } from '../../../src/kit';
import { startServer } from '../../support/standin-harness';
import { postWebhook } from './receiver-requests';

/** Longer than the longest string V8 makes (2^29 - 24 characters): no server can hold it as one. */
const LONGEST_STRING = 2 ** 29;

/** An answer read as it streams, never held whole: its length, how often `mark` occurs, and its last characters. */
async function readStreamed(response: Response, mark: string) {
  let length = 0;
  let marks = 0;
  let carried = '';
  let tail = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    // A mark cut between chunks is kept whole by the carried characters, too few to hold one whole.
    const text = carried + Buffer.from(chunk).toString('latin1');
    marks += text.split(mark).length - 1;
    length += chunk.length;
    carried = mark.length > 1 ? text.slice(-(mark.length - 1)) : '';
    tail = (tail + text).slice(-64);
  }
  return { length, marks, tail };
}

describe('a page of events longer than any one string', () => {
  let receiver: RunningServer;
  beforeAll(async () => {
    receiver = await startServer('webhooks');
  });
  afterAll(() => receiver.close());

  it('is listed in full: 90 bodies of 1 MiB of control bytes, each six times as long escaped in JSON', async () => {
    const body = Buffer.alloc(1024 * 1024, 0x01);
    for (let sent = 0; sent < 90; sent += 1) expect((await postWebhook(receiver.url, 'control-bytes', body, { 'content-type': 'text/plain' })).status).toBe(200);

    const response = await fetch(`${receiver.url}/webhooks/events?client_id=control-bytes&limit=90`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const page = await readStreamed(response, '"event_id":"evt_');
    expect(page.length).toBeGreaterThan(LONGEST_STRING);
    expect(page.marks).toBe(90);
    expect(page.tail.endsWith(']}')).toBe(true);
  }, 120_000);
});

describe('one event longer than any one string (WEBHOOK_MAX_BODY raised)', () => {
  let receiver: RunningServer;
  let eventId: string;
  beforeAll(async () => {
    receiver = await startServer('webhooks', { env: { WEBHOOK_MAX_BODY: String(96 * 1024 * 1024) } });
    const delivered = await postWebhook(receiver.url, 'one-large', Buffer.alloc(90 * 1024 * 1024, 0x01), { 'content-type': 'text/plain' });
    expect(delivered.status).toBe(200);
    eventId = delivered.json.event_id;
  }, 120_000);
  afterAll(() => receiver.close());

  it('is answered in full by GET /webhooks/events/{id}: 90 MiB of control bytes, six times as long escaped', async () => {
    const response = await fetch(`${receiver.url}/webhooks/events/${eventId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const detail = await readStreamed(response, `"body_size":${90 * 1024 * 1024},`);
    expect(detail.length).toBeGreaterThan(LONGEST_STRING);
    expect(detail.marks).toBe(1);
    expect(detail.tail.endsWith('"replays":[],"forwards":[]}')).toBe(true);
  }, 120_000);

  it('is exported in full as one NDJSON line', async () => {
    const response = await fetch(`${receiver.url}/webhooks/events/export?client_id=one-large`);
    expect(response.status).toBe(200);
    const exported = await readStreamed(response, '\n');
    expect(exported.length).toBeGreaterThan(LONGEST_STRING);
    expect(exported.marks).toBe(1);
    expect(exported.tail.endsWith('}\n')).toBe(true);
  }, 120_000);
});
