import type Database from 'better-sqlite3';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../kit';
import { backoffDelay } from '../kit/backoff';
import { ImageApiError, PermanentJobError } from './errors';
import { contentTypeOf, extensionOf } from './image-format';
import { renderImage } from './image-renderer';
import { UNFINISHED_STATUSES, type JobRecord, type StoredImage, type StoredVariant } from './job';
import { presentResult } from './job-result';
import type { JobStore } from './job-store';
import type { ObjectStorage } from './object-storage';
import type { TaskOutcome } from './task-scheduler';
import type { UploadSpool } from './upload-spool';
import type { WebhookDispatcher } from './webhook-dispatcher';
import { imageFailed, imageProcessed } from './webhook-events';
import type { NewDelivery, WebhookOutbox } from './webhook-outbox';

export interface ProcessingSettings {
  processingDelayMs: number;
  failureRate: number;
  maxAttempts: number;
  retryBaseMs: number;
  presignedUrlExpiresS: number;
  /** MAX_INPUT_PIXELS: a larger image fails its job without being decoded. */
  maxInputPixels: number;
}

/** FAILURE_RATE decided that this attempt fails. */
export class SimulatedFailureError extends ImageApiError {
  constructor(failureRate: number) {
    super(`simulated processing failure (FAILURE_RATE=${failureRate})`);
  }
}

export interface JobProcessorDeps {
  db: Database.Database;
  jobs: JobStore;
  outbox: WebhookOutbox;
  storage: ObjectStorage;
  spool: UploadSpool;
  webhooks: WebhookDispatcher;
  settings: ProcessingSettings;
  logger: Logger;
  random?: () => number;
}

/**
 * One processing attempt of one job: store the original in S3, render and store the variants,
 * then record the outcome and queue its webhook in one transaction. A failed attempt is retried
 * with backoff until `maxAttempts`; an image that cannot be processed (undecodable, too many
 * pixels) or an S3 refusal that asking again cannot change (StorageRefusedError) fails at once.
 */
export class JobProcessor {
  private readonly random: () => number;

  constructor(private readonly deps: JobProcessorDeps) {
    this.random = deps.random ?? Math.random;
  }

  async run(jobId: string, stopping: AbortSignal): Promise<TaskOutcome> {
    const { jobs, settings } = this.deps;
    const queued = jobs.get(jobId);
    if (!queued || !UNFINISHED_STATUSES.includes(queued.status)) return undefined;
    // Only a process that died mid-attempt (kill -9, out of memory) leaves a job `processing` for
    // run() to find. The image itself may be what killed it, so that attempt counts: at the limit
    // the job fails here instead of taking the process down again and again.
    if (queued.status === 'processing' && queued.attempts >= settings.maxAttempts) {
      const reason = `the image API stopped during attempt ${queued.attempts} of ${settings.maxAttempts} (killed or crashed); no attempts left`;
      this.finish(queued, imageFailed(queued, reason, queued.attempts), () => jobs.fail(jobId, reason));
      this.deps.logger.warn({ jobId, reason }, 'job failed');
      return undefined;
    }
    const job = jobs.startAttempt(jobId);
    const log = this.deps.logger.child({ jobId, attempt: job.attempts });
    try {
      const stored = await this.process(job, stopping);
      const completed = { ...job, result: stored };
      const result = await presentResult(completed, this.deps.storage, settings.presignedUrlExpiresS);
      this.finish(job, imageProcessed(job, result), () => jobs.complete(jobId, stored));
      log.info('job completed');
      return undefined;
    } catch (error) {
      if (stopping.aborted) {
        jobs.interrupt(jobId);
        return undefined;
      }
      const reason = (error as Error).message;
      if (job.attempts < settings.maxAttempts && !(error instanceof PermanentJobError)) {
        jobs.markRetrying(jobId, reason);
        const retryInMs = backoffDelay(job.attempts, settings.retryBaseMs);
        log.warn({ reason, retryInMs }, 'processing attempt failed; will retry');
        return { retryInMs };
      }
      this.finish(job, imageFailed(job, reason, job.attempts), () => jobs.fail(jobId, reason));
      log.warn({ reason }, 'job failed');
      return undefined;
    }
  }

  private async process(job: JobRecord, stopping: AbortSignal): Promise<StoredImage> {
    const { settings, storage, spool } = this.deps;
    if (settings.processingDelayMs > 0) await sleep(settings.processingDelayMs, undefined, { signal: stopping });
    if (this.random() < settings.failureRate) throw new SimulatedFailureError(settings.failureRate);

    const file = spool.pathOf(job.jobId);
    const { analysis, variants: rendered } = await renderImage(file, settings.maxInputPixels);
    await storage.ensureBucket(job.bucket, stopping);
    const originalKey = `${imagePrefix(job)}/original.${extensionOf(job.format)}`;
    await storage.putFile(job.bucket, originalKey, file, contentTypeOf(job.format), job.sizeBytes, stopping);
    const variants: StoredVariant[] = [];
    for (const variant of rendered) {
      const key = `${imagePrefix(job)}/${variant.name}.${extensionOf(variant.format)}`;
      await storage.putBuffer(job.bucket, key, variant.data, contentTypeOf(variant.format), stopping);
      variants.push({ name: variant.name, format: variant.format, width: variant.width, height: variant.height, sizeBytes: variant.data.length, key });
    }
    return {
      width: analysis.width,
      height: analysis.height,
      format: job.format,
      sizeBytes: job.sizeBytes,
      dominantColor: analysis.dominantColor,
      originalKey,
      variants,
      processedAt: new Date().toISOString(),
    };
  }

  /** The job's final state and its webhook are written together (transactional outbox). */
  private finish(job: JobRecord, event: NewDelivery, record: () => void): void {
    this.deps.db.transaction(() => {
      record();
      this.deps.outbox.add(event);
    })();
    this.deps.webhooks.send(event.deliveryId);
    this.deps.spool.discard(this.deps.spool.pathOf(job.jobId)).catch((error) =>
      this.deps.logger.warn({ err: error, jobId: job.jobId }, 'could not remove the spooled original'));
  }
}

/** Every object of one image lives under `images/<image_id>/`. */
function imagePrefix(job: JobRecord): string {
  return `images/${job.imageId}`;
}
