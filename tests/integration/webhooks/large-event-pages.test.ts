import type { RunningServer } from '../../../src/kit';
import { startServer } from '../../support/standin-harness';
import { postWebhook } from './receiver-requests';

let receiver: RunningServer;
beforeAll(async () => {
  receiver = await startServer('webhooks');
});
afterAll(() => receiver.close());

/** Longer than the longest string V8 makes (2^29 - 24 characters): no server can hold it as one. */
const LONGEST_STRING = 2 ** 29;

describe('a page of events longer than any one string', () => {
  it('is listed in full: 90 bodies of 1 MiB of control bytes, each six times as long escaped in JSON', async () => {
    const body = Buffer.alloc(1024 * 1024, 0x01);
    for (let sent = 0; sent < 90; sent += 1) expect((await postWebhook(receiver.url, 'control-bytes', body, { 'content-type': 'text/plain' })).status).toBe(200);

    const response = await fetch(`${receiver.url}/webhooks/events?client_id=control-bytes&limit=90`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    // Read as it streams, counting each event's id: a mark cut between chunks is kept whole by the carried tail.
    const mark = '"event_id":"evt_';
    let length = 0;
    let events = 0;
    let tail = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      const text = tail + Buffer.from(chunk).toString('latin1');
      events += text.split(mark).length - 1;
      length += chunk.length;
      tail = text.slice(-(mark.length - 1));
    }
    expect(length).toBeGreaterThan(LONGEST_STRING);
    expect(events).toBe(90);
    expect(tail.endsWith(']}')).toBe(true);
  }, 120_000);
});
