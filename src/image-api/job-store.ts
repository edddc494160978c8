import type Database from 'better-sqlite3';
import type { ImageFormat } from './image-format';
import type { JobRecord, JobStatus, NewJob, StoredImage } from './job';

interface JobRow {
  job_id: string;
  image_id: string;
  owner_id: string;
  client_id: string;
  bucket: string;
  format: string;
  size_bytes: number;
  file_name: string | null;
  metadata: string;
  status: string;
  attempts: number;
  error: string | null;
  result: string | null;
  requested_at: string;
  created_at: string;
  updated_at: string;
}

/** Every query the store runs, prepared once. */
function prepareStatements(db: Database.Database) {
  return {
    insert: db.prepare(`INSERT INTO jobs (job_id, image_id, owner_id, client_id, bucket, format, size_bytes, file_name,
      metadata, status, attempts, requested_at, created_at, updated_at)
      VALUES (@jobId, @imageId, @ownerId, @clientId, @bucket, @format, @sizeBytes, @fileName, @metadata, 'pending', 0, @requestedAt, @now, @now)`),
    get: db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE job_id = ?'),
    requestedSince: db.prepare<[string], Pick<JobRow, 'owner_id' | 'requested_at'>>(
      'SELECT owner_id, requested_at FROM jobs WHERE requested_at > ? ORDER BY requested_at'),
    unfinished: db.prepare<[], JobRow>(
      "SELECT * FROM jobs WHERE status IN ('pending', 'processing', 'retrying') ORDER BY created_at, job_id"),
    startAttempt: db.prepare(
      "UPDATE jobs SET status = 'processing', attempts = attempts + 1, updated_at = ? WHERE job_id = ?"),
    interrupt: db.prepare(
      "UPDATE jobs SET status = 'pending', attempts = attempts - 1, updated_at = ? WHERE job_id = ? AND status = 'processing'"),
    retry: db.prepare("UPDATE jobs SET status = 'retrying', error = ?, updated_at = ? WHERE job_id = ?"),
    complete: db.prepare("UPDATE jobs SET status = 'completed', error = NULL, result = ?, updated_at = ? WHERE job_id = ?"),
    fail: db.prepare("UPDATE jobs SET status = 'failed', error = ?, updated_at = ? WHERE job_id = ?"),
  };
}

/** Job records in SQLite; every status change stamps `updated_at`. */
export class JobStore {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(db: Database.Database, private readonly now: () => Date = () => new Date()) {
    this.statements = prepareStatements(db);
  }

  create(job: NewJob): JobRecord {
    this.statements.insert.run({ ...job, metadata: JSON.stringify(job.metadata), now: this.timestamp() });
    return this.require(job.jobId);
  }

  get(jobId: string): JobRecord | undefined {
    const row = this.statements.get.get(jobId);
    return row && toRecord(row);
  }

  /**
   * Who asked for each job requested after `since` and when, oldest first: every accepted upload
   * of that time, each of which holds a rate-limit slot.
   */
  requestedSince(since: Date): Array<Pick<JobRecord, 'ownerId' | 'requestedAt'>> {
    return this.statements.requestedSince.all(since.toISOString()).map((row) => ({ ownerId: row.owner_id, requestedAt: row.requested_at }));
  }

  /** Jobs a restart must pick up again, oldest first. */
  unfinished(): JobRecord[] {
    return this.statements.unfinished.all().map(toRecord);
  }

  /** Marks the job as being processed and counts the attempt. */
  startAttempt(jobId: string): JobRecord {
    this.statements.startAttempt.run(this.timestamp(), jobId);
    return this.require(jobId);
  }

  /** An attempt cut short by a shutdown does not count: the job goes back to pending. */
  interrupt(jobId: string): void {
    this.statements.interrupt.run(this.timestamp(), jobId);
  }

  markRetrying(jobId: string, error: string): void {
    this.statements.retry.run(error, this.timestamp(), jobId);
  }

  complete(jobId: string, result: StoredImage): void {
    this.statements.complete.run(JSON.stringify(result), this.timestamp(), jobId);
  }

  fail(jobId: string, error: string): void {
    this.statements.fail.run(error, this.timestamp(), jobId);
  }

  private require(jobId: string): JobRecord {
    const job = this.get(jobId);
    if (!job) throw new Error(`job ${jobId} vanished from the store`);
    return job;
  }

  private timestamp(): string {
    return this.now().toISOString();
  }
}

function toRecord(row: JobRow): JobRecord {
  return {
    jobId: row.job_id,
    imageId: row.image_id,
    ownerId: row.owner_id,
    clientId: row.client_id,
    bucket: row.bucket,
    format: row.format as ImageFormat,
    sizeBytes: row.size_bytes,
    fileName: row.file_name,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    status: row.status as JobStatus,
    attempts: row.attempts,
    error: row.error,
    result: row.result === null ? null : (JSON.parse(row.result) as StoredImage),
    requestedAt: row.requested_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
