/**
 * The outbox's order (src/s3/events/notification-outbox.ts): only the oldest pending notification
 * of a destination and key has a next attempt; the next one gets it when that one is settled.
 */
import type Database from 'better-sqlite3';
import { NotificationOutbox, type OutboxEntry } from '../../../../src/s3/events';
import { openDatabase } from '../../../../src/s3/store/metadata-index';

const T0 = Date.UTC(2026, 0, 1);

describe('NotificationOutbox', () => {
  let db: Database.Database;
  let outbox: NotificationOutbox;
  beforeEach(() => {
    db = openDatabase({ storage: 'memory', dataDir: '' });
    outbox = new NotificationOutbox(db, (sql) => db.prepare(sql));
  });
  afterEach(() => db.close());

  const entry = (key: string, eventName = 'ObjectCreated:Put'): OutboxEntry => ({ destination: 'STANDIN', bucket: 'photos', key, eventName, notification: { kind: 'test', bucket: 'photos', time: '2026-01-01T00:00:00.000Z', requestId: 'R', hostId: 'H' } });
  const dueKeys = (now: number) => outbox.due(now, 10, new Set()).map((message) => `${message.key} ${message.eventName}`);
  const nextAttempts = () => Object.fromEntries(outbox.list({ limit: 10, offset: 0 }).map((message) => [`${message.key} ${message.eventName}`, message.nextAttemptAt?.getTime()]));

  it('gives a key\'s later notifications no next attempt while an earlier one is pending', () => {
    outbox.enqueue([entry('k.jpg'), entry('k.jpg', 'ObjectRemoved:Delete')], T0);
    outbox.enqueue([entry('b.jpg')], T0 + 1);
    expect(nextAttempts()).toEqual({ 'k.jpg ObjectCreated:Put': T0, 'k.jpg ObjectRemoved:Delete': undefined, 'b.jpg ObjectCreated:Put': T0 + 1 });
    expect(dueKeys(T0 + 1)).toEqual(['k.jpg ObjectCreated:Put', 'b.jpg ObjectCreated:Put']);
  });

  it('keeps them waiting behind a retry, and lets the next go once the first is delivered', () => {
    outbox.enqueue([entry('k.jpg'), entry('k.jpg', 'ObjectRemoved:Delete')], T0);
    const [first] = outbox.due(T0, 10, new Set());
    outbox.recordFailure(first, { error: 'ECONNREFUSED' }, T0 + 5, T0 + 1000);
    expect(dueKeys(T0 + 999)).toEqual([]);
    expect(outbox.nextDueAfter(T0 + 5)).toBe(T0 + 1000);

    outbox.recordDelivered(first, 200, T0 + 1002);
    expect(nextAttempts()).toEqual({ 'k.jpg ObjectCreated:Put': undefined, 'k.jpg ObjectRemoved:Delete': T0 + 1002 });
    expect(dueKeys(T0 + 1002)).toEqual(['k.jpg ObjectRemoved:Delete']);
  });

  it('lets the next go once the first has failed for good', () => {
    outbox.enqueue([entry('k.jpg'), entry('k.jpg', 'ObjectRemoved:Delete'), entry('k.jpg', 'ObjectCreated:Copy')], T0);
    const [first] = outbox.due(T0, 10, new Set());
    outbox.recordFailure(first, { error: 'ECONNREFUSED' }, T0 + 5, undefined);
    expect(dueKeys(T0 + 5)).toEqual(['k.jpg ObjectRemoved:Delete']);
    expect(nextAttempts()['k.jpg ObjectCreated:Copy']).toBeUndefined();
  });

  it('lets nothing go for an outcome whose row an emptied outbox gave away', () => {
    outbox.enqueue([entry('k.jpg')], T0);
    const [stale] = outbox.due(T0, 10, new Set());
    outbox.clear();
    outbox.enqueue([entry('k.jpg'), entry('k.jpg', 'ObjectRemoved:Delete')], T0 + 10);
    outbox.recordDelivered(stale, 200, T0 + 20);
    expect(nextAttempts()).toEqual({ 'k.jpg ObjectCreated:Put': T0 + 10, 'k.jpg ObjectRemoved:Delete': undefined });
  });

  it('finds due notifications through the index of next attempts, never reading the ones that wait', () => {
    const prepared: string[] = [];
    const watched = new NotificationOutbox(db, (sql) => {
      prepared.push(sql);
      return db.prepare(sql);
    });
    watched.due(T0, 4, new Set());
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${prepared[0]}`).all(T0, 4) as { detail: string }[];
    expect(plan.map((step) => step.detail)).toEqual(['SEARCH notification_outbox USING INDEX notification_outbox_due (next_attempt_at<?)']);
  });
});
