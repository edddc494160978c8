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
    if (request.awaitContinue) req.on('continue', () => req.end(request.body));
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

export const errorCodeOf = (body: string) => /<Code>([^<]+)<\/Code>/.exec(body)?.[1];

/** Writes `request` as raw bytes on a fresh connection and returns everything the server sends until it closes. */
export function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
  });
}
