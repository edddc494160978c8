import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { components } from '../../../generated/image-api';
import type { Environment, RunningServer } from '../../../src/kit';
import { startServer } from '../../support/standin-harness';
import { eventually } from '../../support/eventually';
import { imageForm, smallPng, tokenFor, upload, waitForJob } from './image-api-requests';
import { startWebhookPeer } from './webhook-peer';

const HOUR_MS = 3_600_000;
const FAILURE = 'simulated processing failure (FAILURE_RATE=1)';

type Dashboard = components['schemas']['Dashboard'];

async function dashboard(baseUrl: string, query = ''): Promise<Dashboard> {
  const response = await fetch(`${baseUrl}/api/v1/dashboard${query}`);
  expect(response.status).toBe(200);
  return response.json();
}

/** Polls the dashboard until `ready` accepts it. */
async function dashboardWhen(baseUrl: string, ready: (view: Dashboard) => boolean) {
  let view: Dashboard | undefined;
  return eventually(async () => {
    view = await dashboard(baseUrl);
    return ready(view) ? view : undefined;
  }, { what: () => `the dashboard; last seen: ${JSON.stringify(view)}` });
}

async function uploadPng(baseUrl: string, user: string) {
  const png = await smallPng();
  const response = await upload(baseUrl, imageForm(png, {}, 'tiny.png'), tokenFor(user));
  return { response, body: await response.json(), sizeBytes: png.length };
}

describe('the operator dashboard (GET /api/v1/dashboard, /dashboard)', () => {
  let dataDir: string;
  let s3: RunningServer;
  let peer: Awaited<ReturnType<typeof startWebhookPeer>>;
  let api: RunningServer;
  let failedJob: { job_id: string; sizeBytes: number };
  const accepted: Record<string, string[]> = { alice: [], 'busy-user': [] };
  let rateLimitedStatus: number;
  let uploadsStartedAt: number;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'image-api-dashboard-'));
    [s3, peer] = await Promise.all([startServer('s3'), startWebhookPeer()]);
    const onDisk = (env: Environment) => startServer('image-api', { dataDir, env: { AWS_ENDPOINT_URL: s3.url, ...env } });

    // First run: every attempt fails, and the webhook has nowhere to go, so its delivery fails too.
    const flaky = await onDisk({ FAILURE_RATE: '1', JOB_MAX_ATTEMPTS: '1', WEBHOOK_URL: 'http://127.0.0.1:9/webhooks/{client}', WEBHOOK_MAX_ATTEMPTS: '1' });
    try {
      const { body, sizeBytes } = await uploadPng(flaky.url, 'flaky-user');
      failedJob = { job_id: body.job_id, sizeBytes };
      await waitForJob(flaky.url, body.job_id, tokenFor('flaky-user'), (job) => job.status === 'failed');
      await dashboardWhen(flaky.url, (view) => view.webhooks.failed === 1);
    } finally {
      await flaky.close();
    }

    // Second run on the same data: jobs succeed, and busy-user reaches a limit of 2 uploads an hour.
    api = await onDisk({ WEBHOOK_URL: peer.urlTemplate, RATE_LIMIT_PER_HOUR: '2' });
    uploadsStartedAt = Date.now();
    for (const user of ['alice', 'busy-user', 'busy-user']) {
      const { response, body } = await uploadPng(api.url, user);
      expect(response.status).toBe(202);
      accepted[user].push(body.job_id);
    }
    rateLimitedStatus = (await uploadPng(api.url, 'busy-user')).response.status;
    await dashboardWhen(api.url, (view) => view.job_counts.completed === 3 && view.webhooks.delivered === 3);
  }, 30_000);

  afterAll(async () => {
    await api?.close();
    await Promise.all([s3?.close(), peer?.close()]);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('counts every job by status, across users and restarts, without a token', async () => {
    const view = await dashboard(api.url);
    expect(view.job_counts).toEqual({ pending: 0, processing: 0, retrying: 0, completed: 3, failed: 1, total: 4 });
    expect(Date.parse(view.generated_at)).toBeGreaterThanOrEqual(uploadsStartedAt);
  });

  it('lists the most recent jobs of every user, newest first, with the failed one saying why', async () => {
    const { recent_jobs: jobs } = await dashboard(api.url);
    expect(jobs.map((job) => job.job_id)).toEqual([
      accepted['busy-user'][1], accepted['busy-user'][0], accepted.alice[0], failedJob.job_id,
    ]);
    expect(jobs.map((job) => job.owner)).toEqual(['busy-user', 'busy-user', 'alice', 'flaky-user']);
    expect(jobs[3]).toEqual({
      job_id: failedJob.job_id,
      owner: 'flaky-user',
      status: 'failed',
      attempts: 1,
      error: FAILURE,
      format: 'png',
      size_bytes: failedJob.sizeBytes,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(jobs[2]).toMatchObject({ status: 'completed', attempts: 1, error: null });
  });

  it('honours limit, and refuses one outside 1..200 as a validation problem', async () => {
    const newest = await dashboard(api.url, '?limit=1');
    expect(newest.recent_jobs.map((job) => job.job_id)).toEqual([accepted['busy-user'][1]]);
    expect(newest.job_counts.total).toBe(4);
    for (const limit of ['0', '201', 'many', '-1', '2.5', '1e309', '99999999999999999999']) {
      const response = await fetch(`${api.url}/api/v1/dashboard?limit=${limit}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((await response.json()).errors[0].field).toMatch(/limit/);
    }
  });

  it("shows each active user's use of the rolling hour, the first run's upload included: busy-user at the limit, the refused upload not counted", async () => {
    expect(rateLimitedStatus).toBe(429);
    const { rate_limits: limits } = await dashboard(api.url);
    expect(limits.map((entry) => entry.user)).toEqual(['busy-user', 'alice', 'flaky-user']);
    expect(limits[0]).toMatchObject({ user: 'busy-user', used: 2, limit: 2 });
    expect(limits[1]).toMatchObject({ user: 'alice', used: 1, limit: 2 });
    expect(limits[2]).toMatchObject({ user: 'flaky-user', used: 1, limit: 2 });
    const resetAt = Date.parse(limits[0].reset_at);
    expect(resetAt).toBeGreaterThanOrEqual(uploadsStartedAt + HOUR_MS - 1000);
    expect(resetAt).toBeLessThanOrEqual(Date.now() + HOUR_MS);
  });

  it('counts webhook deliveries by state and reports the S3 dependency', async () => {
    const view = await dashboard(api.url);
    expect(view.webhooks).toEqual({ pending: 0, delivered: 3, failed: 1 });
    expect(view.s3).toEqual({ status: 'ok', url: s3.url });
    expect(peer.received).toHaveLength(3);
  });

  it('serves the page at /dashboard and /dashboard/, and its files, with a CSP allowing only its own scripts', async () => {
    for (const pagePath of ['/dashboard', '/dashboard/']) {
      const page = await fetch(`${api.url}${pagePath}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await page.text()).toContain('<script type="module" src="/dashboard/dashboard.js">');
    }
    const assets: Array<[string, RegExp]> = [
      ['/dashboard/dashboard.js', /javascript/],
      ['/dashboard/dashboard.css', /^text\/css/],
      ['/dashboard/modules/jobs-table.js', /javascript/],
      ['/shared/dom.js', /javascript/],
      ['/shared/base.css', /^text\/css/],
    ];
    for (const [assetPath, type] of assets) {
      const asset = await fetch(`${api.url}${assetPath}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(type);
      expect(asset.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
    expect((await fetch(`${api.url}/dashboard/no-such-file.js`)).status).toBe(404);
  });
});
