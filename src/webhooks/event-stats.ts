import type { Db } from './database';
import { OUTCOMES, type Outcome } from './event-record';
import type { SignatureStatus } from './signature-schemes';
import { inputKeyedRecord } from '../kit/input-keyed-record';

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

interface CountRow {
  client_id: string;
  event_type: string;
  sig_status: SignatureStatus;
  outcome: Outcome;
  events: number;
  duplicates: number;
}

/**
 * Aggregates over the whole log, from the counts kept as events are written (event_counts, see
 * database.ts) and the time indexes: nothing here reads every event, so a dashboard asking
 * after each delivery does not hold deliveries up however long the log grows.
 */
export function computeStats(db: Db, now: number): WebhookStats {
  const counts = db.prepare('SELECT client_id, event_type, sig_status, outcome, events, duplicates FROM event_counts').all() as CountRow[];
  const eventTypes = inputKeyedRecord<number>();
  const perVerification: Record<SignatureStatus, number> = { valid: 0, invalid: 0, missing: 0 };
  const perOutcome = Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as Record<Outcome, number>;
  const clients = inputKeyedRecord<ClientStats>();
  let totalEvents = 0;
  let duplicates = 0;
  const firstOf = db.prepare('SELECT min(received_at) FROM events WHERE client_id = ?').pluck();
  const lastOf = db.prepare('SELECT max(received_at) FROM events WHERE client_id = ?').pluck();
  for (const row of counts) {
    totalEvents += row.events;
    duplicates += row.duplicates;
    eventTypes[row.event_type] = (eventTypes[row.event_type] ?? 0) + row.events;
    perVerification[row.sig_status] += row.events;
    perOutcome[row.outcome] += row.events;
    const client = clients[row.client_id] ??= {
      totalEvents: 0,
      firstEvent: firstOf.get(row.client_id) as number,
      lastEvent: lastOf.get(row.client_id) as number,
      eventTypes: inputKeyedRecord<number>(),
    };
    client.totalEvents += row.events;
    client.eventTypes[row.event_type] = (client.eventTypes[row.event_type] ?? 0) + row.events;
  }
  const lastReceivedAt = db.prepare('SELECT max(received_at) FROM events').pluck().get() as number | null;

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
    totalEvents,
    uniqueClients: Object.keys(clients).length,
    eventTypes,
    perVerification,
    perOutcome,
    duplicates,
    clients,
    lastReceivedAt,
    eventsLastMinute: lastMinute,
    perMinute,
  };
}
