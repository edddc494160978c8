import { DashboardReadModel } from '../../../src/image-api/dashboard-read-model';
import { openImageApiDatabase } from '../../../src/image-api/database';
import type { NewJob } from '../../../src/image-api/job';
import { JobStore } from '../../../src/image-api/job-store';
import { RollingRateLimiter } from '../../../src/image-api/rolling-rate-limiter';
import { WebhookOutbox } from '../../../src/image-api/webhook-outbox';

const HOUR = 3_600_000;
const S3_OK = { status: 'ok' as const, url: 'http://localhost:9000' };
const presign = async (bucket: string, key: string) => `http://localhost:9000/${bucket}/${key}?X-Amz-Signature=signed`;

function fixture() {
  const db = openImageApiDatabase({ storage: 'memory', dataDir: '' });
  const clock = { now: Date.parse('2025-01-15T10:00:00.000Z') };
  const at = () => new Date(clock.now);
  const jobs = new JobStore(db, at);
  const outbox = new WebhookOutbox(db, at);
  const limiter = new RollingRateLimiter(3, HOUR, () => clock.now);
  const view = new DashboardReadModel(db, limiter, at);
  const addJob = (jobId: string, ownerId: string, format: NewJob['format'] = 'jpeg'): void => {
    jobs.create({ jobId, imageId: `image-${jobId}`, ownerId, clientId: ownerId, bucket: 'test-uploads', format, sizeBytes: 1000, fileName: null, metadata: {}, requestedAt: at().toISOString() });
  };
  return { db, clock, jobs, outbox, limiter, view, addJob };
}

describe('DashboardReadModel', () => {
  it('counts the jobs of every user by status, with zero for the statuses no job is in', async () => {
    const { jobs, view, addJob } = fixture();
    addJob('j1', 'alice');
    addJob('j2', 'bob');
    addJob('j3', 'bob');
    jobs.startAttempt('j2');
    jobs.startAttempt('j3');
    jobs.fail('j3', 'broken');
    expect((await view.read(50, S3_OK, presign)).job_counts).toEqual({ pending: 1, processing: 1, retrying: 0, completed: 0, failed: 1, total: 3 });
  });

  it('lists the newest jobs first, across users, up to the limit, with their error as stored', async () => {
    const { clock, jobs, view, addJob } = fixture();
    addJob('first', 'alice', 'png');
    clock.now += 1000;
    addJob('second', 'bob');
    addJob('third-same-millisecond', 'carol');
    jobs.startAttempt('first');
    jobs.fail('first', '<img src=x onerror=alert(1)>');

    const recent = (await view.read(2, S3_OK, presign)).recent_jobs;
    expect(recent.map((job) => job.job_id)).toEqual(['third-same-millisecond', 'second']);
    const all = (await view.read(10, S3_OK, presign)).recent_jobs;
    expect(all[2]).toEqual({
      job_id: 'first',
      owner: 'alice',
      status: 'failed',
      attempts: 1,
      error: '<img src=x onerror=alert(1)>',
      format: 'png',
      size_bytes: 1000,
      created_at: '2025-01-15T10:00:00.000Z',
      updated_at: '2025-01-15T10:00:01.000Z',
    });
  });

  it('gives a completed job its WebP variants with presigned URLs, and other jobs none', async () => {
    const { jobs, view, addJob } = fixture();
    addJob('done', 'alice', 'png');
    addJob('waiting', 'bob');
    jobs.startAttempt('done');
    const variant = (name: 'thumbnail' | 'medium' | 'large', format: 'webp' | 'jpeg', width: number) =>
      ({ name, format, width, height: width / 2, sizeBytes: 10, key: `images/image-done/${name}.${format}` });
    jobs.complete('done', {
      width: 1600, height: 800, format: 'png', sizeBytes: 1000, dominantColor: '#336699', originalKey: 'images/image-done/original.png', processedAt: '2025-01-15T10:00:00.000Z',
      variants: [variant('thumbnail', 'webp', 150), variant('thumbnail', 'jpeg', 150), variant('medium', 'webp', 800), variant('large', 'webp', 1600)],
    });
    const recent = (await view.read(10, S3_OK, presign)).recent_jobs;
    expect(recent.find((job) => job.job_id === 'done')?.variants).toEqual([
      { name: 'thumbnail', width: 150, height: 75, url: 'http://localhost:9000/test-uploads/images/image-done/thumbnail.webp?X-Amz-Signature=signed' },
      { name: 'medium', width: 800, height: 400, url: 'http://localhost:9000/test-uploads/images/image-done/medium.webp?X-Amz-Signature=signed' },
      { name: 'large', width: 1600, height: 800, url: 'http://localhost:9000/test-uploads/images/image-done/large.webp?X-Amz-Signature=signed' },
    ]);
    expect(recent.find((job) => job.job_id === 'waiting')).not.toHaveProperty('variants');
  });

  it("shows each active user's use of the rolling hour and when a slot frees up", async () => {
    const { clock, limiter, view } = fixture();
    limiter.take('busy');
    clock.now += 60_000;
    limiter.take('busy');
    limiter.take('busy');
    limiter.take('casual');
    expect((await view.read(50, S3_OK, presign)).rate_limits).toEqual([
      { user: 'busy', used: 3, limit: 3, reset_at: '2025-01-15T11:00:00.000Z' },
      { user: 'casual', used: 1, limit: 3, reset_at: '2025-01-15T11:01:00.000Z' },
    ]);
  });

  it('counts webhook deliveries by state and passes the S3 state through', async () => {
    const { outbox, view, addJob } = fixture();
    addJob('j1', 'alice');
    for (const id of ['d1', 'd2', 'd3']) outbox.add({ deliveryId: id, jobId: 'j1', clientId: 'alice', eventType: 'image.processed', body: '{}' });
    outbox.recordAttempt('d1', 'delivered', null);
    outbox.recordAttempt('d2', 'failed', 'HTTP 500');
    const down = { status: 'down' as const, url: 'http://127.0.0.1:9', detail: 'connect ECONNREFUSED 127.0.0.1:9' };
    const dashboard = await view.read(50, down, presign);
    expect(dashboard.webhooks).toEqual({ pending: 1, delivered: 1, failed: 1 });
    expect(dashboard.s3).toEqual(down);
    expect(dashboard.generated_at).toBe('2025-01-15T10:00:00.000Z');
  });
});
