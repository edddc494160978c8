import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StorageError } from '../../../src/kit';
import type { PayloadCheck } from '../../../src/webhooks/event-record';
import { WebhookReceiver, type ReceiverConfig } from '../../../src/webhooks/webhook-receiver';
import { dataDirFromDump } from '../../support/sqlite-dump';
import { standardWebhooksHeaders } from './reference-signers';
import { MEMORY_CONFIG, delivery } from './receiver-fixture';

const WHSEC = `whsec_${Buffer.from('a standard webhooks key').toString('base64')}`;
const BODY = '{"type":"invoice.paid"}';
/** The schema version this receiver writes. */
const LATEST_VERSION = 8;

/** A DATA_DIR holding webhooks.db as version 1 of the receiver wrote it (fixtures/webhooks-v1.sql). */
function versionOneDataDir(): string {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'webhooks-v1-'));
  const db = new Database(path.join(dataDir, 'webhooks.db'));
  db.exec(readFileSync(path.join(__dirname, 'fixtures/webhooks-v1.sql'), 'utf8'));
  db.close();
  return dataDir;
}

function userVersion(dataDir: string): number {
  const db = new Database(path.join(dataDir, 'webhooks.db'), { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

/**
 * A DATA_DIR restored before each test from a dump in fixtures/, and the receiver a test opens
 * on it; both are closed and removed after the test.
 */
function restoredBeforeEach(fixture: string): { dataDir: string; receiver?: WebhookReceiver; open(config?: Partial<ReceiverConfig>): WebhookReceiver } {
  const state = {
    dataDir: '',
    receiver: undefined as WebhookReceiver | undefined,
    open(config: Partial<ReceiverConfig> = {}) {
      state.receiver = new WebhookReceiver({ ...MEMORY_CONFIG, storage: 'fs', dataDir: state.dataDir, ...config });
      return state.receiver;
    },
  };
  beforeEach(() => {
    state.dataDir = dataDirFromDump(path.join(__dirname, 'fixtures', fixture), 'webhooks.db');
  });
  afterEach(() => {
    state.receiver?.close();
    state.receiver = undefined;
    rmSync(state.dataDir, { recursive: true, force: true });
  });
  return state;
}

describe('upgrading a database written by version 1 (schema user_version 1)', () => {
  let dataDir: string;
  let receiver: WebhookReceiver | undefined;
  beforeEach(() => {
    dataDir = versionOneDataDir();
  });
  afterEach(() => {
    receiver?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps its events, and an unsigned message id stored then no longer makes the signed message a duplicate', async () => {
    receiver = new WebhookReceiver({ ...MEMORY_CONFIG, storage: 'fs', dataDir, secret: WHSEC });
    expect(receiver.events.get('evt_0194219be4000000000000000001')).toMatchObject({ deliveryId: 'msg_legacy', signature: { status: 'missing' } });
    const signed = await receiver.receive(delivery('legacy', BODY, standardWebhooksHeaders(WHSEC, BODY, { id: 'msg_legacy' })));
    expect(signed).toMatchObject({ duplicate: false, event: { signature: { status: 'valid' } } });
    receiver.close();
    receiver = undefined;
    expect(userVersion(dataDir)).toBeGreaterThanOrEqual(2);
  });

  it('drops the signature version 1 computed for each delivery, and serves its events without one', () => {
    const computedForTamperedBody = '08110d5a1e5181c5a68cd5fea7d41ecd2bf7a67e1f7219596ee43edb283a1cf2'; // fixtures/webhooks-v1.sql
    receiver = new WebhookReceiver({ ...MEMORY_CONFIG, storage: 'fs', dataDir });
    const tampered = receiver.events.get('evt_0194219be4010000000000000002');
    expect(tampered.signature).toEqual({
      scheme: 'x-webhook-signature',
      status: 'invalid',
      reason: "X-Webhook-Signature does not match the HMAC-SHA256 of the body with this client's secret",
      received: '0'.repeat(64),
      signed: null,
      secret: null,
      diagnosis: null,
    });
    receiver.close();
    receiver = undefined;
    const db = new Database(path.join(dataDir, 'webhooks.db'), { readonly: true });
    try {
      const columns = (db.prepare('PRAGMA table_info(events)').all() as Array<{ name: string }>).map((column) => column.name);
      expect(columns).not.toContain('sig_expected');
      expect(JSON.stringify(db.prepare('SELECT * FROM events').all())).not.toContain(computedForTamperedBody);
    } finally {
      db.close();
    }
    expect(userVersion(dataDir)).toBe(LATEST_VERSION);
  });
});

describe('upgrading a database written by version 3 (schema user_version 3)', () => {
  const restored = restoredBeforeEach('webhooks-v3.sql');

  it('keeps its events, clients and replays, with nothing forwarded and no payload verdicts', () => {
    const receiver = restored.open();
    expect(receiver.events.get('evt_0194219be4000000000000000001')).toMatchObject({ deliveryId: 'msg_legacy', payload: { valid: null, errors: [] } });
    expect(receiver.clients.get('legacy')).toMatchObject({ scheme: 'stripe', secret: 'whsec_legacy', requireSignature: true, forwardUrl: null, payloadSchema: null });
    expect(receiver.events.replaysOf('evt_0194219be4000000000000000001')).toEqual([expect.objectContaining({ replayId: 'rpl_000000000000000000000001', kind: 'replay', signing: null, responseStatus: 200 })]);
    expect(receiver.forwards.counts()).toEqual({ pending: 0, delivered: 0, failed: 0 });
    expect(receiver.events.list({ payloadCheck: 'not_valid' }, { limit: 10, offset: 0 }).total).toBe(0);
    receiver.close();
    restored.receiver = undefined;
    expect(userVersion(restored.dataDir)).toBe(LATEST_VERSION);
  });

  it('queues a forward (WEBHOOK_FORWARD_TO) for a new delivery after the upgrade', async () => {
    const receiver = restored.open({ forwardTo: 'http://127.0.0.1:9/hook', forwardRetryBaseMs: 60_000 });
    const { event } = await receiver.receive(delivery('newcomer', BODY));
    expect(receiver.forwards.ofEvent(event.eventId)).toEqual([expect.objectContaining({ targetUrl: 'http://127.0.0.1:9/hook', state: 'pending' })]);
  });
});

describe('upgrading a database written by version 4 (schema user_version 4)', () => {
  const restored = restoredBeforeEach('webhooks-v4.sql');

  it('counts the events it already holds in its stats, and keeps counting new ones', async () => {
    const receiver = restored.open();
    // fixtures/webhooks-v4.sql: orders' two deliveries (one folded retry), billing's rejected one.
    expect(receiver.stats()).toMatchObject({
      totalEvents: 3,
      uniqueClients: 2,
      duplicates: 1,
      eventTypes: { 'order.created': 1, 'order.paid': 1, 'invoice.paid': 1 },
      perVerification: { valid: 1, invalid: 1, missing: 1 },
      perOutcome: { accepted: 2, rejected: 1, failed: 0 },
      lastReceivedAt: 1796284318433,
      clients: {
        orders: { totalEvents: 2, firstEvent: 1796284318387, lastEvent: 1796284318410, eventTypes: { 'order.created': 1, 'order.paid': 1 } },
        billing: { totalEvents: 1, firstEvent: 1796284318433, lastEvent: 1796284318433, eventTypes: { 'invoice.paid': 1 } },
      },
    });
    await receiver.receive(delivery('orders', '{"type":"order.created"}'));
    receiver.deleteEvents('billing');
    expect(receiver.stats()).toMatchObject({ totalEvents: 3, uniqueClients: 1, eventTypes: { 'order.created': 2, 'order.paid': 1 }, perOutcome: { accepted: 3, rejected: 0 } });
    receiver.close();
    restored.receiver = undefined;
    expect(userVersion(restored.dataDir)).toBe(LATEST_VERSION);
  });
});

describe('upgrading a database written by version 5 (schema user_version 5)', () => {
  const restored = restoredBeforeEach('webhooks-v5.sql');
  const page = { limit: 10, offset: 0 };

  it('reads a check stopped at its time limit, stored then as not valid, as not judged, saying why; verdicts stay as they were', () => {
    const receiver = restored.open();
    // fixtures/webhooks-v5.sql: slow's check stopped at 1 s; orders' judged not valid, then valid; unbound's unchecked;
    // looping's schema refers back to itself.
    expect(receiver.events.get('evt_01a242ee4b6e0000d76fed98e01d').payload).toEqual({
      valid: null,
      schema: "the client's JSON Schema",
      errors: [],
      notJudged: expect.stringMatching(/^checking the body took longer than 1000 ms, so it was stopped/),
    });
    expect(receiver.events.get('evt_01a242ee51a90000b30610e3fbf0').payload).toEqual({ valid: false, schema: "the client's JSON Schema", errors: [{ path: '', message: "must have required property 'id'" }], notJudged: null });
    expect(receiver.events.get('evt_01a242ee51ac0000c0ffee0c0ffe').payload).toEqual({
      valid: null,
      schema: "the client's JSON Schema",
      errors: [],
      notJudged: 'the schema refers back to itself without reading further into the body, so checking it never ends',
    });
    const clientsIn = (payloadCheck: PayloadCheck) => receiver.events.list({ payloadCheck }, page).events.map((event) => event.clientId);
    expect({ valid: clientsIn('valid'), notValid: clientsIn('not_valid'), notJudged: clientsIn('not_judged'), unchecked: clientsIn('unchecked') })
      .toEqual({ valid: ['orders'], notValid: ['orders'], notJudged: ['looping', 'slow'], unchecked: ['repo', 'unbound'] });
    receiver.close();
    restored.receiver = undefined;
    expect(userVersion(restored.dataDir)).toBe(LATEST_VERSION);
  });

  it('no longer takes a message id stored beside a signature that does not cover it (GitHub) as the message: the genuine one is stored', async () => {
    const receiver = restored.open({ secret: WHSEC });
    const genuine = await receiver.receive(delivery('repo', BODY, standardWebhooksHeaders(WHSEC, BODY, { id: 'msg_unsigned' })));
    expect(genuine).toMatchObject({ duplicate: false, event: { signature: { scheme: 'standard-webhooks', status: 'valid' }, deliveryId: 'msg_unsigned' } });
    expect(receiver.events.get(genuine.event.eventId).body.toString()).toBe(BODY);
    expect(receiver.events.list({ clientId: 'repo' }, page).total).toBe(2);
  });
});

describe('a DATA_DIR that cannot hold the database', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'webhooks-unusable-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  /** What opening a receiver on `dataDir` throws. */
  function refusal(dataDir: string): unknown {
    try {
      new WebhookReceiver({ ...MEMORY_CONFIG, storage: 'fs', dataDir }).close();
    } catch (error) {
      return error;
    }
    return undefined;
  }

  it('is refused naming DATA_DIR when it is a file, and naming webhooks.db when that is no SQLite database', () => {
    const file = path.join(scratch, 'a-file');
    writeFileSync(file, 'not a folder');
    expect(refusal(file)).toEqual(expect.objectContaining({
      name: 'StorageError',
      message: `DATA_DIR ${file} cannot hold webhooks.db: it, or a folder above it, is a file. Set DATA_DIR to a folder standin may write.`,
    }));
    writeFileSync(path.join(scratch, 'webhooks.db'), 'garbage, not SQLite');
    const notSqlite = refusal(scratch);
    expect(notSqlite).toBeInstanceOf(StorageError);
    expect((notSqlite as Error).message).toBe(`${path.join(scratch, 'webhooks.db')} cannot be opened as a SQLite database (file is not a database). Move it away, or set another DATA_DIR.`);
  });
});
