import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../src/webhooks/database';
import { newEventId } from '../../../src/webhooks/delivery-receiver';
import { EventNotFoundError, InvalidCursorError } from '../../../src/webhooks/errors';
import type { NewEvent } from '../../../src/webhooks/event-log';
import { computeStats } from '../../../src/webhooks/event-stats';
import { WebhookReceiver } from '../../../src/webhooks/webhook-receiver';
import { standardWebhooksHeaders } from './reference-signers';
import { MEMORY_CONFIG, delivery, memoryReceiver } from './receiver-fixture';

const MINUTE = 60_000;

/** Five events a minute apart: two clients, two types, one unsigned-but-signed mix. */
async function seededLog() {
  const fixture = memoryReceiver();
  const { receiver, clock } = fixture;
  const send = async (clientId: string, body: string, headers: Record<string, string> = {}) => {
    const { event } = await receiver.receive(delivery(clientId, body, headers));
    clock.now += MINUTE;
    return event;
  };
  const events = [
    await send('alpha', '{"event_type":"image.processed","note":"first"}'),
    await send('beta', '{"type":"image.failed","note":"Needle in a haystack"}'),
    await send('alpha', 'plain text body with 100% and under_score'),
    await send('beta', '{"event_type":"image.processed","note":"fourth"}'),
    await send('alpha', '{"event_type":"image.failed"}'),
  ];
  return { ...fixture, events };
}

const ids = (page: { events: Array<{ eventId: string }> }) => page.events.map((event) => event.eventId);

describe('querying the event log', () => {
  it('lists newest first with the total', async () => {
    const { receiver, events } = await seededLog();
    const page = receiver.events.list({}, { limit: 2, offset: 0 });
    expect(page.total).toBe(5);
    expect(ids(page)).toEqual([events[4].eventId, events[3].eventId]);
  });

  it('filters by client, event type and both', async () => {
    const { receiver } = await seededLog();
    expect(receiver.events.list({ clientId: 'alpha' }, { limit: 10, offset: 0 }).total).toBe(3);
    expect(receiver.events.list({ eventType: 'image.failed' }, { limit: 10, offset: 0 }).total).toBe(2);
    expect(receiver.events.list({ clientId: 'beta', eventType: 'image.processed' }, { limit: 10, offset: 0 }).total).toBe(1);
  });

  it('searches the body case-insensitively, with % and _ taken literally', async () => {
    const { receiver, events } = await seededLog();
    expect(ids(receiver.events.list({ text: 'needle' }, { limit: 10, offset: 0 }))).toEqual([events[1].eventId]);
    expect(ids(receiver.events.list({ text: '100%' }, { limit: 10, offset: 0 }))).toEqual([events[2].eventId]);
    expect(receiver.events.list({ text: 'n_a' }, { limit: 10, offset: 0 }).total).toBe(0); // as a wildcard it would match "in a"
  });

  it('searches the text after a NUL byte in a body, in the list and the export', async () => {
    const { receiver } = memoryReceiver();
    const { event } = await receiver.receive(delivery('nul', Buffer.from('{"note":"before"}\u0000after the NUL: Needle')));
    await receiver.receive(delivery('nul', '{"note":"no such word"}'));
    expect(ids(receiver.events.list({ text: 'needle' }, { limit: 10, offset: 0 }))).toEqual([event.eventId]);
    expect(ids(receiver.events.list({ text: 'before"}\u0000after' }, { limit: 10, offset: 0 }))).toEqual([event.eventId]);
    expect([...receiver.events.iterate({ text: 'NUL: needle' })].map((found) => found.eventId)).toEqual([event.eventId]);
  });

  it('filters by a time range, bounds included', async () => {
    const { receiver, events } = await seededLog();
    const page = receiver.events.list({ since: events[1].receivedAt, until: events[3].receivedAt }, { limit: 10, offset: 0 });
    expect(ids(page)).toEqual([events[3].eventId, events[2].eventId, events[1].eventId]);
  });

  it('filters by verification status and outcome', async () => {
    const { receiver } = await seededLog();
    expect(receiver.events.list({ verification: 'missing' }, { limit: 10, offset: 0 }).total).toBe(5);
    expect(receiver.events.list({ verification: 'valid' }, { limit: 10, offset: 0 }).total).toBe(0);
    expect(receiver.events.list({ outcome: 'rejected' }, { limit: 10, offset: 0 }).total).toBe(0);
  });

  it('pages with a cursor that stays put while new events arrive', async () => {
    const { receiver, events } = await seededLog();
    const first = receiver.events.list({}, { limit: 2, offset: 0 });
    await receiver.receive(delivery('alpha', '{"event_type":"late"}'));
    const second = receiver.events.list({}, { limit: 2, offset: 0, cursor: first.nextCursor as string });
    expect(ids(second)).toEqual([events[2].eventId, events[1].eventId]);
    const last = receiver.events.list({}, { limit: 2, offset: 0, cursor: second.nextCursor as string });
    expect(ids(last)).toEqual([events[0].eventId]);
    expect(last.nextCursor).toBeNull();
  });

  it('refuses a cursor it did not hand out', async () => {
    const { receiver } = await seededLog();
    expect(() => receiver.events.list({}, { limit: 2, offset: 0, cursor: 'bogus' })).toThrow(InvalidCursorError);
  });

  it('iterates every match for an export, across chunks', async () => {
    const { receiver } = memoryReceiver();
    await Promise.all(Array.from({ length: 1203 }, (_, index) => receiver.receive(delivery('bulk', `{"n":${index}}`))));
    const exported = [...receiver.events.iterate({ clientId: 'bulk' })];
    expect(exported).toHaveLength(1203);
    expect(exported[0].body.toString()).toBe('{"n":1202}');
    expect(new Set(exported.map((event) => event.eventId)).size).toBe(1203);
  });
});

describe('writing events in groups', () => {
  it('stores the rest of a group when SQLite refuses one of its rows', async () => {
    const whsec = `whsec_${Buffer.from('group commit key').toString('base64')}`;
    const { receiver, clock } = memoryReceiver({ secret: whsec });
    const body = '{"type":"invoice.paid"}';
    const { event } = await receiver.receive(delivery('c', body, standardWebhooksHeaders(whsec, body, { id: 'msg_0', at: new Date(clock.now) })));
    // Two verified rows with one message id: the unique index on (client_id, delivery_id) refuses the second.
    const rows: NewEvent[] = ['msg_1', 'msg_1', 'msg_2'].map((deliveryId) => ({ ...event, eventId: newEventId(clock.now), deliveryId, duplicates: 0, lastDuplicateAt: null }));
    const results = await Promise.allSettled(rows.map((row) => receiver.events.append(row)));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE constraint failed/);
    expect(receiver.events.get(rows[0].eventId).deliveryId).toBe('msg_1');
    expect(receiver.events.get(rows[2].eventId).deliveryId).toBe('msg_2');
    expect(() => receiver.events.get(rows[1].eventId)).toThrow(EventNotFoundError);
    expect(receiver.events.list({}, { limit: 10, offset: 0 }).total).toBe(3);
  });

  it('keeps the forward of every row but the refused one', async () => {
    const whsec = `whsec_${Buffer.from('group commit key').toString('base64')}`;
    const { receiver, clock } = memoryReceiver({ secret: whsec, forwardTo: 'http://127.0.0.1:9/hook', forwardRetryBaseMs: 60_000 });
    const body = '{"type":"invoice.paid"}';
    const { event } = await receiver.receive(delivery('c', body, standardWebhooksHeaders(whsec, body, { id: 'msg_0', at: new Date(clock.now) })));
    const rows: NewEvent[] = ['msg_1', 'msg_1', 'msg_2'].map((deliveryId) => ({
      ...event, eventId: newEventId(clock.now), deliveryId, duplicates: 0, lastDuplicateAt: null, forwardTo: 'http://127.0.0.1:9/hook',
    }));
    const results = await Promise.allSettled(rows.map((row) => receiver.events.append(row)));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // One each: the rows written before the refused one were rolled back with their forwards, then written again.
    expect(rows.map((row) => receiver.forwards.ofEvent(row.eventId).length)).toEqual([1, 0, 1]);
  });

  it('writes a group SQLite takes whole, every writer settled', async () => {
    const { receiver } = memoryReceiver();
    const bodies = Array.from({ length: 50 }, (_, index) => `{"event_type":"bulk","n":${index}}`);
    const events = await Promise.all(bodies.map((body) => receiver.receive(delivery('bulk', body))));
    expect(events.map(({ event }) => receiver.events.get(event.eventId).body.toString())).toEqual(bodies);
  });
});

describe('deleting events', () => {
  it('deletes one client’s events, then all', async () => {
    const { receiver } = await seededLog();
    expect(receiver.deleteEvents('alpha')).toBe(3);
    expect(receiver.events.list({}, { limit: 10, offset: 0 }).total).toBe(2);
    expect(receiver.deleteEvents()).toBe(2);
    expect(receiver.events.list({}, { limit: 10, offset: 0 }).total).toBe(0);
  });
});

describe('stats', () => {
  it('counts per client, per type, per verification status and per minute', async () => {
    const { receiver, clock } = await seededLog();
    const stats = receiver.stats();
    expect(stats).toMatchObject({
      totalEvents: 5,
      uniqueClients: 2,
      eventTypes: { 'image.processed': 2, 'image.failed': 2, unknown: 1 },
      perVerification: { valid: 0, invalid: 0, missing: 5 },
      perOutcome: { accepted: 5, rejected: 0, failed: 0 },
      lastReceivedAt: clock.now - MINUTE,
    });
    expect(stats.clients.alpha).toMatchObject({ totalEvents: 3, eventTypes: { 'image.processed': 1, 'image.failed': 1, unknown: 1 } });
    expect(stats.perMinute.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(5);
    expect(stats.eventsLastMinute).toBe(0);
  });

  it('keeps its counts in step with every write: deliveries, a retry, a rejection, deleting one event, a client, all', async () => {
    const { receiver, clock, events } = await seededLog();
    const body = '{"type":"order.paid"}';
    const headers = standardWebhooksHeaders(MEMORY_CONFIG.secret, body, { id: 'msg_once', at: new Date(clock.now) });
    await receiver.receive(delivery('gamma', body, headers));
    await receiver.receive(delivery('gamma', body, headers));
    await expect(receiver.receive(delivery('gamma', body, { 'X-Webhook-Signature': '0'.repeat(64) }))).rejects.toThrow();
    expect(receiver.stats()).toMatchObject({
      totalEvents: 7,
      uniqueClients: 3,
      duplicates: 1,
      perVerification: { valid: 1, invalid: 1, missing: 5 },
      perOutcome: { accepted: 6, rejected: 1, failed: 0 },
    });
    expect(receiver.stats().clients.gamma).toEqual({ totalEvents: 2, firstEvent: clock.now, lastEvent: clock.now, eventTypes: { 'order.paid': 2 } });

    receiver.deleteEvent(events[0].eventId);
    const afterOne = receiver.stats();
    expect(afterOne).toMatchObject({ totalEvents: 6, eventTypes: { 'image.processed': 1 } });
    expect(afterOne.clients.alpha).toEqual({ totalEvents: 2, firstEvent: events[2].receivedAt, lastEvent: events[4].receivedAt, eventTypes: { unknown: 1, 'image.failed': 1 } });
    receiver.deleteEvents('gamma');
    expect(receiver.stats()).toMatchObject({ totalEvents: 4, uniqueClients: 2, duplicates: 0, perVerification: { valid: 0, invalid: 0, missing: 4 } });
    receiver.deleteEvents();
    expect(receiver.stats()).toMatchObject({ totalEvents: 0, uniqueClients: 0, eventTypes: {}, clients: {}, lastReceivedAt: null, perOutcome: { accepted: 0, rejected: 0, failed: 0 } });
  });

  it('reads no event to count them: every query it runs searches an index or the kept counts, so it costs the same however long the log', async () => {
    const db = openDatabase({ storage: 'memory', dataDir: '' });
    try {
      const prepare = jest.spyOn(db, 'prepare');
      computeStats(db, Date.UTC(2025, 0, 1));
      const statements = prepare.mock.calls.map(([sql]) => sql);
      prepare.mockRestore();
      expect(statements.length).toBeGreaterThan(0);
      const planOf = (sql: string) => db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...sql.split('?').slice(1).map(() => 0)) as Array<{ detail: string }>;
      const plans = statements.map((sql) => ({ sql, plan: planOf(sql).map((step) => step.detail) }));
      expect(plans.filter(({ plan }) => plan.some((step) => /\bSCAN events\b/.test(step)))).toEqual([]);
    } finally {
      db.close();
    }
  });
});

describe('durability', () => {
  it('keeps events, clients and settings when the log is reopened from DATA_DIR', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'webhooks-log-'));
    try {
      const config = { ...MEMORY_CONFIG, storage: 'fs' as const, dataDir };
      const first = new WebhookReceiver(config);
      const { event } = await first.receive(delivery('kept', '{"event_type":"kept"}'));
      first.clients.put('kept', { secret: 'own' }, Date.now());
      first.close();
      const reopened = new WebhookReceiver(config);
      expect(reopened.events.get(event.eventId).body.toString()).toBe('{"event_type":"kept"}');
      expect(reopened.clients.get('kept').secret).toBe('own');
      reopened.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
