/**
 * Plain node:http requests (and raw bytes) for what well-behaved clients never send: un-normalised paths
 * (`/../`), hand-built aws-chunked bodies, bodies cut short, connections dropped mid-upload.
 */
import http from 'node:http';
import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method: string;
  /** Sent exactly as given (Node does not normalise request paths). */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** With `Expect: 100-continue`: send the body only after the server's 100 Continue. */
  awaitContinue?: boolean;
  /** With awaitContinue: runs once the server asked for the body (it has begun the request), before it is sent. */
  onContinue?: () => Promise<unknown>;
}

export function rawRequest(port: number, request: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: request.method, path: request.path, headers: request.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (request.awaitContinue) req.on('continue', () => (request.onContinue?.() ?? Promise.resolve()).then(() => req.end(request.body), reject));
    else req.end(request.body);
  });
}

/** Announces `declaredLength` bytes, sends `sent`, then drops the connection. */
export function abandonedUpload(port: number, path: string, declaredLength: number, sent: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'PUT', path, headers: { 'Content-Length': String(declaredLength) }, agent: false });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.write(sent, () => setTimeout(() => req.destroy(), 50));
  });
}

/** GETs `path`, reads `bytes` of the body (not all of it), then drops the connection. */
export function abandonedDownload(port: number, path: string, bytes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received >= bytes) req.destroy();
      });
      res.on('end', () => reject(new Error(`${path}: the whole body arrived (${received} bytes)`)));
    });
    req.on('error', () => undefined);
    req.on('close', () => resolve());
  });
}

export const errorCodeOf = (body: string) => /<Code>([^<]+)<\/Code>/.exec(body)?.[1];

/**
 * Writes `request` as raw bytes on a fresh connection and returns everything the server sends
 * until it closes. The client ends its side after writing unless `keepOpen` (a body still to
 * come needs it: the end of the client's side cuts the body short).
 */
export function rawExchange(port: number, request: string, { keepOpen = false } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => (keepOpen ? socket.write(request) : socket.end(request)));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
  });
}

/** Reads one HTTP/1.1 response (with a Content-Length body, or none) from the front of `data`. */
function takeResponse(data: Buffer): { response: RawResponse; rest: Buffer } | undefined {
  const headEnd = data.indexOf('\r\n\r\n');
  if (headEnd === -1) return undefined;
  const [statusLine, ...lines] = data.subarray(0, headEnd).toString('latin1').split('\r\n');
  const headers: http.IncomingHttpHeaders = {};
  for (const line of lines) headers[line.slice(0, line.indexOf(':')).toLowerCase()] = line.slice(line.indexOf(':') + 1).trim();
  const bodyEnd = headEnd + 4 + Number(headers['content-length'] ?? 0);
  if (data.length < bodyEnd) return undefined;
  const response = { status: Number(statusLine.split(' ')[1]), headers, body: data.subarray(headEnd + 4, bodyEnd).toString('utf8') };
  return { response, rest: data.subarray(bodyEnd) };
}

/**
 * Sends each request on one keep-alive connection, the next once the answer to the previous one
 * has fully arrived, and resolves with every answer. Rejects when the server closes the
 * connection or goes quiet (`timeoutMs`) before answering them all.
 */
export function sameConnection(port: number, requests: Array<Buffer | string>, timeoutMs = 5000): Promise<RawResponse[]> {
  return new Promise((resolve, reject) => {
    const responses: RawResponse[] = [];
    let pending: Buffer = Buffer.alloc(0);
    const socket = net.connect(port, '127.0.0.1', () => socket.write(requests[0]));
    const finish = (error?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(responses);
    };
    const timer = setTimeout(() => finish(new Error(`no answer to request ${responses.length + 1} within ${timeoutMs} ms`)), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (let taken = takeResponse(pending); taken; taken = takeResponse(pending)) {
        responses.push(taken.response);
        pending = taken.rest;
        if (responses.length === requests.length) return finish();
        socket.write(requests[responses.length]);
      }
    });
    socket.on('close', () => finish(new Error(`connection closed after ${responses.length} of ${requests.length} answers`)));
    socket.on('error', (error) => finish(error));
  });
}

