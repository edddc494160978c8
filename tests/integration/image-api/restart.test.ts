import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningServer } from '../../../src/kit';
import { startServer } from '../../support/standin-harness';
import { getJob, gradientJpeg, imageForm, spoolOnceSettled, tokenFor, upload, waitForJob } from './image-api-requests';

describe('restarting the image API (SQLite in DATA_DIR)', () => {
  let dataDir: string;
  let s3: RunningServer;

  beforeAll(async () => { s3 = await startServer('s3'); });
  afterAll(() => s3.close());
  beforeEach(() => { dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-api-restart-')); });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const startOnDisk = (env: Record<string, string> = {}) =>
    startServer('image-api', { dataDir, env: { AWS_ENDPOINT_URL: s3.url, WEBHOOK_URL: 'http://127.0.0.1:9/{client}', WEBHOOK_MAX_ATTEMPTS: '1', ...env } });

  it('keeps a completed job and its result', async () => {
    const token = tokenFor('durable-user');
    const before = await startOnDisk();
    const accepted = await (await upload(before.url, imageForm(await gradientJpeg(300, 200)), token)).json();
    const completed = await waitForJob(before.url, accepted.job_id, token, (job) => job.status === 'completed');
    await before.close();
    expect(fs.existsSync(path.join(dataDir, 'image-api.db'))).toBe(true);

    const after = await startOnDisk();
    try {
      const job = await (await getJob(after.url, accepted.job_id, token)).json();
      expect({ ...job, result_url: null }).toEqual({ ...completed, result_url: null });
      const result = await (await getJob(after.url, accepted.job_id, token, '/result')).json();
      expect(result).toMatchObject({ image_id: accepted.image_id, width: 300, height: 200 });
      expect((await fetch(result.urls.thumbnail)).status).toBe(200);
    } finally {
      await after.close();
    }
  });

  it('resumes a job that was still being processed, without counting the interrupted attempt', async () => {
    const token = tokenFor('patient-user');
    // The first run never gets past the simulated delay; close() interrupts it.
    const before = await startOnDisk({ PROCESSING_DELAY_MS: '600000' });
    const accepted = await (await upload(before.url, imageForm(await gradientJpeg(300, 200)), token)).json();
    const processing = await waitForJob(before.url, accepted.job_id, token, (job) => job.status === 'processing');
    expect(processing.attempts).toBe(1);
    await before.close();

    const after = await startOnDisk();
    try {
      const job = await waitForJob(after.url, accepted.job_id, token, (j) => j.status === 'completed' || j.status === 'failed');
      expect(job).toMatchObject({ status: 'completed', attempts: 1, created_at: processing.created_at });
      const result = await (await getJob(after.url, accepted.job_id, token, '/result')).json();
      expect(result).toMatchObject({ width: 300, height: 200, format: 'jpeg' });
    } finally {
      await after.close();
    }
    // The spooled original is removed once the job is done.
    expect(await spoolOnceSettled(path.join(dataDir, 'image-api-uploads'))).toEqual([]);
  });
});
