import sharp from 'sharp';
import type { RunningServer } from '../../../src/kit';
import { startServer } from '../../support/standin-harness';
import { eventually } from '../../support/eventually';
import { getJob, gradientJpeg, imageForm, smallPng, tokenFor, upload, waitForJob } from './image-api-requests';
import { startWebhookPeer } from './webhook-peer';

let s3: RunningServer;
let api: RunningServer;
let peer: Awaited<ReturnType<typeof startWebhookPeer>>;
let photo: Buffer;

beforeAll(async () => {
  [s3, peer, photo] = await Promise.all([startServer('s3'), startWebhookPeer(), gradientJpeg(2400, 1600)]);
  api = await startServer('image-api', { env: { AWS_ENDPOINT_URL: s3.url, WEBHOOK_URL: peer.urlTemplate } });
});
afterAll(async () => {
  await api.close();
  await Promise.all([s3.close(), peer.close()]);
});

async function processed(file: Buffer, fields: Record<string, string> = {}, user = 'photo-user') {
  const token = tokenFor(user);
  const accepted = await (await upload(api.url, imageForm(file, fields), token)).json();
  const job = await waitForJob(api.url, accepted.job_id, token, (j) => j.status === 'completed' || j.status === 'failed');
  expect(job).toMatchObject({ status: 'completed', error: null, result_url: `${accepted.status_url}/result` });
  const res = await getJob(api.url, accepted.job_id, token, '/result');
  expect(res.status).toBe(200);
  return { accepted, result: await res.json() };
}

async function download(url: string): Promise<{ bytes: Buffer; contentType: string | null }> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return { bytes: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type') };
}

describe('processing an upload against the S3 mock', () => {
  it('stores the original and six variants, and answers the result with presigned URLs that work', async () => {
    const { accepted, result } = await processed(photo, { bucket: 'holiday-photos', metadata: '{"album":"summer"}' });
    expect(result).toMatchObject({
      job_id: accepted.job_id, image_id: accepted.image_id, status: 'completed', bucket: 'holiday-photos',
      width: 2400, height: 1600, format: 'jpeg', size_bytes: photo.length, metadata: { album: 'summer' },
      dominant_color: expect.stringMatching(/^#[0-9a-f]{6}$/),
    });
    expect(result.variants.map((v: { name: string; format: string; width: number; height: number }) => [v.name, v.format, v.width, v.height])).toEqual([
      ['thumbnail', 'webp', 150, 100], ['thumbnail', 'jpeg', 150, 100],
      ['medium', 'webp', 800, 533], ['medium', 'jpeg', 800, 533],
      ['large', 'webp', 1920, 1280], ['large', 'jpeg', 1920, 1280],
    ]);
    expect(new Date(result.urls_expire_at).getTime()).toBeGreaterThan(Date.now() + 3500_000);

    const original = await download(result.urls.original);
    expect(original.bytes.equals(photo)).toBe(true);
    expect(original.contentType).toBe('image/jpeg');
    expect(result.urls.original).toContain('X-Amz-Signature=');
    expect(result.urls.original.startsWith(`${s3.url}/holiday-photos/images/${accepted.image_id}/`)).toBe(true);
    for (const variant of result.variants) {
      const { bytes, contentType } = await download(variant.url);
      const metadata = await sharp(bytes).metadata();
      expect([metadata.format, metadata.width, metadata.height, bytes.length]).toEqual([variant.format, variant.width, variant.height, variant.size_bytes]);
      expect(contentType).toBe(`image/${variant.format}`);
    }
    expect((await sharp((await download(result.urls.large)).bytes).metadata()).format).toBe('webp');
  });

  it('sends a signed image.processed webhook carrying the result', async () => {
    const { accepted } = await processed(await gradientJpeg(320, 200), {}, 'webhook-user');
    const delivery = await eventually(() => peer.received.find((d) => JSON.parse(d.body).job_id === accepted.job_id));
    expect(delivery.path).toBe('/webhooks/webhook-user');
    expect(delivery.seedSignatureValid).toBe(true);
    expect(delivery.standardSignatureValid).toBe(true);
    const event = JSON.parse(delivery.body);
    expect(event).toMatchObject({
      event_type: 'image.processed', event_id: delivery.headers['webhook-id'], client_id: 'webhook-user',
      status: 'completed', image_id: accepted.image_id, width: 320, height: 200,
    });
    expect((await download(event.urls.thumbnail)).bytes.length).toBeGreaterThan(0);
  });

  it('addresses the webhook to the client id, percent-encoded as one path segment', async () => {
    const token = tokenFor('encoded-user', { client_id: 'acme:photos@eu+1' });
    const accepted = await (await upload(api.url, imageForm(await smallPng()), token)).json();
    const delivery = await eventually(() => peer.received.find((d) => JSON.parse(d.body).job_id === accepted.job_id));
    expect(delivery.path).toBe('/webhooks/acme%3Aphotos%40eu%2B1');
    expect(JSON.parse(delivery.body).client_id).toBe('acme:photos@eu+1');
  });

  it('never enlarges a small image, and keeps transparency with WebP-only variants', async () => {
    const translucent = await sharp({ create: { width: 400, height: 300, channels: 4, background: { r: 200, g: 0, b: 0, alpha: 0.5 } } }).png().toBuffer();
    const { result } = await processed(translucent);
    expect(result).toMatchObject({ width: 400, height: 300, format: 'png' });
    expect(result.variants.map((v: { name: string; format: string; width: number }) => [v.name, v.format, v.width])).toEqual([
      ['thumbnail', 'webp', 150], ['medium', 'webp', 400], ['large', 'webp', 400],
    ]);
    expect((await sharp((await download(result.urls.medium)).bytes).metadata()).hasAlpha).toBe(true);
  });

  it('renders upright variants that carry no EXIF or GPS, and keeps the original as uploaded', async () => {
    // Orientation 6: stored 200x100, shown rotated by 90°, i.e. 100x200.
    const sideways = await sharp(await gradientJpeg(200, 100)).withMetadata({
      orientation: 6,
      exif: { IFD0: { Artist: 'someone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' } },
    }).toBuffer();
    expect((await sharp(sideways).metadata()).exif).toBeDefined();
    const { result } = await processed(sideways, {}, 'exif-user');
    expect(result).toMatchObject({ width: 100, height: 200 });
    for (const variant of result.variants) {
      const metadata = await sharp((await download(variant.url)).bytes).metadata();
      expect([variant.name, metadata.width, metadata.height, metadata.orientation, metadata.exif, metadata.icc]).toEqual([variant.name, variant.width, variant.height, undefined, undefined, undefined]);
    }
    expect((await download(result.urls.original)).bytes.equals(sideways)).toBe(true);
  });

  it('renders an animated GIF from its first frame, as still images', async () => {
    const frame = (rgb: number[]) => Buffer.alloc(20 * 10 * 3).map((_, i) => rgb[i % 3]);
    const frames = Buffer.concat([frame([220, 20, 20]), frame([20, 220, 20]), frame([20, 20, 220])]);
    const animated = await sharp(frames, { raw: { width: 20, height: 30, channels: 3, pageHeight: 10 } }).gif().toBuffer();
    expect((await sharp(animated).metadata()).pages).toBe(3);
    const { result } = await processed(animated, {}, 'animated-user');
    expect(result).toMatchObject({ width: 20, height: 10, format: 'gif' });
    const still = (await download(result.urls.thumbnail)).bytes;
    expect((await sharp(still).metadata()).pages).toBeUndefined();
    const [r, g, b] = (await sharp(still).removeAlpha().raw().toBuffer()).subarray(0, 3);
    expect(r).toBeGreaterThan(Math.max(g, b));
  });

  it('reports the S3 dependency in /health and /api/v1/health/', async () => {
    for (const path of ['/health', '/api/v1/health', '/api/v1/health/']) {
      const health = await (await fetch(api.url + path)).json();
      expect(health).toMatchObject({ status: 'ok', service: 'image-api', dependencies: { s3: { status: 'ok', url: s3.url } } });
    }
  });
});

describe('when the webhook receiver keeps failing', () => {
  it('still completes the job, and stops after WEBHOOK_MAX_ATTEMPTS deliveries', async () => {
    const failing = await startWebhookPeer(undefined, Array(10).fill(500));
    const api2 = await startServer('image-api', { env: { AWS_ENDPOINT_URL: s3.url, WEBHOOK_URL: failing.urlTemplate, WEBHOOK_MAX_ATTEMPTS: '3', WEBHOOK_RETRY_BASE_MS: '10' } });
    try {
      const token = tokenFor('unlucky-user');
      const accepted = await (await upload(api2.url, imageForm(await gradientJpeg(200, 200)), token)).json();
      const job = await waitForJob(api2.url, accepted.job_id, token, (j) => j.status === 'completed' || j.status === 'failed');
      expect(job).toMatchObject({ status: 'completed', attempts: 1, error: null });
      await eventually(() => failing.received.length >= 3);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(failing.received).toHaveLength(3);
      expect((await waitForJob(api2.url, accepted.job_id, token, () => true)).status).toBe('completed');
    } finally {
      await api2.close();
      await failing.close();
    }
  });
});

describe('when S3 is down', () => {
  it('reports degraded health, and the job retries then fails with the storage error', async () => {
    const stranded = await startServer('image-api', { env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', JOB_MAX_ATTEMPTS: '2', JOB_RETRY_BASE_MS: '10', WEBHOOK_URL: peer.urlTemplate } });
    try {
      const health = await (await fetch(`${stranded.url}/api/v1/health`)).json();
      expect(health).toMatchObject({ status: 'degraded', dependencies: { s3: { status: 'down', url: 'http://127.0.0.1:9', detail: expect.any(String) } } });
      const token = tokenFor('stranded-user');
      const accepted = await (await upload(stranded.url, imageForm(await gradientJpeg(200, 200)), token)).json();
      const job = await waitForJob(stranded.url, accepted.job_id, token, (j) => j.status === 'failed');
      expect(job).toMatchObject({ attempts: 2, error: expect.stringMatching(/ECONNREFUSED/) });
    } finally {
      await stranded.close();
    }
  });
});
