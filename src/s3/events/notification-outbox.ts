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

/**
 * A later migration: a pending row behind an earlier pending row of its destination and key has
 * no next attempt (NULL) until that one is settled, nor has a settled row. So the delivery
 * worker's search for due rows reads only rows that may go now, however many wait behind a
 * destination that is down.
 */
export const OUTBOX_WAITING_ROWS_MIGRATION = `
  CREATE TABLE notification_outbox_new (
    id INTEGER PRIMARY KEY, message_id TEXT NOT NULL, destination TEXT NOT NULL, format TEXT,
    bucket TEXT NOT NULL, key TEXT NOT NULL, event_name TEXT NOT NULL, sequencer TEXT,
    notification TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL, next_attempt_at INTEGER, last_attempt_at INTEGER,
    last_status INTEGER, last_error TEXT);
  INSERT INTO notification_outbox_new SELECT * FROM notification_outbox;
  DROP TABLE notification_outbox;
  ALTER TABLE notification_outbox_new RENAME TO notification_outbox;
  CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at, id) WHERE status = 'pending';
  CREATE INDEX notification_outbox_by_key ON notification_outbox (destination, bucket, key, id) WHERE status = 'pending';
  UPDATE notification_outbox SET next_attempt_at = NULL WHERE status != 'pending' OR EXISTS (
    SELECT 1 FROM notification_outbox e WHERE e.status = 'pending' AND e.destination = notification_outbox.destination
      AND e.bucket = notification_outbox.bucket AND e.key = notification_outbox.key AND e.id < notification_outbox.id);
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
  next_attempt_at: number | null;
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
  /** When it may next be sent; none while it is settled, or pending behind an earlier event of its key. */
  nextAttemptAt?: Date;
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
  /** Settles a row and lets the next pending row of its key go, both or neither. */
  private readonly settle: (settled: () => Database.RunResult, message: SentMessage, at: number) => void;

  constructor(
    private readonly db: Database.Database,
    private readonly statement: (sql: string) => Database.Statement,
  ) {
    this.settle = db.transaction((settled: () => Database.RunResult, message: SentMessage, at: number) => {
      if (settled().changes === 0) return;
      this.statement(
        `UPDATE notification_outbox SET next_attempt_at = @at WHERE id = (
           SELECT MIN(n.id) FROM notification_outbox s JOIN notification_outbox n
             ON n.status = 'pending' AND n.destination = s.destination AND n.bucket = s.bucket AND n.key = s.key
           WHERE s.id = @id)`,
      ).run({ at, id: message.id });
    });
  }

  /** Inside the transaction of the change. A row behind a pending one of its key waits for it (no next attempt). */
  enqueue(entries: OutboxEntry[], now = Date.now()): void {
    const insert = this.statement(
      `INSERT INTO notification_outbox (message_id, destination, format, bucket, key, event_name, sequencer, notification, created_at, next_attempt_at)
       SELECT @messageId, @destination, @format, @bucket, @key, @eventName, @sequencer, @notification, @now,
         CASE WHEN EXISTS (SELECT 1 FROM notification_outbox WHERE status = 'pending' AND destination = @destination AND bucket = @bucket AND key = @key)
           THEN NULL ELSE @now END`,
    );
    for (const entry of entries) {
      insert.run({
        messageId: `msg_${randomUUID()}`,
        destination: entry.destination,
        format: entry.format ?? null,
        bucket: entry.bucket,
        key: entry.key,
        eventName: entry.eventName,
        sequencer: entry.sequencer ?? null,
        notification: JSON.stringify(entry.notification),
        now,
      });
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
   * Pending rows due by `now`, the longest due first, leaving out the messages in `busy` (message
   * ids). Only the oldest pending row of a destination and key has a next attempt, so one key's
   * events go out in order.
   */
  due(now: number, limit: number, busy: ReadonlySet<string>): OutboxMessage[] {
    const rows = this.statement(
      "SELECT * FROM notification_outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
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
    const settled = () =>
      this.statement("UPDATE notification_outbox SET status = 'delivered', attempts = attempts + 1, last_attempt_at = ?, last_status = ?, last_error = NULL, next_attempt_at = NULL WHERE id = ? AND message_id = ?")
        .run(at, status, message.id, message.messageId);
    this.settle(settled, message, at);
  }

  /** A failed attempt: retried at `retryAt`, or failed for good without one. */
  recordFailure(message: SentMessage, failure: { status?: number; error: string }, at: number, retryAt: number | undefined): void {
    const recorded = () =>
      this.statement(
        'UPDATE notification_outbox SET status = ?, attempts = attempts + 1, last_attempt_at = ?, last_status = ?, last_error = ?, next_attempt_at = ? WHERE id = ? AND message_id = ?',
      ).run(retryAt === undefined ? 'failed' : 'pending', at, failure.status ?? null, failure.error, retryAt ?? null, message.id, message.messageId);
    // Failed for good, it settles and lets the next of its key go; a retry keeps its key's turn.
    if (retryAt === undefined) this.settle(recorded, message, at);
    else recorded();
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
    ...(row.next_attempt_at !== null ? { nextAttemptAt: new Date(row.next_attempt_at) } : {}),
    ...(row.last_attempt_at !== null ? { lastAttemptAt: new Date(row.last_attempt_at) } : {}),
    ...(row.last_status !== null ? { lastStatus: row.last_status } : {}),
    ...(row.last_error !== null ? { lastError: row.last_error } : {}),
  };
}
