import type { Db } from './database';
import { GroupCommit, outcomeOf, type ItemOutcome } from '../kit/group-commit';
import { EventNotFoundError, InvalidCursorError } from './errors';
import { filterToSql } from './event-filter-sql';
import { UNCHECKED, type EventFilter, type EventPage, type Outcome, type PageRequest, type PayloadVerdict, type ReplayRecord, type StoredEvent } from './event-record';
import type { SchemeName, SignatureStatus, SignatureVerdict } from './signature-schemes';

interface EventRow {
  seq: number;
  event_id: string;
  client_id: string;
  received_at: number;
  method: string;
  path: string;
  headers: string;
  content_type: string | null;
  body: Buffer;
  event_type: string;
  outcome: Outcome;
  response_status: number;
  sig_scheme: SchemeName | null;
  sig_status: SignatureStatus;
  sig_reason: string;
  sig_received: string | null;
  /** JSON of an Explanation; null for events stored before it was kept. */
  sig_explanation: string | null;
  delivery_id: string | null;
  duplicates: number;
  last_duplicate_at: number | null;
  /** 1 or 0 once judged against a payload schema; null when no schema applies, or its check reached no verdict. */
  payload_valid: number | null;
  /** JSON of a PayloadJudgement: which schema, and the errors it found; null when no schema applies. */
  payload_errors: string | null;
  /** Why a schema that applies never judged the body; null otherwise (and in rows stored before it was kept). */
  payload_not_judged: string | null;
}

type PayloadJudgement = Pick<PayloadVerdict, 'schema' | 'errors'>;

function payloadOf(row: EventRow): PayloadVerdict {
  if (row.payload_errors === null) return UNCHECKED;
  const valid = row.payload_valid === null ? null : row.payload_valid === 1;
  return { valid, ...(JSON.parse(row.payload_errors) as PayloadJudgement), notJudged: row.payload_not_judged };
}

/** The parts of a verdict that explain it, kept together as JSON. */
type Explanation = Pick<SignatureVerdict, 'signed' | 'secret' | 'diagnosis'>;

const UNEXPLAINED: Explanation = { signed: null, secret: null, diagnosis: null };

function toEvent(row: EventRow): StoredEvent {
  return {
    eventId: row.event_id,
    clientId: row.client_id,
    receivedAt: row.received_at,
    method: row.method,
    path: row.path,
    headers: JSON.parse(row.headers) as Array<[string, string]>,
    contentType: row.content_type,
    body: row.body,
    eventType: row.event_type,
    outcome: row.outcome,
    responseStatus: row.response_status,
    signature: {
      scheme: row.sig_scheme,
      status: row.sig_status,
      reason: row.sig_reason,
      received: row.sig_received,
      ...(row.sig_explanation === null ? UNEXPLAINED : (JSON.parse(row.sig_explanation) as Explanation)),
    },
    deliveryId: row.delivery_id,
    duplicates: row.duplicates,
    lastDuplicateAt: row.last_duplicate_at,
    payload: payloadOf(row),
  };
}

/** An event as first stored: no duplicates yet. append resolves with this same object. */
export type NewEvent = StoredEvent & {
  duplicates: 0;
  lastDuplicateAt: null;
  /** Where to forward it (the app under development), queued in the event's own transaction. */
  forwardTo?: string | null;
};

/** Runs inside the transaction that inserts `event`, for rows that must commit with it. */
export type AlongsideInsert = (event: NewEvent) => void;

const EXPORT_CHUNK = 500;

const WRITTEN: ItemOutcome = { written: true };

const encodeCursor = (seq: number) => Buffer.from(`seq:${seq}`).toString('base64url');
function decodeCursor(cursor: string): number {
  const match = /^seq:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new InvalidCursorError();
  return Number(match[1]);
}

/** The durable log of deliveries and replay attempts. Every write is committed before it returns (or its promise resolves). */
export class EventLog {
  private readonly insertEvent;
  private readonly writes: GroupCommit<NewEvent>;
  private readonly selectById;
  private readonly selectAcceptedDelivery;
  private readonly updateDuplicate;
  private readonly insertReplay;
  private readonly selectReplays;

  constructor(private readonly db: Db, private readonly alongside: AlongsideInsert = () => undefined) {
    this.insertEvent = db.prepare(`INSERT INTO events (event_id, client_id, received_at, method, path, headers, content_type, body,
        event_type, outcome, response_status, sig_scheme, sig_status, sig_reason, sig_received, sig_explanation, delivery_id, payload_valid, payload_errors, payload_not_judged)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.selectById = db.prepare('SELECT * FROM events WHERE event_id = ?');
    // events_by_delivery's condition (database.ts): the one scheme whose signature covers the message id.
    this.selectAcceptedDelivery = db.prepare("SELECT * FROM events WHERE client_id = ? AND delivery_id = ? AND outcome = 'accepted' AND sig_status = 'valid' AND sig_scheme = 'standard-webhooks'");
    this.updateDuplicate = db.prepare('UPDATE events SET duplicates = duplicates + 1, last_duplicate_at = ? WHERE event_id = ?');
    this.insertReplay = db.prepare(`INSERT INTO replays (replay_id, event_id, kind, signing, target_url, scheme, replayed_at, response_status, latency_ms, response_excerpt, error)
      VALUES (@replayId, @eventId, @kind, @signing, @targetUrl, @scheme, @replayedAt, @responseStatus, @latencyMs, @responseExcerpt, @error)`);
    this.selectReplays = db.prepare('SELECT * FROM replays WHERE event_id = ? ORDER BY replayed_at DESC');
    // A group goes in as one transaction. Should SQLite refuse one of its rows, the group (rolled
    // back) goes in again with each row on its own savepoint (a transaction nested in the group's),
    // so that row alone is left out; an error that ends the whole transaction fails the group.
    // Savepoints only on that path: two more statements per row otherwise.
    const insertGroup = db.transaction((events: NewEvent[]) => {
      for (const event of events) this.insert(event);
    });
    const insertOne = db.transaction((event: NewEvent) => this.insert(event));
    const insertEachAlone = db.transaction((events: NewEvent[]) => events.map((event): ItemOutcome => {
      const outcome = outcomeOf(() => insertOne(event));
      if (!outcome.written && !db.inTransaction) throw outcome.error;
      return outcome;
    }));
    this.writes = new GroupCommit((events) => {
      try {
        insertGroup(events);
        return events.map(() => WRITTEN);
      } catch {
        return insertEachAlone(events);
      }
    });
  }

  /** Stores a new event; resolves with it once it is committed. */
  async append(event: NewEvent): Promise<StoredEvent> {
    await this.writes.write(event);
    return event;
  }

  private insert(event: NewEvent): void {
    const { scheme, status, reason, received, signed, secret, diagnosis } = event.signature;
    const explanation: Explanation = { signed, secret, diagnosis };
    const { payload } = event;
    // Positional parameters, in the statement's column order: binding by name looks each name up
    // on the object, which cost a third of the insert; spreading the event into one cost more.
    this.insertEvent.run(
      event.eventId,
      event.clientId,
      event.receivedAt,
      event.method,
      event.path,
      JSON.stringify(event.headers),
      event.contentType,
      event.body,
      event.eventType,
      event.outcome,
      event.responseStatus,
      scheme,
      status,
      reason,
      received,
      JSON.stringify(explanation),
      event.deliveryId,
      payload.valid === null ? null : Number(payload.valid),
      payload.schema === null ? null : JSON.stringify({ schema: payload.schema, errors: payload.errors } satisfies PayloadJudgement),
      payload.notJudged,
    );
    this.alongside(event);
  }

  /** The accepted event a sender's message id was first delivered as, its signature covering the id, if any. */
  findDelivery(clientId: string, deliveryId: string): StoredEvent | undefined {
    const row = this.selectAcceptedDelivery.get(clientId, deliveryId) as EventRow | undefined;
    return row && toEvent(row);
  }

  /** Counts a retry of an already accepted message against its first event. */
  recordDuplicate(eventId: string, at: number): StoredEvent {
    this.updateDuplicate.run(at, eventId);
    return this.get(eventId);
  }

  get(eventId: string): StoredEvent {
    const row = this.selectById.get(eventId) as EventRow | undefined;
    if (!row) throw new EventNotFoundError(eventId);
    return toEvent(row);
  }

  /** Newest first. */
  list(filter: EventFilter, page: PageRequest): EventPage {
    const counted = filterToSql(filter);
    const { total } = this.db.prepare(`SELECT count(*) AS total FROM events ${counted.where}`).get(counted.params) as { total: number };
    const before = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
    // One row past the page tells whether another page follows.
    const rows = this.newestFirst(filter, before, page.limit + 1, page.offset);
    const events = rows.slice(0, page.limit);
    const last = events[events.length - 1];
    return { events: events.map(toEvent), total, nextCursor: rows.length > page.limit && last ? encodeCursor(last.seq) : null };
  }

  /**
   * Every matching event, newest first, fetched a chunk at a time: each chunk is a finished
   * query, so deliveries can still be written while an export streams.
   */
  *iterate(filter: EventFilter): Generator<StoredEvent> {
    let before: number | undefined;
    for (;;) {
      const rows = this.newestFirst(filter, before, EXPORT_CHUNK, 0);
      for (const row of rows) yield toEvent(row);
      if (rows.length < EXPORT_CHUNK) return;
      before = rows[rows.length - 1].seq;
    }
  }

  private newestFirst(filter: EventFilter, beforeSeq: number | undefined, limit: number, offset: number): EventRow[] {
    const { where, params } = filterToSql(filter, beforeSeq === undefined ? [] : ['seq < @beforeSeq']);
    return this.db
      .prepare(`SELECT * FROM events ${where} ORDER BY seq DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, ...(beforeSeq === undefined ? {} : { beforeSeq }), limit, offset }) as EventRow[];
  }

  /** Deletes every event, or those of one client, with their replays; returns how many went. */
  delete(clientId?: string): number {
    const result = clientId === undefined
      ? this.db.prepare('DELETE FROM events').run()
      : this.db.prepare('DELETE FROM events WHERE client_id = ?').run(clientId);
    return result.changes;
  }

  /** Deletes one event with its replays. */
  deleteOne(eventId: string): void {
    if (this.db.prepare('DELETE FROM events WHERE event_id = ?').run(eventId).changes === 0) throw new EventNotFoundError(eventId);
  }

  appendReplay(replay: ReplayRecord): void {
    this.insertReplay.run(replay);
  }

  replaysOf(eventId: string): ReplayRecord[] {
    return (this.selectReplays.all(eventId) as Array<Record<string, unknown>>).map((row) => ({
      replayId: row.replay_id as string,
      eventId: row.event_id as string,
      kind: row.kind as ReplayRecord['kind'],
      signing: row.signing as string | null,
      targetUrl: row.target_url as string,
      scheme: row.scheme as string | null,
      replayedAt: row.replayed_at as number,
      responseStatus: row.response_status as number | null,
      latencyMs: row.latency_ms as number,
      responseExcerpt: row.response_excerpt as string | null,
      error: row.error as string | null,
    }));
  }
}
