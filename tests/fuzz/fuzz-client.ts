/**
 * Sends a generated request with plain node:http on a fresh connection, so the target, headers
 * and body go out byte for byte, and reads the answer with a deadline: a server that does not
 * answer in time has hung.
 */
import http from 'node:http';
import type { FuzzRequest } from './spec-arbitraries';

export interface FuzzResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** How long a cut-short body waits for an early answer before the client drops the connection. */
const CUT_WAIT_MS = 150;
/** Answers are read up to this size; an object download may be larger, the check needs only the start. */
const MOST_BODY_BYTES = 64 * 1024;

/**
 * The answer, or undefined for a body cut short that the server was right to wait for.
 * Rejects when nothing comes back within `timeoutMs`.
 */
export function send(port: number, request: FuzzRequest, timeoutMs: number): Promise<FuzzResponse | undefined> {
  return new Promise((resolve, reject) => {
    // Headers as an array go out as given, in order and repeated; Node then adds no Host itself.
    const headers = [...request.headers];
    if (request.host !== 'none') headers.push(['host', request.host === 'own' ? `127.0.0.1:${port}` : request.host.replace('{port}', String(port))]);
    if (request.body && request.framing === 'chunked') headers.push(['transfer-encoding', 'chunked']);
    if (request.body && request.framing !== 'chunked') {
      const announced = request.framing === 'cut' ? request.body.length + 1024 : request.body.length;
      headers.push(['content-length', String(announced)]);
    }
    // The body goes out as a Buffer, so Node writes the request head as latin1, byte for byte.
    const req = http.request({ host: '127.0.0.1', port, method: request.method, path: request.target, agent: false, headers: headers.flat() });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      req.destroy();
      outcome();
    };
    const deadline = setTimeout(() => settle(() => reject(new Error(`no answer within ${timeoutMs} ms`))), timeoutMs);
    req.on('response', (res) => {
      // An event stream never ends; its head is the answer.
      if (String(res.headers['content-type']).startsWith('text/event-stream')) return settle(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.alloc(0) }));
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => settle(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= MOST_BODY_BYTES) done();
      });
      res.on('end', done);
      res.on('error', (error) => settle(() => reject(error)));
    });
    req.on('error', (error) => settle(() => (request.framing === 'cut' ? resolve(undefined) : reject(error))));
    if (request.framing === 'cut') {
      req.flushHeaders();
      req.write(request.body ?? Buffer.alloc(0));
      setTimeout(() => settle(() => resolve(undefined)), CUT_WAIT_MS);
    } else if (request.framing === 'chunked' && request.body) {
      req.write(request.body);
      req.end();
    } else {
      req.end(request.body);
    }
  });
}
