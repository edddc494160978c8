import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openImageApiDatabase } from '../../../src/image-api/database';
import type { NewJob, StoredImage } from '../../../src/image-api/job';
import { JobStore } from '../../../src/image-api/job-store';
import { WebhookOutbox } from '../../../src/image-api/webhook-outbox';

const newJob = (jobId: string, ownerId = 'user-1', requestedAt = '2025-01-15T09:59:58.000Z'): NewJob => ({
  jobId,
  imageId: `image-of-${jobId}`,
  ownerId,
  clientId: 'client-1',
  bucket: 'test-uploads',
  format: 'jpeg',
  sizeBytes: 1234,
  fileName: 'photo.jpg',
  metadata: { context: 'demo' },
  requestedAt,
});

const stored: StoredImage = {
  width: 2400, height: 1600, format: 'jpeg', sizeBytes: 1234, dominantColor: '#102030',
  originalKey: 'images/x/original.jpg', variants: [], processedAt: '2025-01-15T10:30:00.000Z',
};

describe('JobStore', () => {
  let dataDir: string;
  beforeEach(() => { dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-api-store-')); });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps jobs in <DATA_DIR>/image-api.db across a reopen', () => {
    const first = openImageApiDatabase({ storage: 'fs', dataDir });
    new JobStore(first).create(newJob('job-1'));
    first.close();
    expect(fs.existsSync(path.join(dataDir, 'image-api.db'))).toBe(true);

    const second = openImageApiDatabase({ storage: 'fs', dataDir });
    expect(new JobStore(second).get('job-1')).toMatchObject({ status: 'pending', attempts: 0, metadata: { context: 'demo' }, error: null });
    second.close();
  });

  it('walks a job through attempts, retries and completion, stamping updated_at', () => {
    let now = new Date('2025-01-15T10:00:00Z');
    const jobs = new JobStore(openImageApiDatabase({ storage: 'memory', dataDir }), () => now);
    jobs.create(newJob('job-1'));
    expect(jobs.startAttempt('job-1')).toMatchObject({ status: 'processing', attempts: 1 });
    jobs.markRetrying('job-1', 'S3 unreachable');
    expect(jobs.get('job-1')).toMatchObject({ status: 'retrying', error: 'S3 unreachable' });
    now = new Date('2025-01-15T10:00:05Z');
    jobs.startAttempt('job-1');
    jobs.complete('job-1', stored);
    expect(jobs.get('job-1')).toMatchObject({
      status: 'completed', attempts: 2, error: null, result: stored,
      createdAt: '2025-01-15T10:00:00.000Z', updatedAt: '2025-01-15T10:00:05.000Z',
    });
  });

  it('lists unfinished jobs for a restart, oldest first', () => {
    let now = new Date('2025-01-15T10:00:00Z');
    const jobs = new JobStore(openImageApiDatabase({ storage: 'memory', dataDir }), () => now);
    for (const id of ['a', 'b', 'c', 'd']) {
      jobs.create(newJob(id));
      now = new Date(now.getTime() + 1000);
    }
    jobs.startAttempt('b');
    jobs.startAttempt('c');
    jobs.fail('c', 'gave up');
    jobs.startAttempt('d');
    jobs.markRetrying('d', 'flaky');
    expect(jobs.unfinished().map((job) => [job.jobId, job.status])).toEqual([['a', 'pending'], ['b', 'processing'], ['d', 'retrying']]);
  });

  it('lists who requested each job after a time, and when, in the order the requests arrived', () => {
    const jobs = new JobStore(openImageApiDatabase({ storage: 'memory', dataDir }));
    jobs.create(newJob('expired', 'alice', '2025-01-15T09:00:00.000Z'));
    jobs.create(newJob('at-the-start', 'alice', '2025-01-15T09:30:00.000Z'));
    // A quick upload's job is created before that of a slow one requested earlier.
    jobs.create(newJob('quick', 'bob', '2025-01-15T10:00:05.000Z'));
    jobs.create(newJob('slow', 'alice', '2025-01-15T10:00:00.000Z'));
    expect(jobs.requestedSince(new Date('2025-01-15T09:30:00.000Z'))).toEqual([
      { ownerId: 'alice', requestedAt: '2025-01-15T10:00:00.000Z' },
      { ownerId: 'bob', requestedAt: '2025-01-15T10:00:05.000Z' },
    ]);
    expect(jobs.get('slow')?.requestedAt).toBe('2025-01-15T10:00:00.000Z');
  });

  it('does not count an attempt cut short by a shutdown', () => {
    const jobs = new JobStore(openImageApiDatabase({ storage: 'memory', dataDir }));
    jobs.create(newJob('job-1'));
    jobs.startAttempt('job-1');
    jobs.interrupt('job-1');
    expect(jobs.get('job-1')).toMatchObject({ status: 'pending', attempts: 0 });
  });
});

describe('WebhookOutbox', () => {
  it('keeps a delivery pending through failed attempts until it is delivered', () => {
    const db = openImageApiDatabase({ storage: 'memory', dataDir: '.' });
    new JobStore(db).create(newJob('job-1'));
    const outbox = new WebhookOutbox(db);
    outbox.add({ deliveryId: 'msg_1', jobId: 'job-1', clientId: 'client-1', eventType: 'image.processed', body: '{"a":1}' });
    outbox.recordAttempt('msg_1', 'pending', 'HTTP 500');
    expect(outbox.pending().map((d) => d.deliveryId)).toEqual(['msg_1']);
    outbox.recordAttempt('msg_1', 'delivered', null);
    expect(outbox.pending()).toEqual([]);
    expect(outbox.forJob('job-1')).toEqual([expect.objectContaining({ status: 'delivered', attempts: 2, lastError: null, body: '{"a":1}' })]);
  });
});
