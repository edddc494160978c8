import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import sharp from 'sharp';
import { Webhook } from 'standardwebhooks';
import { listen, type RunningServer } from '../../../src/kit';
import { createImageApiApp } from '../../../src/handlers/image-api/app';
import { createS3App } from '../../../src/handlers/s3/app';
import { readImageApiConfig } from '../../../src/image-api/config';
import { readS3Config } from '../../../src/s3/config';

export const JWT_SECRET = 'dev-secret-change-in-production';
export const WEBHOOK_SECRET = 'webhook-secret-123';

/** The image API on an ephemeral port, in memory unless the test says otherwise. */
export function startImageApi(env: Record<string, string> = {}): Promise<RunningServer> {
  return listen(
    (url) => createImageApiApp(readImageApiConfig({ STORAGE: 'memory', LOG_LEVEL: 'silent', PUBLIC_URL: url, ...env })),
    { port: 0 },
  );
}

/** The S3 mock, in memory, as the image API's storage peer (tests may compose servers). */
export function startS3Mock(): Promise<RunningServer> {
  return listen((url) => createS3App(readS3Config({ STORAGE: 'memory', LOG_LEVEL: 'silent', PRESIGNED_URL_BASE: url })), { port: 0 });
}

export function tokenFor(sub: string, claims: Record<string, unknown> = {}, secret = JWT_SECRET): string {
  return jwt.sign({ sub, ...claims }, secret, { algorithm: 'HS256', expiresIn: 600 });
}

/** A smooth gradient, so JPEG sizes and the dominant colour are those of a real photo, not of a flat fill. */
export async function gradientJpeg(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const offset = (y * width + x) * 3;
      pixels[offset] = Math.round((x / width) * 255);
      pixels[offset + 1] = Math.round((y / height) * 255);
      pixels[offset + 2] = 160;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
}

export function smallPng(): Promise<Buffer> {
  return sharp({ create: { width: 32, height: 24, channels: 3, background: '#2266aa' } }).png().toBuffer();
}

export function imageForm(file: Buffer, fields: Record<string, string> = {}, fileName = 'photo.jpg'): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(file)]), fileName);
  return form;
}

export function upload(baseUrl: string, form: FormData, token?: string): Promise<Response> {
  return fetch(`${baseUrl}/api/v1/images/upload`, {
    method: 'POST',
    body: form,
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
}

export function getJob(baseUrl: string, jobId: string, token: string, suffix = ''): Promise<Response> {
  return fetch(`${baseUrl}/api/v1/images/jobs/${jobId}${suffix}`, { headers: { authorization: `Bearer ${token}` } });
}

/** Polls the job until `done` says so (or fails after `timeoutMs`). */
export async function waitForJob(baseUrl: string, jobId: string, token: string, done: (job: { status: string }) => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await (await getJob(baseUrl, jobId, token)).json();
    if (done(job)) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function until<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface ReceivedWebhook {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The hex HMAC in X-Webhook-Signature matches the body. */
  seedSignatureValid: boolean;
  /** The standardwebhooks library accepts the webhook-* headers. */
  standardSignatureValid: boolean;
}

/**
 * The test's webhook peer: a bare node:http receiver that keeps every delivery and checks both
 * signature schemes independently of the code under test. It answers `statuses` in turn, then 200.
 */
export async function startWebhookPeer(secret = WEBHOOK_SECRET, statuses: number[] = []) {
  const received: ReceivedWebhook[] = [];
  const verifier = new Webhook(Buffer.from(secret, 'utf8'), { format: 'raw' });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const expected = createHmac('sha256', secret).update(body).digest();
      const given = Buffer.from(String(req.headers['x-webhook-signature'] ?? ''), 'hex');
      let standardSignatureValid = true;
      try {
        verifier.verify(body, req.headers as Record<string, string>);
      } catch {
        standardSignatureValid = false;
      }
      received.push({
        path: req.url ?? '',
        headers: req.headers,
        body,
        seedSignatureValid: given.length === expected.length && timingSafeEqual(given, expected),
        standardSignatureValid,
      });
      res.statusCode = statuses.shift() ?? 200;
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    urlTemplate: `http://127.0.0.1:${port}/webhooks/{client}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
