import type { Db } from './database';
import { OUTCOMES, type Outcome } from './event-record';
import type { SignatureStatus } from './signature-schemes';

export interface ClientStats {
  totalEvents: number;
  firstEvent: number;
  lastEvent: number;
  eventTypes: Record<string, number>;
}

export interface WebhookStats {
  /** When these figures were computed (epoch ms). */
  computedAt: number;
  totalEvents: number;
  uniqueClients: number;
  eventTypes: Record<string, number>;
  perVerification: Record<SignatureStatus, number>;
  perOutcome: Record<Outcome, number>;
  /** Retries of an already accepted message, answered 2xx and not stored again. */
  duplicates: number;
  clients: Record<string, ClientStats>;
  lastReceivedAt: number | null;
  eventsLastMinute: number;
  /** Events received in each of the last RATE_WINDOW_MINUTES minutes, oldest first; `minute` is its start (epoch ms). */
  perMinute: Array<{ minute: number; count: number }>;
}

const MINUTE_MS = 60_000;
const RATE_WINDOW_MINUTES = 15;

function countBy<K extends string>(rows: Array<{ key: K; count: number }>, seed: Record<K, number>): Record<K, number> {
  const counts = { ...seed };
  for (const { key, count } of rows) counts[key] = count;
  return counts;
}

/** Aggregates over the whole log, computed by SQLite from the indexes. */
export function computeStats(db: Db, now: number): WebhookStats {
  const totals = db.prepare('SELECT count(*) AS total, max(received_at) AS last, coalesce(sum(duplicates), 0) AS duplicates FROM events')
    .get() as { total: number; last: number | null; duplicates: number };
  const eventTypes = countBy(db.prepare('SELECT event_type AS key, count(*) AS count FROM events GROUP BY event_type').all() as Array<{ key: string; count: number }>, {});
  const perVerification = countBy(
    db.prepare('SELECT sig_status AS key, count(*) AS count FROM events GROUP BY sig_status').all() as Array<{ key: SignatureStatus; count: number }>,
    { valid: 0, invalid: 0, missing: 0 },
  );
  const perOutcome = countBy(
    db.prepare('SELECT outcome AS key, count(*) AS count FROM events GROUP BY outcome').all() as Array<{ key: Outcome; count: number }>,
    Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as Record<Outcome, number>,
  );

  const clients: Record<string, ClientStats> = {};
  const perClient = db.prepare('SELECT client_id, count(*) AS total, min(received_at) AS first, max(received_at) AS last FROM events GROUP BY client_id')
    .all() as Array<{ client_id: string; total: number; first: number; last: number }>;
  for (const row of perClient) clients[row.client_id] = { totalEvents: row.total, firstEvent: row.first, lastEvent: row.last, eventTypes: {} };
  const perClientType = db.prepare('SELECT client_id, event_type, count(*) AS count FROM events GROUP BY client_id, event_type')
    .all() as Array<{ client_id: string; event_type: string; count: number }>;
  for (const row of perClientType) clients[row.client_id].eventTypes[row.event_type] = row.count;

  const currentMinute = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const windowStart = currentMinute - (RATE_WINDOW_MINUTES - 1) * MINUTE_MS;
  const byMinute = new Map(
    (db.prepare('SELECT (received_at / 60000) * 60000 AS minute, count(*) AS count FROM events WHERE received_at >= ? GROUP BY minute')
      .all(windowStart) as Array<{ minute: number; count: number }>).map((row) => [row.minute, row.count]),
  );
  const perMinute = Array.from({ length: RATE_WINDOW_MINUTES }, (_, index) => {
    const minute = windowStart + index * MINUTE_MS;
    return { minute, count: byMinute.get(minute) ?? 0 };
  });
  const { lastMinute } = db.prepare('SELECT count(*) AS lastMinute FROM events WHERE received_at > ?').get(now - MINUTE_MS) as { lastMinute: number };

  return {
    computedAt: now,
    totalEvents: totals.total,
    uniqueClients: perClient.length,
    eventTypes,
    perVerification,
    perOutcome,
    duplicates: totals.duplicates,
    clients,
    lastReceivedAt: totals.last,
    eventsLastMinute: lastMinute,
    perMinute,
  };
}
