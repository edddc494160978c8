import { openSqlite, type SqliteDatabase, type StorageLocation } from '../kit/sqlite';
import type { Migration } from '../kit/sqlite-migrations';

/**
 * The image API's SQLite file: `<DATA_DIR>/image-api.db` (WAL, so readers never wait for the
 * worker's writes), or an in-memory database for STORAGE=memory. Jobs and the webhook outbox
 * share it, so finishing a job and queueing its webhook is one transaction.
 */
export function openImageApiDatabase(location: StorageLocation): SqliteDatabase {
  return openSqlite(location, 'image-api.db', MIGRATIONS);
}

/** Schema versions; version 1 also adopts unversioned files (docs/ARCHITECTURE.md, "Persistence"). */
const MIGRATIONS: readonly Migration[] = [
  `
CREATE TABLE IF NOT EXISTS jobs (
  job_id      TEXT PRIMARY KEY,
  image_id    TEXT NOT NULL UNIQUE,
  owner_id    TEXT NOT NULL,
  client_id   TEXT NOT NULL,
  bucket      TEXT NOT NULL,
  format      TEXT NOT NULL,
  size_bytes  INTEGER NOT NULL,
  file_name   TEXT,
  metadata    TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('pending', 'processing', 'retrying', 'completed', 'failed')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  error       TEXT,
  result      TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_unfinished ON jobs (status) WHERE status IN ('pending', 'processing', 'retrying');
CREATE INDEX IF NOT EXISTS jobs_created_at ON jobs (created_at);

CREATE TABLE IF NOT EXISTS webhook_deliveries (
  delivery_id TEXT PRIMARY KEY,
  job_id      TEXT NOT NULL REFERENCES jobs (job_id),
  client_id   TEXT NOT NULL,
  event_type  TEXT NOT NULL,
  body        TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  last_error  TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS webhook_deliveries_pending ON webhook_deliveries (status) WHERE status = 'pending';
`,
  // 2: when each upload took its rate-limit slot, so a restart holds the slots of the last hour
  // again (docs/ARCHITECTURE.md, "Rolling rate limiter"). Earlier jobs never recorded it: their
  // creation, the end of the same request, stands in.
  `
ALTER TABLE jobs ADD COLUMN requested_at TEXT;
UPDATE jobs SET requested_at = created_at;
CREATE INDEX jobs_requested_at ON jobs (requested_at);
`,
];
