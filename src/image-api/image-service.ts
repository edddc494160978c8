import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { reroutedFetch, type Logger } from '../kit';
import { AccessTokenVerifier, type Principal } from './access-token';
import type { ImageApiConfig } from './config';
import { DashboardReadModel, DEFAULT_RECENT_JOBS, type Dashboard, type DependencyState } from './dashboard-read-model';
import { openImageApiDatabase } from './database';
import { JobNotCompletedError, JobNotFoundError } from './errors';
import type { JobRecord } from './job';
import { JobProcessor } from './job-processor';
import { IssuerTokenVerifier } from './issuer-token';
import { presentResult, type ImageResult } from './job-result';
import { JobStore } from './job-store';
import { receiveMultipartUpload } from './multipart-upload';
import { ObjectStorage } from './object-storage';
import { RollingRateLimiter, type RateLimitState } from './rolling-rate-limiter';
import { TaskScheduler } from './task-scheduler';
import { readUploadOptions } from './upload-form';
import { UploadSpool } from './upload-spool';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookOutbox } from './webhook-outbox';

const HOUR_MS = 60 * 60 * 1000;
const HEALTH_PROBE_TIMEOUT_MS = 1500;

/**
 * The image API's domain, free of HTTP: who may upload, what an upload becomes (a job in SQLite
 * and a file in the spool), and the worker that turns jobs into images in S3 and webhooks.
 */
export class ImageService {
  private constructor(
    private readonly config: ImageApiConfig,
    private readonly db: Database.Database,
    private readonly jobs: JobStore,
    private readonly spool: UploadSpool,
    private readonly storage: ObjectStorage,
    private readonly rateLimiter: RollingRateLimiter,
    private readonly worker: TaskScheduler,
    private readonly webhooks: WebhookDispatcher,
    private readonly dashboardView: DashboardReadModel,
    private readonly tokens: AccessTokenVerifier,
  ) {}

  /** Opens the database and the spool, and resumes the jobs and webhooks a previous run left. */
  static async open(config: ImageApiConfig, logger: Logger): Promise<ImageService> {
    const db = openImageApiDatabase(config);
    const jobs = new JobStore(db);
    const outbox = new WebhookOutbox(db);
    const unfinished = jobs.unfinished();
    const spool = await UploadSpool.open(config, new Set(unfinished.map((job) => job.jobId)));
    const storage = new ObjectStorage({
      endpoint: config.awsEndpointUrl,
      publicEndpoint: config.s3PublicUrl || config.awsEndpointUrl,
      region: config.awsRegion,
      accessKeyId: config.awsAccessKeyId,
      secretAccessKey: config.awsSecretAccessKey,
    });
    const webhooks = new WebhookDispatcher(outbox, {
      urlTemplate: config.webhookUrl,
      secret: config.webhookSecret,
      maxAttempts: config.webhookMaxAttempts,
      retryBaseMs: config.webhookRetryBaseMs,
      timeoutMs: config.webhookTimeoutMs,
    }, logger);
    const processor = new JobProcessor({
      db, jobs, outbox, storage, spool, webhooks, logger,
      settings: {
        processingDelayMs: config.processingDelayMs,
        failureRate: config.failureRate,
        maxAttempts: config.jobMaxAttempts,
        retryBaseMs: config.jobRetryBaseMs,
        presignedUrlExpiresS: config.presignedUrlExpiresS,
        maxInputPixels: config.maxInputPixels,
      },
    });
    const worker = new TaskScheduler(config.workerConcurrency, (id, signal) => processor.run(id, signal), (id, error) =>
      logger.error({ err: error, jobId: id }, 'job processing crashed'));
    const rateLimiter = new RollingRateLimiter(config.rateLimitPerHour, HOUR_MS);
    // Each accepted upload held a slot from its request on; those of the last hour still do.
    rateLimiter.restore(jobs.requestedSince(new Date(rateLimiter.windowStart()))
      .map((job) => ({ key: job.ownerId, takenAt: Date.parse(job.requestedAt) })));
    const dashboardView = new DashboardReadModel(db, rateLimiter);
    const tokens = new AccessTokenVerifier(config.jwtSecret, new IssuerTokenVerifier({
      issuer: config.authIssuer,
      // A client names this API by a resource indicator (RFC 8707), its URL, or by a name.
      audiences: [...config.authAudience, config.publicUrl],
      fetch: reroutedFetch(config.authIssuer, config.authProviderUrl),
      cooldownMs: config.authJwksCooldownMs,
      tokenType: config.authTokenTyp,
    }));
    const service = new ImageService(config, db, jobs, spool, storage, rateLimiter, worker, webhooks, dashboardView, tokens);
    for (const job of unfinished) worker.schedule(job.jobId);
    webhooks.resume();
    return service;
  }

  authenticate(authorization: string | undefined): Promise<Principal> {
    return this.tokens.verify(authorization);
  }

  /** The rate-limit headers' values for a user (for an unknown caller: the full quota). */
  rateLimitState(userId: string | undefined): RateLimitState {
    return userId === undefined
      ? { limit: this.rateLimiter.limit, remaining: this.rateLimiter.limit, resetAt: Date.now() }
      : this.rateLimiter.state(userId);
  }

  /**
   * Takes a rate-limit slot first (so concurrent uploads cannot overrun the limit), then receives
   * the body; any refusal gives the slot back. The accepted job is queued for the worker.
   */
  async acceptUpload(principal: Principal, body: Readable, headers: IncomingHttpHeaders): Promise<JobRecord> {
    const slot = this.rateLimiter.take(principal.userId);
    try {
      const upload = await receiveMultipartUpload(body, headers, this.spool.incomingPath(), this.config.maxUploadBytes);
      const jobId = randomUUID();
      try {
        const options = readUploadOptions(upload.fields, this.config.s3Bucket);
        await this.spool.commit(upload.path, jobId);
        const job = this.jobs.create({
          jobId,
          imageId: randomUUID(),
          ownerId: principal.userId,
          clientId: principal.clientId,
          bucket: options.bucket,
          format: upload.format,
          sizeBytes: upload.sizeBytes,
          fileName: upload.fileName,
          metadata: options.metadata,
          requestedAt: new Date(slot.takenAt).toISOString(),
        });
        this.worker.schedule(job.jobId);
        return job;
      } catch (error) {
        await Promise.all([this.spool.discard(upload.path), this.spool.discard(this.spool.pathOf(jobId))]);
        throw error;
      }
    } catch (error) {
      this.rateLimiter.release(slot);
      throw error;
    }
  }

  statusUrl(jobId: string): string {
    return `${this.config.publicUrl}/api/v1/images/jobs/${jobId}`;
  }

  /** A job, if it belongs to the caller: another user's job is reported as missing, not forbidden. */
  getJob(principal: Principal, jobId: string): JobRecord {
    // Ids are issued in lower case, but a UUID's hex digits are case-insensitive on input (RFC 9562
    // §4), and some clients write them in capitals (Swift's UUID.uuidString).
    const job = this.jobs.get(jobId.toLowerCase());
    if (!job || job.ownerId !== principal.userId) throw new JobNotFoundError(jobId);
    return job;
  }

  async getResult(principal: Principal, jobId: string): Promise<ImageResult> {
    const job = this.getJob(principal, jobId);
    if (job.status !== 'completed' || !job.result) throw new JobNotCompletedError(jobId, job.status, job.error);
    return presentResult({ ...job, result: job.result }, this.storage, this.config.presignedUrlExpiresS);
  }

  async dependencies(): Promise<{ s3: DependencyState }> {
    const probe = await this.storage.probe(HEALTH_PROBE_TIMEOUT_MS);
    const url = this.storage.endpoint;
    return { s3: probe.reachable ? { status: 'ok', url } : { status: 'down', url, detail: probe.detail } };
  }

  /** Where the images of result URLs come from (the origin presigned URLs name): the dashboard's CSP allows it. */
  get resultImageOrigin(): string {
    return this.storage.publicOrigin;
  }

  /** The operator's view of every user's jobs, rate limits and webhooks, with S3 probed now. */
  async dashboard(recentJobs = DEFAULT_RECENT_JOBS): Promise<Dashboard> {
    const presign = (bucket: string, key: string) => this.storage.presignGet(bucket, key, this.config.presignedUrlExpiresS);
    return this.dashboardView.read(recentJobs, (await this.dependencies()).s3, presign);
  }

  /** Stops the worker (an interrupted job resumes at the next start), then closes storage. */
  async close(): Promise<void> {
    await this.worker.stop();
    await this.webhooks.stop();
    this.db.close();
    this.storage.close();
    await this.spool.close();
  }
}
