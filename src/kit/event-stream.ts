import type { IncomingMessage, ServerResponse } from 'node:http';

const HEARTBEAT_MS = 15_000;
/** A page that stops reading is cut off past this much unsent data; EventSource reconnects. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export interface EventStream {
  /** One event: its name, its data as JSON, and an id a browser may resume after (Last-Event-ID). */
  send(event: string, data: unknown, id?: string | number): void;
}

/**
 * Starts a server-sent event stream (WHATWG HTML §9.2) on `res`: a page's live feed, mounted
 * before a server's router (a stream never ends, so it cannot be validated). Comments keep idle
 * proxies from closing it; `subscribe` is called with the stream and returns what stops its
 * source, run when the reader goes away. Graceful shutdown ends every such stream (listen).
 */
export function serveEventStream(req: IncomingMessage, res: ServerResponse, subscribe: (stream: EventStream) => () => void, retryMs = 2000): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
  });
  // A HEAD asks for the headers a GET would get (RFC 9110 §9.3.2): a stream that never ends would hold it open.
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  res.write(`retry: ${retryMs}\n: connected\n\n`);
  const stream: EventStream = {
    send(event, data, id) {
      if (res.writableEnded || res.destroyed) return;
      if (res.writableLength > MAX_BUFFERED_BYTES) {
        // Ending would queue behind what the reader never takes, keeping the connection and its
        // buffers for good: cut it, and EventSource reconnects once the page reads again.
        res.destroy();
        return;
      }
      res.write(`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
  };
  const unsubscribe = subscribe(stream);
  // A stream ended by a graceful shutdown stays open until its reader has taken what was queued:
  // a write after that end would be an error nobody listens to, which stops the process.
  const heartbeat = setInterval(() => { if (!res.writableEnded && !res.destroyed) res.write(': keep-alive\n\n'); }, HEARTBEAT_MS);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearInterval(heartbeat);
    unsubscribe();
  };
  req.on('close', stop);
  res.on('close', stop);
}
