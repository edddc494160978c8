import type Database from 'better-sqlite3';
import type { components } from '../../generated/image-api';
import type { ImageFormat } from './image-format';
import type { JobStatus, StoredImage } from './job';
import type { RollingRateLimiter } from './rolling-rate-limiter';
import type { DeliveryStatus } from './webhook-outbox';

export type Dashboard = components['schemas']['Dashboard'];
export type DependencyState = components['schemas']['DependencyState'];
type JobCounts = components['schemas']['JobCounts'];
type WebhookOutboxCounts = components['schemas']['WebhookOutboxCounts'];
type DashboardVariant = components['schemas']['DashboardVariant'];

/** Makes a presigned GET URL of an object (ObjectStorage.presignGet with the configured lifetime). */
export type PresignGet = (bucket: string, key: string) => Promise<string>;

export const DEFAULT_RECENT_JOBS = 50;

interface RecentJobRow {
  job_id: string;
  owner_id: string;
  status: JobStatus;
  attempts: number;
  error: string | null;
  format: ImageFormat;
  size_bytes: number;
  created_at: string;
  updated_at: string;
  bucket: string;
  /** StoredImage as JSON, once completed. */
  result: string | null;
}

/** The dashboard's queries, prepared once; all reads, so they never wait for the worker (WAL). */
function prepareStatements(db: Database.Database) {
  return {
    jobCounts: db.prepare<[], { status: JobStatus; count: number }>('SELECT status, COUNT(*) AS count FROM jobs GROUP BY status'),
    // rowid breaks ties between jobs created in the same millisecond: the later insert is newer.
    recentJobs: db.prepare<[number], RecentJobRow>(`SELECT job_id, owner_id, status, attempts, error, format, size_bytes, created_at,
      updated_at, bucket, result FROM jobs ORDER BY created_at DESC, rowid DESC LIMIT ?`),
    deliveryCounts: db.prepare<[], { status: DeliveryStatus; count: number }>(
      'SELECT status, COUNT(*) AS count FROM webhook_deliveries GROUP BY status'),
  };
}

/**
 * What the operator dashboard shows, read straight from the tables the job store and the webhook
 * outbox write, and from the rate limiter's memory. It only reads: nothing here changes a job.
 */
export class DashboardReadModel {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(
    db: Database.Database,
    private readonly rateLimiter: RollingRateLimiter,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.statements = prepareStatements(db);
  }

  /**
   * The current state, with the `recentJobs` newest jobs of every user, each completed one with
   * its WebP variants' URLs from `presign`; `s3` is probed by the caller.
   */
  async read(recentJobs: number, s3: DependencyState, presign: PresignGet): Promise<Dashboard> {
    return {
      generated_at: this.now().toISOString(),
      job_counts: this.jobCounts(),
      recent_jobs: await Promise.all(this.statements.recentJobs.all(recentJobs).map(async (row) => ({
        job_id: row.job_id,
        owner: row.owner_id,
        status: row.status,
        attempts: row.attempts,
        error: row.error,
        format: row.format,
        size_bytes: row.size_bytes,
        created_at: row.created_at,
        updated_at: row.updated_at,
        ...(row.result === null ? {} : { variants: await webpVariants(row.bucket, JSON.parse(row.result) as StoredImage, presign) }),
      }))),
      rate_limits: this.rateLimiter.usage().map((entry) => ({
        user: entry.key,
        used: entry.used,
        limit: entry.limit,
        reset_at: new Date(entry.resetAt).toISOString(),
      })),
      webhooks: this.deliveryCounts(),
      s3,
    };
  }

  private jobCounts(): JobCounts {
    const counts: JobCounts = { pending: 0, processing: 0, retrying: 0, completed: 0, failed: 0, total: 0 };
    for (const { status, count } of this.statements.jobCounts.all()) {
      counts[status] = count;
      counts.total += count;
    }
    return counts;
  }

  private deliveryCounts(): WebhookOutboxCounts {
    const counts: WebhookOutboxCounts = { pending: 0, delivered: 0, failed: 0 };
    for (const { status, count } of this.statements.deliveryCounts.all()) counts[status] = count;
    return counts;
  }
}

/** The WebP variants (every image has them) with URLs a browser can load. */
function webpVariants(bucket: string, image: StoredImage, presign: PresignGet): Promise<DashboardVariant[]> {
  return Promise.all(image.variants
    .filter((variant) => variant.format === 'webp')
    .map(async (variant) => ({ name: variant.name, width: variant.width, height: variant.height, url: await presign(bucket, variant.key) })));
}
