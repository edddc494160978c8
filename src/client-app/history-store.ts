import { openSqlite, type SqliteDatabase, type StorageLocation } from '../kit/sqlite';
import type { Migration } from '../kit/sqlite-migrations';

/** Where an upload came from: the upload form/API or a stress-test run. */
export type UploadSource = 'upload' | 'stress-test';

export interface NewHistoryEntry {
  job_id: string | null;
  image_id: string | null;
  user_id: string;
  filename: string | null;
  bytes: number;
  bucket: string | null;
  context: string | null;
  source: UploadSource;
  http_status: number;
  /** The job's status as last seen, or `rejected` when the image API refused the upload. */
  status: string;
  error: string | null;
}

export interface HistoryEntry extends NewHistoryEntry {
  id: number;
  created_at: string;
  updated_at: string;
}

export interface HistoryPage {
  items: HistoryEntry[];
  total: number;
  limit: number;
  offset: number;
}

/** Schema versions; version 1 also adopts unversioned files (docs/ARCHITECTURE.md, "Persistence"). */
const MIGRATIONS: readonly Migration[] = [
  `
  CREATE TABLE IF NOT EXISTS uploads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id TEXT UNIQUE,
    image_id TEXT,
    user_id TEXT NOT NULL,
    filename TEXT,
    bytes INTEGER NOT NULL,
    bucket TEXT,
    context TEXT,
    source TEXT NOT NULL,
    http_status INTEGER NOT NULL,
    status TEXT NOT NULL,
    error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS uploads_by_user ON uploads (user_id, id);
  `,
];

/**
 * Every upload the app sent, kept in SQLite (docs/ARCHITECTURE.md, "Persistence").
 * It is also how the app knows whose token to present when asked about a job.
 */
export class HistoryStore {
  private readonly db: SqliteDatabase;

  constructor(location: StorageLocation) {
    this.db = openSqlite(location, 'client-app.db', MIGRATIONS);
  }

  record(entry: NewHistoryEntry): HistoryEntry {
    const now = new Date().toISOString();
    const row = { ...entry, created_at: now, updated_at: now };
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO uploads (job_id, image_id, user_id, filename, bytes, bucket, context, source, http_status, status, error, created_at, updated_at)
         VALUES (@job_id, @image_id, @user_id, @filename, @bytes, @bucket, @context, @source, @http_status, @status, @error, @created_at, @updated_at)`,
      )
      .run(row);
    return { id: Number(lastInsertRowid), ...row };
  }

  /** The user who uploaded `jobId`, or undefined if the job did not go through this app. */
  ownerOf(jobId: string): string | undefined {
    const row = this.db.prepare('SELECT user_id FROM uploads WHERE job_id = ?').get(jobId) as { user_id: string } | undefined;
    return row?.user_id;
  }

  /** Remembers the latest job status seen, so the history shows where each job got to. */
  updateStatus(jobId: string, status: string, error: string | null): void {
    this.db
      .prepare('UPDATE uploads SET status = ?, error = ?, updated_at = ? WHERE job_id = ?')
      .run(status, error, new Date().toISOString(), jobId);
  }

  /** Newest first; `userId` narrows to one user's uploads. */
  list(query: { limit: number; offset: number; userId?: string }): HistoryPage {
    const where = query.userId === undefined ? '' : 'WHERE user_id = @userId';
    const params = { userId: query.userId, limit: query.limit, offset: query.offset };
    const items = this.db
      .prepare(`SELECT * FROM uploads ${where} ORDER BY id DESC LIMIT @limit OFFSET @offset`)
      .all(params) as HistoryEntry[];
    const { total } = this.db.prepare(`SELECT COUNT(*) AS total FROM uploads ${where}`).get(params) as { total: number };
    return { items, total, limit: query.limit, offset: query.offset };
  }

  close(): void {
    this.db.close();
  }
}
