import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { serveEventStream, type EventStream } from '../../../src/kit';

/** One open stream as the server sees it: what sends to it, and whether its source was let go. */
interface ServedStream {
  stream: EventStream;
  response: http.ServerResponse;
  unsubscribed: boolean;
}

let server: http.Server;
let port: number;
const served: ServedStream[] = [];

beforeEach(async () => {
  // Only the heartbeat's interval is faked: sockets, and the turns they need, stay real.
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'clearTimeout', 'queueMicrotask', 'Date', 'performance', 'hrtime'] });
  served.length = 0;
  server = http.createServer((req, res) => {
    serveEventStream(req, res, (stream) => {
      const entry: ServedStream = { stream, response: res, unsubscribed: false };
      served.push(entry);
      return () => { entry.unsubscribed = true; };
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  jest.useRealTimers();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A reader that asks for the stream and then never reads a byte of it. */
async function openStalledReader(): Promise<{ socket: net.Socket; served: ServedStream }> {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  socket.pause();
  socket.write('GET /stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  while (served.length === 0) await nextTurn();
  return { socket, served: served[0] };
}

/** Sends 256 KiB messages while `more` says so and the server still serves the stream (at most 256 MiB). */
async function flood(entry: ServedStream, more: () => boolean): Promise<void> {
  const message = 'x'.repeat(256 * 1024);
  for (let sent = 0; sent < 256 * 1024 * 1024 && more() && !entry.unsubscribed; sent += message.length) {
    entry.stream.send('big', message);
    await nextTurn();
  }
}

describe('serveEventStream', () => {
  it('cuts off a reader that stops reading, lets its source go, and keeps serving', async () => {
    const { socket, served: stalled } = await openStalledReader();
    await flood(stalled, () => true);
    expect(stalled.unsubscribed).toBe(true);
    // The heartbeat that follows must not write to the stream it gave up on (that error would stop the process).
    jest.advanceTimersByTime(60_000);
    await nextTurn();
    const answer = await fetch(`http://127.0.0.1:${port}/stream`, { method: 'HEAD' });
    expect(answer.status).toBe(200);
    socket.destroy();
  });

  it('sends no heartbeat into a stream a graceful shutdown has ended', async () => {
    const { socket, served: stalled } = await openStalledReader();
    const errors: Error[] = [];
    stalled.response.on('error', (error) => errors.push(error));
    // What the reader has not taken yet keeps the ended stream open.
    await flood(stalled, () => stalled.response.writableLength === 0);
    stalled.response.end();
    jest.advanceTimersByTime(60_000);
    await nextTurn();
    expect(errors).toEqual([]);
    socket.destroy();
  });
});
