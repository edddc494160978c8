import { randomBytes } from 'node:crypto';
import type { Db } from '../database';
import type { HeaderPairs, OutboundAnswer } from '../outbound-request';

/** pending: waiting for its next attempt; delivered: the app answered 2xx; failed: every attempt used. */
export type ForwardState = 'pending' | 'delivered' | 'failed';
export const FORWARD_STATES: readonly ForwardState[] = ['pending', 'delivered', 'failed'];

/** One event on its way to the app under development, with the app's last answer. */
export interface ForwardRecord {
  forwardId: string;
  eventId: string;
  targetUrl: string;
  state: ForwardState;
  attempts: number;
  createdAt: number;
  /** When the next attempt is due; null once delivered or failed. */
  nextAttemptAt: number | null;
  lastAttemptAt: number | null;
  /** The app's last answer: status, headers, body (first 64 KiB), time; null before one came. */
  response: { status: number; headers: HeaderPairs; body: Buffer; latencyMs: number } | null;
  /** Why the last attempt got no answer. */
  error: string | null;
}

interface ForwardRow {
  forward_id: string;
  event_id: string;
  target_url: string;
  state: ForwardState;
  attempts: number;
  created_at: number;
  next_attempt_at: number | null;
  last_attempt_at: number | null;
  response_status: number | null;
  response_headers: string | null;
  response_body: Buffer | null;
  latency_ms: number | null;
  error: string | null;
}

function toRecord(row: ForwardRow): ForwardRecord {
  return {
    forwardId: row.forward_id,
    eventId: row.event_id,
    targetUrl: row.target_url,
    state: row.state,
    attempts: row.attempts,
    createdAt: row.created_at,
    nextAttemptAt: row.next_attempt_at,
    lastAttemptAt: row.last_attempt_at,
    response: row.response_status === null ? null : {
      status: row.response_status,
      headers: JSON.parse(row.response_headers ?? '[]') as HeaderPairs,
      body: row.response_body ?? Buffer.alloc(0),
      latencyMs: row.latency_ms ?? 0,
    },
    error: row.error,
  };
}

/** What one attempt came to: an answer, or an error; and what happens next. */
export interface AttemptOutcome {
  at: number;
  answer: OutboundAnswer | null;
  error: string | null;
  state: ForwardState;
  nextAttemptAt: number | null;
}

/**
 * The durable forwarding queue (SQLite table `forwards`). A forward is enqueued in the same
 * transaction as its event, so an acknowledged delivery is never left unforwarded by a crash;
 * the forwarder reads what is due from here after a restart.
 */
export class ForwardQueue {
  private readonly insert;
  private readonly selectOne;
  private readonly selectByEvent;
  private readonly selectPending;
  private readonly update;
  private readonly claim;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(`INSERT INTO forwards (forward_id, event_id, target_url, state, created_at, next_attempt_at)
      VALUES (?, ?, ?, 'pending', ?, ?)`);
    this.selectOne = db.prepare('SELECT * FROM forwards WHERE forward_id = ?');
    this.selectByEvent = db.prepare('SELECT * FROM forwards WHERE event_id = ? ORDER BY created_at DESC');
    this.selectPending = db.prepare("SELECT * FROM forwards WHERE state = 'pending' ORDER BY next_attempt_at");
    this.claim = db.prepare(`UPDATE forwards SET attempts = attempts + 1, last_attempt_at = @at, next_attempt_at = @retryAt
      WHERE forward_id = @forwardId AND state = 'pending'`);
    this.update = db.prepare(`UPDATE forwards SET state = @state, last_attempt_at = @at, next_attempt_at = @nextAttemptAt,
      response_status = @status, response_headers = @headers, response_body = @body, latency_ms = @latencyMs, error = @error WHERE forward_id = @forwardId`);
  }

  /** Queues `eventId` for `targetUrl`, due at once; call it inside the event's own transaction. Returns its id. */
  enqueue(eventId: string, targetUrl: string, now: number): string {
    const forwardId = `fwd_${randomBytes(12).toString('hex')}`;
    this.insert.run(forwardId, eventId, targetUrl, now, now);
    return forwardId;
  }

  get(forwardId: string): ForwardRecord | undefined {
    const row = this.selectOne.get(forwardId) as ForwardRow | undefined;
    return row && toRecord(row);
  }

  ofEvent(eventId: string): ForwardRecord[] {
    return (this.selectByEvent.all(eventId) as ForwardRow[]).map(toRecord);
  }

  pending(): ForwardRecord[] {
    return (this.selectPending.all() as ForwardRow[]).map(toRecord);
  }

  /** Newest first, optionally only those in one state. */
  list(state: ForwardState | undefined, limit: number): ForwardRecord[] {
    const rows = state === undefined
      ? this.db.prepare('SELECT * FROM forwards ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit)
      : this.db.prepare('SELECT * FROM forwards WHERE state = ? ORDER BY created_at DESC, rowid DESC LIMIT ?').all(state, limit);
    return (rows as ForwardRow[]).map(toRecord);
  }

  counts(): Record<ForwardState, number> {
    const counts: Record<ForwardState, number> = { pending: 0, delivered: 0, failed: 0 };
    for (const row of this.db.prepare('SELECT state, count(*) AS count FROM forwards GROUP BY state').all() as Array<{ state: ForwardState; count: number }>) counts[row.state] = row.count;
    return counts;
  }

  /**
   * Counts an attempt before it is sent, due again at `retryAt` should no answer be recorded (the
   * receiver killed meanwhile), so a restart neither resends it at once nor gives it back.
   */
  begin(forwardId: string, at: number, retryAt: number): void {
    this.claim.run({ forwardId, at, retryAt });
  }

  /** What the attempt counted by `begin` came to. */
  record(forwardId: string, outcome: AttemptOutcome): ForwardRecord | undefined {
    this.update.run({
      forwardId,
      state: outcome.state,
      at: outcome.at,
      nextAttemptAt: outcome.nextAttemptAt,
      status: outcome.answer?.status ?? null,
      headers: outcome.answer ? JSON.stringify(outcome.answer.headers) : null,
      body: outcome.answer?.body ?? null,
      latencyMs: outcome.answer?.latencyMs ?? null,
      error: outcome.error,
    });
    return this.get(forwardId);
  }
}
