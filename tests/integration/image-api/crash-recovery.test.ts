/**
 * kill -9 of the image API (STORAGE=fs) while jobs are queued and being processed, then a
 * restart on the same DATA_DIR: every accepted job reaches a final state, completed ones have
 * their images in S3, and every job's webhook leaves the outbox. The S3 mock and the webhook
 * peer run in this process; only the image API is killed.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningServer } from '../../../src/kit';
import { killChildServers, RESTART_SCENARIO_TIMEOUT_MS, startChildServer } from '../../support/child-server';
import { startServer } from '../../support/standin-harness';
import { eventually } from '../../support/eventually';
import { getJob, gradientJpeg, imageForm, spoolOnceSettled, tokenFor, upload, waitForJob } from './image-api-requests';
import { startWebhookPeer } from './webhook-peer';

interface Job {
  job_id: string;
  status: string;
  attempts: number;
  error: string | null;
  result_url: string | null;
}

const isFinal = (job: { status: string }) => job.status === 'completed' || job.status === 'failed';
/** Some jobs done, some being processed, some still waiting. */
const midway = (jobs: Job[]) => ['completed', 'processing', 'pending'].every((status) => jobs.some((job) => job.status === status));

describe('image API jobs across kill -9 (STORAGE=fs)', () => {
  let s3: RunningServer;
  let peer: Awaited<ReturnType<typeof startWebhookPeer>>;
  const token = tokenFor('crash-user', { client_id: 'crash-client' });

  beforeAll(async () => {
    [s3, peer] = await Promise.all([startServer('s3'), startWebhookPeer()]);
  });
  afterAll(() => Promise.all([s3.close(), peer.close()]));

  /** A fresh DATA_DIR per scenario, and the image API started on it as a child process. */
  function useDataDir() {
    const scenario = { dir: '', spool: '' };
    beforeAll(() => {
      scenario.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-api-crash-'));
      scenario.spool = path.join(scenario.dir, 'image-api-uploads');
    });
    afterAll(async () => {
      await killChildServers();
      fs.rmSync(scenario.dir, { recursive: true, force: true });
    });
    const start = (env: Record<string, string>) =>
      startChildServer('image-api', { STORAGE: 'fs', DATA_DIR: scenario.dir, AWS_ENDPOINT_URL: s3.url, ...env });
    return { scenario, start };
  }

  const jobsAt = (url: string, jobIds: string[]): Promise<Job[]> =>
    Promise.all(jobIds.map(async (jobId) => (await (await getJob(url, jobId, token)).json()) as Job));

  /** Polls the jobs, all at once and not too often (the API under test shares two cores), until `done`. */
  async function pollJobs(url: string, jobIds: string[], done: (jobs: Job[]) => boolean, timeoutMs = 20_000): Promise<Job[]> {
    let jobs: Job[] = [];
    return eventually(async () => {
      jobs = await jobsAt(url, jobIds);
      return done(jobs) ? jobs : undefined;
    }, { timeoutMs, intervalMs: 50, what: () => `jobs, still ${jobs.map((job) => job.status).join(', ')}` });
  }

  const eventsOf = (jobId: string) =>
    peer.received.map((delivery) => ({ ...delivery, event: JSON.parse(delivery.body) })).filter((delivery) => delivery.event.job_id === jobId);

  describe('killed with jobs done, being processed and waiting', () => {
    const { scenario, start } = useDataDir();
    let apiUrl: string;
    let jobIds: string[];
    let undecodableJobId: string;
    let atKill: Job[];
    let finals: Promise<Job[]> | undefined;
    const finalJobs = () => (finals ??= pollJobs(apiUrl, jobIds, (jobs) => jobs.every(isFinal)));

    beforeAll(async () => {
      // The first run cannot reach the webhook receiver: every webhook it queues is still in the outbox when it dies.
      const first = await start({ PROCESSING_DELAY_MS: '300', WEBHOOK_URL: 'http://127.0.0.1:9/{client}', WEBHOOK_RETRY_BASE_MS: '60000' });
      const images = await Promise.all([320, 400, 480, 560].map((width) => gradientJpeg(width, 240)));
      const undecodable = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 0x5a)]);
      const answers = await Promise.all([...images, undecodable].map((file) => upload(first.url, imageForm(file), token)));
      expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 202));
      jobIds = await Promise.all(answers.map(async (answer) => ((await answer.json()) as { job_id: string }).job_id));
      undecodableJobId = jobIds[jobIds.length - 1];

      atKill = await pollJobs(first.url, jobIds, midway);
      await first.kill();
      // What a kill leaves when it lands just after a job ended (its original not yet removed), or
      // between spooling an upload and recording its job: the restart must not keep such files.
      fs.writeFileSync(path.join(scenario.spool, atKill.find((job) => job.status === 'completed')!.job_id), 'left by the crash');
      fs.writeFileSync(path.join(scenario.spool, randomUUID()), 'left by the crash');

      apiUrl = (await start({ WEBHOOK_URL: peer.urlTemplate, WEBHOOK_RETRY_BASE_MS: '50' })).url;
    }, RESTART_SCENARIO_TIMEOUT_MS);

    it('brings every accepted job to a final state: the images completed, the undecodable one failed with its reason', async () => {
      const jobs = await finalJobs();
      expect(jobs.map((job) => [job.job_id, job.status])).toEqual(jobIds.map((jobId) => [jobId, jobId === undecodableJobId ? 'failed' : 'completed']));
      expect(jobs.find((job) => job.job_id === undecodableJobId)?.error).toMatch(/cannot be decoded/);
    });

    it('leaves a job completed before the kill as it was', async () => {
      const done = atKill.filter((job) => job.status === 'completed');
      const now = await jobsAt(apiUrl, done.map((job) => job.job_id));
      expect(now.map((job) => ({ ...job, result_url: null }))).toEqual(done.map((job) => ({ ...job, result_url: null })));
    });

    it('has the original and every variant of each completed job in S3', async () => {
      for (const job of (await finalJobs()).filter((final) => final.status === 'completed')) {
        const result = await (await getJob(apiUrl, job.job_id, token, '/result')).json();
        const urls: string[] = [result.urls.original, ...result.variants.map((variant: { url: string }) => variant.url)];
        const fetched = await Promise.all(urls.map(async (url) => {
          const response = await fetch(url);
          return { status: response.status, type: response.headers.get('content-type'), bytes: (await response.arrayBuffer()).byteLength };
        }));
        expect(fetched.filter((object) => object.status !== 200 || !object.type?.startsWith('image/') || object.bytes === 0)).toEqual([]);
      }
    });

    it("sends every job's one event from the outbox, at least once, signed", async () => {
      await eventually(() => jobIds.every((jobId) => eventsOf(jobId).length > 0));
      for (const job of await finalJobs()) {
        const deliveries = eventsOf(job.job_id);
        // A resend after a crash is the same event: one webhook-id, so the receiver can drop duplicates.
        expect(new Set(deliveries.map((delivery) => delivery.headers['webhook-id'])).size).toBe(1);
        expect(deliveries.map((delivery) => [delivery.event.event_type, delivery.seedSignatureValid, delivery.standardSignatureValid])).toEqual(
          deliveries.map(() => [job.status === 'completed' ? 'image.processed' : 'image.failed', true, true]),
        );
      }
    });

    it('keeps no spooled original once every job has ended, nor what the crash left there', async () => {
      await finalJobs();
      expect(await spoolOnceSettled(scenario.spool)).toEqual([]);
    });
  });

  describe('killed during the last attempt a job had', () => {
    const { scenario, start } = useDataDir();
    let jobId: string;
    let job: Job;

    beforeAll(async () => {
      const first = await start({ JOB_MAX_ATTEMPTS: '1', PROCESSING_DELAY_MS: '600000', WEBHOOK_URL: peer.urlTemplate });
      jobId = (await (await upload(first.url, imageForm(await gradientJpeg(300, 200)), token)).json()).job_id;
      await waitForJob(first.url, jobId, token, (polled) => polled.status === 'processing');
      await first.kill();

      const second = await start({ JOB_MAX_ATTEMPTS: '1', WEBHOOK_URL: peer.urlTemplate, WEBHOOK_RETRY_BASE_MS: '50' });
      job = await waitForJob(second.url, jobId, token, isFinal);
    }, RESTART_SCENARIO_TIMEOUT_MS);

    // The image may be what killed the process: running it again could crash the API again and again.
    it('fails the job instead of giving it an attempt more, and says why', async () => {
      expect(job).toMatchObject({ status: 'failed', attempts: 1, error: expect.stringContaining('stopped during attempt 1 of 1') });
      expect(await spoolOnceSettled(scenario.spool)).toEqual([]);
    });

    it('sends its image.failed webhook', async () => {
      const [delivery] = await eventually(() => (eventsOf(jobId).length > 0 ? eventsOf(jobId) : undefined));
      expect(delivery.event).toMatchObject({ event_type: 'image.failed', attempts: 1, error: job.error });
    });
  });
});
