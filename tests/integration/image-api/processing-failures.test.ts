import sharp from 'sharp';
import type { RunningServer } from '../../../src/kit';
import { startServer } from '../../support/standin-harness';
import { eventually } from '../../support/eventually';
import { getJob, imageForm, pngDeclaring, smallPng, tokenFor, upload, waitForJob } from './image-api-requests';
import { startWebhookPeer } from './webhook-peer';

// FAILURE_RATE=1 fails every attempt before S3 is touched, so no S3 is needed here.
describe('a job whose every attempt fails (FAILURE_RATE=1)', () => {
  let api: RunningServer;
  let peer: Awaited<ReturnType<typeof startWebhookPeer>>;

  beforeAll(async () => {
    // The peer refuses the first two deliveries, to show retries.
    peer = await startWebhookPeer(undefined, [500, 503]);
    api = await startServer('image-api', {
      env: {
        FAILURE_RATE: '1',
        JOB_MAX_ATTEMPTS: '3',
        JOB_RETRY_BASE_MS: '300',
        WEBHOOK_URL: peer.urlTemplate,
        WEBHOOK_RETRY_BASE_MS: '20',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      },
    });
  });
  afterAll(async () => {
    await api.close();
    await peer.close();
  });

  it('goes through retrying to failed, says why, and sends a signed image.failed webhook until it is taken', async () => {
    const token = tokenFor('flaky-user', { client_id: 'acme-photos' });
    const accepted = await (await upload(api.url, imageForm(await smallPng(), { metadata: '{"context":"demo"}' }), token)).json();

    const retrying = await waitForJob(api.url, accepted.job_id, token, (job) => job.status === 'retrying');
    expect(retrying).toMatchObject({ attempts: expect.any(Number), error: 'simulated processing failure (FAILURE_RATE=1)' });

    const failed = await waitForJob(api.url, accepted.job_id, token, (job) => job.status === 'failed');
    expect(failed).toMatchObject({ attempts: 3, error: 'simulated processing failure (FAILURE_RATE=1)', result_url: null });

    const result = await getJob(api.url, accepted.job_id, token, '/result');
    expect(result.status).toBe(409);
    expect(await result.json()).toMatchObject({ job_status: 'failed', job_error: 'simulated processing failure (FAILURE_RATE=1)' });

    const deliveries = await eventually(() => (peer.received.length >= 3 ? peer.received : undefined));
    expect(deliveries).toHaveLength(3);
    for (const delivery of deliveries) {
      expect(delivery.path).toBe('/webhooks/acme-photos');
      expect(delivery.seedSignatureValid).toBe(true);
      expect(delivery.standardSignatureValid).toBe(true);
      expect(delivery.body).toBe(deliveries[0].body);
    }
    // One event, retried: the Standard Webhooks id is stable, so a receiver can drop duplicates.
    expect(new Set(deliveries.map((d) => d.headers['webhook-id'])).size).toBe(1);
    const event = JSON.parse(deliveries[0].body);
    expect(event).toEqual({
      event_type: 'image.failed',
      event_id: deliveries[0].headers['webhook-id'],
      created_at: expect.any(String),
      client_id: 'acme-photos',
      job_id: accepted.job_id,
      image_id: accepted.image_id,
      metadata: { context: 'demo' },
      status: 'failed',
      error: 'simulated processing failure (FAILURE_RATE=1)',
      attempts: 3,
    });
  });
});

// An image that cannot be decoded fails before S3 is touched, so no S3 is needed here.
describe('S3 errors', () => {
  let s3: RunningServer;
  let refused: RunningServer;
  let unreachable: RunningServer;
  const retrying = { JOB_MAX_ATTEMPTS: '3', JOB_RETRY_BASE_MS: '20', WEBHOOK_URL: 'http://127.0.0.1:9/{client}' };

  beforeAll(async () => {
    s3 = await startServer('s3');
    [refused, unreachable] = await Promise.all([
      startServer('image-api', { env: { ...retrying, AWS_ENDPOINT_URL: s3.url, AWS_SECRET_ACCESS_KEY: 'not-the-secret' } }),
      startServer('image-api', { env: { ...retrying, AWS_ENDPOINT_URL: 'http://127.0.0.1:9' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([refused.close(), unreachable.close()]);
    await s3.close();
  });

  async function failedJob(api: RunningServer, fields: Record<string, string> = {}) {
    const token = tokenFor('s3-error-user');
    const accepted = await (await upload(api.url, imageForm(await smallPng(), fields), token)).json();
    return waitForJob(api.url, accepted.job_id, token, (job) => job.status === 'failed' || job.status === 'completed');
  }

  it('fail a job at the first attempt when S3 refuses what no retry can change, naming the S3 error code and message', async () => {
    const denyPuts = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::locked-photos/*' }] };
    expect((await fetch(`${s3.url}/locked-photos`, { method: 'PUT' })).status).toBe(200);
    expect((await fetch(`${s3.url}/locked-photos?policy`, { method: 'PUT', body: JSON.stringify(denyPuts) })).status).toBe(204);
    const api = await startServer('image-api', { env: { ...retrying, AWS_ENDPOINT_URL: s3.url } });
    try {
      expect(await failedJob(api, { bucket: 'locked-photos' })).toMatchObject({ status: 'failed', attempts: 1, error: 'S3 refused PutObject with 403 AccessDenied: Access Denied' });
    } finally {
      await api.close();
    }
  });

  it('fail a job at the first attempt when S3 refuses the credentials, though a HEAD answer cannot say why', async () => {
    expect(await failedJob(refused)).toMatchObject({ status: 'failed', attempts: 1, error: 'S3 refused HeadBucket with 403 Forbidden: the answer to a HEAD request has no error document to say why' });
  });

  it('retry a job while S3 cannot be reached at all', async () => {
    expect(await failedJob(unreachable)).toMatchObject({ status: 'failed', attempts: 3 });
  });
});

describe('an image that cannot be decoded', () => {
  let api: RunningServer;
  beforeAll(async () => {
    api = await startServer('image-api', { env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', WEBHOOK_URL: 'http://127.0.0.1:9/{client}' } });
  });
  afterAll(() => api.close());

  it.each([
    ['a JPEG cut in half', async () => { const jpeg = await sharp(await smallPng()).jpeg().toBuffer(); return jpeg.subarray(0, jpeg.length >> 1); }],
    ['a PNG that is only its signature', async () => (await smallPng()).subarray(0, 8)],
  ])('fails %s at the first attempt, each decoder error said once on one line', async (_name, file) => {
    const token = tokenFor('broken-user');
    const accepted = await (await upload(api.url, imageForm(await file(), {}, 'broken'), token)).json();
    const failed = await waitForJob(api.url, accepted.job_id, token, (job) => job.status === 'failed' || job.status === 'completed');
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, error: expect.stringMatching(/^the image cannot be decoded: \S/) });
    expect(failed.error).not.toMatch(/\n|:$/);
    const reasons = failed.error.split('; ');
    expect(new Set(reasons).size).toBe(reasons.length);
  });
});

describe('an image with more pixels than MAX_INPUT_PIXELS', () => {
  let s3: RunningServer;
  let api: RunningServer;
  let peer: Awaited<ReturnType<typeof startWebhookPeer>>;

  beforeAll(async () => {
    [s3, peer] = await Promise.all([startServer('s3'), startWebhookPeer()]);
    api = await startServer('image-api', { env: { MAX_INPUT_PIXELS: '10000', JOB_MAX_ATTEMPTS: '3', AWS_ENDPOINT_URL: s3.url, WEBHOOK_URL: peer.urlTemplate } });
  });
  afterAll(async () => {
    await api.close();
    await Promise.all([s3.close(), peer.close()]);
  });

  it('fails its job at the first attempt, saying its pixel count and the limit, and stores nothing', async () => {
    const token = tokenFor('panorama-user');
    const wide = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#336699' } }).png().toBuffer();
    const res = await upload(api.url, imageForm(wide, { bucket: 'test-uploads' }, 'wide.png'), token);
    expect(res.status).toBe(202); // the size is known only once the worker reads the image
    const accepted = await res.json();

    const reason = 'the image is 200x100 = 20000 pixels, more than the limit of 10000 (MAX_INPUT_PIXELS)';
    const failed = await waitForJob(api.url, accepted.job_id, token, (job) => job.status === 'failed' || job.status === 'completed');
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, error: reason });
    const [delivery] = await eventually(() => (peer.received.length > 0 ? peer.received : undefined));
    expect(JSON.parse(delivery.body)).toMatchObject({ event_type: 'image.failed', job_id: accepted.job_id, error: reason, attempts: 1 });

    const stored = await (await fetch(`${s3.url}/admin/objects/test-uploads`)).json();
    expect(stored.objects.filter((object: { key: string }) => object.key.startsWith(`images/${accepted.image_id}/`))).toEqual([]);
  });

  it('names the pixel count of a tiny file declaring 50000x50000 pixels, past the limit sharp applies by default', async () => {
    const token = tokenFor('bomb-user');
    const bomb = pngDeclaring(50_000, 50_000);
    expect(bomb.length).toBeLessThan(100);
    const accepted = await (await upload(api.url, imageForm(bomb, {}, 'bomb.png'), token)).json();
    const failed = await waitForJob(api.url, accepted.job_id, token, (job) => job.status === 'failed' || job.status === 'completed');
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: 'the image is 50000x50000 = 2500000000 pixels, more than the limit of 10000 (MAX_INPUT_PIXELS)',
    });
  });

  it('processes an image of exactly the limit', async () => {
    const token = tokenFor('square-user');
    const square = await sharp({ create: { width: 100, height: 100, channels: 3, background: '#336699' } }).png().toBuffer();
    const accepted = await (await upload(api.url, imageForm(square, {}, 'square.png'), token)).json();
    const done = await waitForJob(api.url, accepted.job_id, token, (job) => job.status === 'failed' || job.status === 'completed');
    expect(done).toMatchObject({ status: 'completed', attempts: 1 });
  });
});
