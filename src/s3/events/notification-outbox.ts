/**
 * The durable outbox of S3 event notifications: one row per message and destination, written in
 * the same SQLite transaction as the change it describes (docs/ARCHITECTURE.md, "S3 event
 * notifications"), so a crash loses no event and no event describes a write that did not
 * commit. The delivery worker (notification-delivery.ts) takes rows from here.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { MessageFormat } from './destinations';
import type { Notification } from './event-messages';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** The outbox's table (a migration of the S3 index, store/metadata-index.ts). */
export const OUTBOX_SCHEMA = `
  CREATE TABLE notification_outbox (
    id INTEGER PRIMARY KEY, message_id TEXT NOT NULL, destination TEXT NOT NULL, format TEXT,
    bucket TEXT NOT NULL, key TEXT NOT NULL, event_name TEXT NOT NULL, sequencer TEXT,
    notification TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL, next_attempt_at INTEGER NOT NULL, last_attempt_at INTEGER,
    last_status INTEGER, last_error TEXT);
  CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at, id) WHERE status = 'pending';
  CREATE INDEX notification_outbox_by_key ON notification_outbox (destination, bucket, key, id) WHERE status = 'pending';
`;

export interface OutboxEntry {
  destination: string;
  /** Overrides the destination's format (EventBridgeConfiguration). */
  format?: MessageFormat;
  bucket: string;
  key: string;
  eventName: string;
  sequencer?: string;
  notification: Notification;
}

interface OutboxRow {
  id: number;
  message_id: string;
  destination: string;
  format: MessageFormat | null;
  bucket: string;
  key: string;
  event_name: string;
  sequencer: string | null;
  notification: string;
  status: DeliveryStatus;
  attempts: number;
  created_at: number;
  next_attempt_at: number;
  last_attempt_at: number | null;
  last_status: number | null;
  last_error: string | null;
}

export interface OutboxMessage extends OutboxEntry {
  id: number;
  /** The webhook-id of every attempt (stable, so a receiver can drop a retried duplicate). */
  messageId: string;
  status: DeliveryStatus;
  attempts: number;
  createdAt: Date;
  nextAttemptAt: Date;
  lastAttemptAt?: Date;
  /** The destination's last HTTP status, if it answered. */
  lastStatus?: number;
  /** Why the last attempt failed (a status, a timeout, a refused connection). */
  lastError?: string;
}

/** The row an attempt was made for. */
export type SentMessage = Pick<OutboxMessage, 'id' | 'messageId'>;

export class NotificationOutbox {
  /** Set while a transaction that queued rows has not told the worker yet. */
  private queued = false;
  private listener: () => void = () => undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly statement: (sql: string) => Database.Statement,
  ) {}

  /** Inside the transaction of the change. */
  enqueue(entries: OutboxEntry[], now = Date.now()): void {
    const insert = this.statement(
      `INSERT INTO notification_outbox (message_id, destination, format, bucket, key, event_name, sequencer, notification, created_at, next_attempt_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const entry of entries) {
      insert.run(`msg_${randomUUID()}`, entry.destination, entry.format ?? null, entry.bucket, entry.key, entry.eventName, entry.sequencer ?? null, JSON.stringify(entry.notification), now, now);
    }
    if (entries.length > 0) this.queued = true;
  }

  /** Called once the outermost transaction committed (or rolled back: its rows are gone). */
  settled(committed: boolean): void {
    const wake = this.queued && committed;
    this.queued = false;
    if (wake) this.listener();
  }

  /** The delivery worker's wake-up call for newly committed rows. */
  onQueued(listener: () => void): void {
    this.listener = listener;
  }

  /**
   * Pending rows due by `now`, oldest first, each the oldest pending row of its destination and
   * key (so one key's events go out in order), leaving out the messages in `busy` (message ids).
   */
  due(now: number, limit: number, busy: ReadonlySet<string>): OutboxMessage[] {
    const rows = this.statement(
      `SELECT * FROM notification_outbox o WHERE status = 'pending' AND next_attempt_at <= ?
         AND NOT EXISTS (SELECT 1 FROM notification_outbox e WHERE e.status = 'pending' AND e.destination = o.destination
                         AND e.bucket = o.bucket AND e.key = o.key AND e.id < o.id)
       ORDER BY id LIMIT ?`,
    ).all(now, limit + busy.size) as OutboxRow[];
    return rows.filter((row) => !busy.has(row.message_id)).slice(0, limit).map(toMessage);
  }

  /** When the next pending row falls due after `now` (a retry waiting for its time), if any. */
  nextDueAfter(now: number): number | undefined {
    const at = this.statement("SELECT MIN(next_attempt_at) FROM notification_outbox WHERE status = 'pending' AND next_attempt_at > ?").pluck().get(now) as number | null;
    return at ?? undefined;
  }

  /**
   * A 2xx answer. An outcome names its row by id and message id both: rowids start again at 1
   * once clear() has emptied the table (/admin/reset), so an attempt still under way then would
   * otherwise settle the new row that took its id, which would never be sent.
   */
  recordDelivered(message: SentMessage, status: number, at: number): void {
    this.statement("UPDATE notification_outbox SET status = 'delivered', attempts = attempts + 1, last_attempt_at = ?, last_status = ?, last_error = NULL WHERE id = ? AND message_id = ?")
      .run(at, status, message.id, message.messageId);
  }

  /** A failed attempt: retried at `retryAt`, or failed for good without one. */
  recordFailure(message: SentMessage, failure: { status?: number; error: string }, at: number, retryAt: number | undefined): void {
    this.statement(
      `UPDATE notification_outbox SET status = ?, attempts = attempts + 1, last_attempt_at = ?, last_status = ?, last_error = ?,
         next_attempt_at = COALESCE(?, next_attempt_at) WHERE id = ? AND message_id = ?`,
    ).run(retryAt === undefined ? 'failed' : 'pending', at, failure.status ?? null, failure.error, retryAt ?? null, message.id, message.messageId);
  }

  /** Newest first. */
  list(query: { status?: DeliveryStatus; bucket?: string; limit: number; offset: number }): OutboxMessage[] {
    const rows = this.statement(
      'SELECT * FROM notification_outbox WHERE (@status IS NULL OR status = @status) AND (@bucket IS NULL OR bucket = @bucket) ORDER BY id DESC LIMIT @limit OFFSET @offset',
    ).all({ status: query.status ?? null, bucket: query.bucket ?? null, limit: query.limit, offset: query.offset }) as OutboxRow[];
    return rows.map(toMessage);
  }

  counts(): Record<DeliveryStatus, number> {
    const counts: Record<DeliveryStatus, number> = { pending: 0, delivered: 0, failed: 0 };
    for (const row of this.statement('SELECT status, COUNT(*) AS n FROM notification_outbox GROUP BY status').all() as { status: DeliveryStatus; n: number }[]) {
      counts[row.status] = row.n;
    }
    return counts;
  }

  /** Deletes delivered and failed rows but the newest `keep`, so the outbox does not grow without end. */
  prune(keep: number): void {
    this.statement(
      `DELETE FROM notification_outbox WHERE status != 'pending' AND id <= (
         SELECT id FROM notification_outbox WHERE status != 'pending' ORDER BY id DESC LIMIT 1 OFFSET ?)`,
    ).run(keep);
  }

  /** The last sequencer issued before this start, so sequencers keep growing across restarts. */
  lastSequencer(): string | undefined {
    return (this.statement('SELECT MAX(sequencer) FROM notification_outbox').pluck().get() as string | null) ?? undefined;
  }

  clear(): void {
    this.db.exec('DELETE FROM notification_outbox');
  }
}

function toMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    messageId: row.message_id,
    destination: row.destination,
    ...(row.format ? { format: row.format } : {}),
    bucket: row.bucket,
    key: row.key,
    eventName: row.event_name,
    ...(row.sequencer ? { sequencer: row.sequencer } : {}),
    notification: JSON.parse(row.notification) as Notification,
    status: row.status,
    attempts: row.attempts,
    createdAt: new Date(row.created_at),
    nextAttemptAt: new Date(row.next_attempt_at),
    ...(row.last_attempt_at !== null ? { lastAttemptAt: new Date(row.last_attempt_at) } : {}),
    ...(row.last_status !== null ? { lastStatus: row.last_status } : {}),
    ...(row.last_error !== null ? { lastError: row.last_error } : {}),
  };
}
