import type { RunningServer } from '../../../src/kit';
import { startServer } from '../../support/standin-harness';
import { postWebhook } from './receiver-requests';

let receiver: RunningServer;
beforeAll(async () => {
  receiver = await startServer('webhooks');
});
afterAll(() => receiver.close());

/** Reads server-sent events from GET /webhooks/stream until `count` named messages arrived. */
async function readMessages(response: Response, count: number): Promise<Array<{ event: string; data: unknown }>> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const messages: Array<{ event: string; data: unknown }> = [];
  let buffer = '';
  while (messages.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      if (event && data) messages.push({ event, data: JSON.parse(data) });
    }
  }
  await reader.cancel();
  return messages;
}

describe('GET /webhooks/stream', () => {
  it('pushes each change as a server-sent event', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${receiver.url}/webhooks/stream`, { signal: controller.signal });
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reading = readMessages(stream, 3);

    const { json } = await postWebhook(receiver.url, 'live', '{"event_type":"image.processed","secret_body":"not in the stream"}');
    expect((await fetch(`${receiver.url}/webhooks/events/${json.event_id}`, { method: 'DELETE' })).status).toBe(204);
    await fetch(`${receiver.url}/webhooks/events`, { method: 'DELETE' });

    const messages = await reading;
    controller.abort();
    expect(messages.map((message) => message.event)).toEqual(['webhook', 'deleted', 'deleted']);
    expect(messages[0].data).toMatchObject({ event_id: json.event_id, client_id: 'live', event_type: 'image.processed', signature: { status: 'missing' } });
    expect(JSON.stringify(messages[0].data)).not.toContain('not in the stream');
    expect(messages[1].data).toEqual({ client_id: null, event_id: json.event_id, count: 1 });
    expect(messages[2].data).toEqual({ client_id: null, event_id: null, count: 0 });
  });

  it('answers 404 when deleting an event that is not there', async () => {
    expect((await fetch(`${receiver.url}/webhooks/events/evt_gone`, { method: 'DELETE' })).status).toBe(404);
  });

  it('is ended by a graceful shutdown rather than holding it up', async () => {
    // A grace period longer than the test: a stream that held the shutdown up would time the test out.
    const other = await startServer('webhooks', { graceMs: 10 * 60_000 });
    const stream = await fetch(`${other.url}/webhooks/stream`);
    await other.close();
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    while (!(await reader.read()).done) { /* drain until the server ends the stream */ }
  });
});
