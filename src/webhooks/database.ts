import { openSqlite, type SqliteDatabase, type StorageLocation } from '../kit/sqlite';
import type { Migration } from '../kit/sqlite-migrations';

export type Db = SqliteDatabase;

/**
 * One SQLite file holds the event log, replay and resend attempts, the forwarding queue and
 * client settings. WAL with synchronous=NORMAL makes each committed transaction survive a crash
 * of this process (kill -9): the receiver commits before it answers, so an acknowledged event is
 * never lost.
 */
export function openDatabase(location: StorageLocation): Db {
  return openSqlite(location, 'webhooks.db', MIGRATIONS);
}

/** Each entry upgrades the schema by one version (PRAGMA user_version counts them). */
const MIGRATIONS: readonly Migration[] = [
  `CREATE TABLE events (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     event_id TEXT NOT NULL UNIQUE,
     client_id TEXT NOT NULL,
     received_at INTEGER NOT NULL,
     method TEXT NOT NULL,
     path TEXT NOT NULL,
     headers TEXT NOT NULL,
     content_type TEXT,
     body BLOB NOT NULL,
     event_type TEXT NOT NULL,
     outcome TEXT NOT NULL,
     response_status INTEGER NOT NULL,
     sig_scheme TEXT,
     sig_status TEXT NOT NULL,
     sig_reason TEXT NOT NULL,
     sig_signed_content TEXT,
     sig_expected TEXT,
     sig_received TEXT,
     delivery_id TEXT,
     duplicates INTEGER NOT NULL DEFAULT 0,
     last_duplicate_at INTEGER
   );
   CREATE INDEX events_by_client ON events (client_id, seq);
   CREATE INDEX events_by_type ON events (event_type, seq);
   CREATE INDEX events_by_time ON events (received_at);
   CREATE UNIQUE INDEX events_by_delivery ON events (client_id, delivery_id) WHERE delivery_id IS NOT NULL AND outcome = 'accepted';
   CREATE TABLE replays (
     replay_id TEXT PRIMARY KEY,
     event_id TEXT NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
     target_url TEXT NOT NULL,
     scheme TEXT,
     replayed_at INTEGER NOT NULL,
     response_status INTEGER,
     latency_ms INTEGER NOT NULL,
     response_excerpt TEXT,
     error TEXT
   );
   CREATE INDEX replays_by_event ON replays (event_id, replayed_at);
   CREATE TABLE clients (
     client_id TEXT PRIMARY KEY,
     scheme TEXT,
     secret TEXT,
     require_signature INTEGER,
     response_status INTEGER NOT NULL,
     delay_ms INTEGER NOT NULL,
     failure_rate REAL NOT NULL,
     updated_at INTEGER NOT NULL
   );`,
  // A message id counts only once a signature vouches for it: an unsigned delivery carrying the
  // id of a later, signed one must not collide with it.
  `DROP INDEX events_by_delivery;
   CREATE UNIQUE INDEX events_by_delivery ON events (client_id, delivery_id)
     WHERE delivery_id IS NOT NULL AND outcome = 'accepted' AND sig_status = 'valid';`,
  // sig_expected held the signature the receiver computed for each delivery: a working signature
  // for any body sent to it. It goes, with the signed string; sig_explanation holds what explains
  // a verdict without one (the signed string's shape, the secret's fingerprint, the diagnosis).
  `ALTER TABLE events DROP COLUMN sig_expected;
   ALTER TABLE events DROP COLUMN sig_signed_content;
   ALTER TABLE events ADD COLUMN sig_explanation TEXT;`,
  // Issue #15: forwarding to the app under development (a durable queue, one row per event and
  // target), edited resends recorded beside replays, and payload checks against a sender's contract.
  `ALTER TABLE clients ADD COLUMN forward_url TEXT;
   ALTER TABLE clients ADD COLUMN payload_schema TEXT;
   ALTER TABLE events ADD COLUMN payload_valid INTEGER;
   ALTER TABLE events ADD COLUMN payload_errors TEXT;
   CREATE INDEX events_by_payload ON events (payload_valid, seq);
   CREATE TABLE forwards (
     forward_id TEXT PRIMARY KEY,
     event_id TEXT NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
     target_url TEXT NOT NULL,
     state TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL,
     next_attempt_at INTEGER,
     last_attempt_at INTEGER,
     response_status INTEGER,
     response_headers TEXT,
     response_body BLOB,
     latency_ms INTEGER,
     error TEXT
   );
   CREATE INDEX forwards_by_event ON forwards (event_id);
   CREATE INDEX forwards_by_state ON forwards (state, next_attempt_at);
   ALTER TABLE replays ADD COLUMN kind TEXT NOT NULL DEFAULT 'replay';
   ALTER TABLE replays ADD COLUMN signing TEXT;`,
  // GET /webhooks/stats (which the dashboard asks for after every change) counted by scanning
  // every event, its body's overflow pages included: a second per 100,000 events, during which
  // no delivery was answered. The counts per client, type, verdict and outcome are now kept as
  // events are written (triggers, in each write's own transaction), and each client's first and
  // last delivery is found in an index.
  `CREATE TABLE event_counts (
     client_id TEXT NOT NULL,
     event_type TEXT NOT NULL,
     sig_status TEXT NOT NULL,
     outcome TEXT NOT NULL,
     events INTEGER NOT NULL,
     duplicates INTEGER NOT NULL,
     PRIMARY KEY (client_id, event_type, sig_status, outcome)
   ) WITHOUT ROWID;
   INSERT INTO event_counts
     SELECT client_id, event_type, sig_status, outcome, count(*), sum(duplicates) FROM events GROUP BY client_id, event_type, sig_status, outcome;
   CREATE TRIGGER event_counts_on_insert AFTER INSERT ON events BEGIN
     INSERT INTO event_counts VALUES (NEW.client_id, NEW.event_type, NEW.sig_status, NEW.outcome, 1, NEW.duplicates)
       ON CONFLICT DO UPDATE SET events = events + 1, duplicates = duplicates + excluded.duplicates;
   END;
   CREATE TRIGGER event_counts_on_duplicate AFTER UPDATE OF duplicates ON events BEGIN
     UPDATE event_counts SET duplicates = duplicates + NEW.duplicates - OLD.duplicates
       WHERE client_id = NEW.client_id AND event_type = NEW.event_type AND sig_status = NEW.sig_status AND outcome = NEW.outcome;
   END;
   CREATE TRIGGER event_counts_on_delete AFTER DELETE ON events BEGIN
     UPDATE event_counts SET events = events - 1, duplicates = duplicates - OLD.duplicates
       WHERE client_id = OLD.client_id AND event_type = OLD.event_type AND sig_status = OLD.sig_status AND outcome = OLD.outcome;
     DELETE FROM event_counts
       WHERE client_id = OLD.client_id AND event_type = OLD.event_type AND sig_status = OLD.sig_status AND outcome = OLD.outcome AND events = 0;
   END;
   CREATE INDEX events_by_client_time ON events (client_id, received_at);`,
  // A payload check stopped before it reached a verdict (past its time limit, or the receiver
  // stopping) was stored as not valid, with the reason as its one error: it was never judged.
  // Such a check now leaves payload_valid null and says why in payload_not_judged, and the rows
  // stored before are read that way too (their reason is the error these versions wrote).
  `ALTER TABLE events ADD COLUMN payload_not_judged TEXT;
   UPDATE events SET payload_valid = NULL,
       payload_not_judged = payload_errors ->> '$.errors[0].message',
       payload_errors = json_set(payload_errors, '$.errors', json('[]'))
     WHERE payload_valid = 0 AND json_array_length(payload_errors, '$.errors') = 1 AND (
       payload_errors ->> '$.errors[0].message' LIKE 'checking the body took longer than % ms, so it was stopped%'
       OR payload_errors ->> '$.errors[0].message' = 'the receiver stopped before the body was checked'
       OR payload_errors ->> '$.errors[0].message' LIKE 'the check stopped: %'
       OR payload_errors ->> '$.errors[0].message' LIKE 'the body could not be checked: %'
       OR payload_errors ->> '$.errors[0].message' LIKE 'the body could not be passed to the check: %');
   CREATE INDEX events_not_judged ON events (seq) WHERE payload_not_judged IS NOT NULL;`,
  // A message id counts only where the verified signature covers it: Standard Webhooks signs
  // id.timestamp.body, the other schemes no id, so a delivery verified by one of them may carry
  // anyone's id, and must neither collide with nor stand for the genuine message's.
  `DROP INDEX events_by_delivery;
   CREATE UNIQUE INDEX events_by_delivery ON events (client_id, delivery_id)
     WHERE delivery_id IS NOT NULL AND outcome = 'accepted' AND sig_status = 'valid' AND sig_scheme = 'standard-webhooks';`,
  // A schema that could not judge a body (its $ref leading back to itself, a failure while it
  // ran, an $async schema or an $id clashing with another client's) left it not valid, the
  // failure as its one error: the body was never judged, and such rows are read that way too.
  `UPDATE events SET payload_valid = NULL,
       payload_not_judged = payload_errors ->> '$.errors[0].message',
       payload_errors = json_set(payload_errors, '$.errors', json('[]'))
     WHERE payload_valid = 0 AND json_array_length(payload_errors, '$.errors') = 1 AND (
       payload_errors ->> '$.errors[0].message' = 'the schema refers back to itself without reading further into the body, so checking it never ends'
       OR payload_errors ->> '$.errors[0].message' LIKE 'the schema could not be checked: %'
       OR payload_errors ->> '$.errors[0].message' LIKE 'the schema is "$async": true, %'
       OR payload_errors ->> '$.errors[0].message' LIKE 'schema with key or id % already exists');`,
];
