/** What tests send the image API (tokens, images, uploads) and how they wait for its jobs and webhooks. */
import jwt from 'jsonwebtoken';
import fs from 'node:fs';
import zlib from 'node:zlib';
import sharp from 'sharp';
import type { components } from '../../../generated/webhook-receiver';
import { eventually } from '../../support/eventually';

export const JWT_SECRET = 'dev-secret-change-in-production';

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

/**
 * A PNG of a few dozen bytes whose header declares `width` x `height` RGB pixels (a decompression
 * bomb): a valid IHDR, an empty IDAT and IEND, each with its CRC. sharp cannot write such a file.
 */
export function pngDeclaring(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(Buffer.alloc(0))), chunk('IEND', Buffer.alloc(0))]);
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
  let status: string | undefined;
  return eventually(async () => {
    const job = await (await getJob(baseUrl, jobId, token)).json();
    status = job.status;
    return done(job) ? job : undefined;
  }, { timeoutMs, what: () => `job ${jobId}, still ${status}` });
}

/** Uploads `form` with `token`, expects 202, waits until the job completed; answers the job id. */
export async function uploadUntilProcessed(baseUrl: string, form: FormData, token: string): Promise<string> {
  const res = await upload(baseUrl, form, token);
  expect(res.status).toBe(202);
  const { job_id: jobId } = await res.json();
  expect(await waitForJob(baseUrl, jobId, token, (job) => job.status === 'completed')).toMatchObject({ status: 'completed' });
  return jobId;
}

/**
 * What is left in the upload spool `spool` once it has settled: a job's original is removed just
 * after its final state is written, so it may still be there when the job reads as done.
 */
export async function spoolOnceSettled(spool: string): Promise<string[]> {
  await eventually(() => fs.readdirSync(spool).length === 0).catch(() => undefined);
  return fs.readdirSync(spool);
}

export type StoredEvent = components['schemas']['Event'];

/** The events the webhook receiver at `receiverUrl` stored for `clientId`, once there is one. */
export async function storedEvents(receiverUrl: string, clientId: string): Promise<StoredEvent[]> {
  return eventually(
    async () => {
      const { events } = (await (await fetch(`${receiverUrl}/webhooks/events?client_id=${encodeURIComponent(clientId)}`)).json()) as { events: StoredEvent[] };
      return events.length > 0 && events;
    },
    { what: `an event stored for ${clientId}` },
  );
}
