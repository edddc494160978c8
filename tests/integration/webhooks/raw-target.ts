import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RawRequest {
  path: string;
  /** Name/value pairs as sent, in order and case. */
  rawHeaders: Array<[string, string]>;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface RawAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * The app under development, standing in as a plain node:http server that keeps each request's
 * exact bytes and header pairs, and answers what `answer` says (null: never answers).
 */
export async function startRawTarget(answer: (request: RawRequest, index: number) => RawAnswer | null = () => ({ status: 200, body: 'ok' }), port = 0) {
  const received: RawRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const pairs: Array<[string, string]> = [];
      for (let index = 0; index < req.rawHeaders.length; index += 2) pairs.push([req.rawHeaders[index], req.rawHeaders[index + 1]]);
      const request = { path: req.url ?? '', rawHeaders: pairs, headers: req.headers, body: Buffer.concat(chunks) };
      received.push(request);
      const reply = answer(request, received.length - 1);
      if (reply === null) return;
      res.writeHead(reply.status, reply.headers).end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    port: address.port,
    url: `http://127.0.0.1:${address.port}`,
    received,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
