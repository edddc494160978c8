/**
 * The webhook receiver (file storage) killed with SIGKILL again and again in the middle of
 * concurrent deliveries (several signing schemes and clients, JSON, text and binary bodies, some
 * large, retries of one message id) and other writes (event deletes, client settings), and
 * restarted on the same DATA_DIR each time. After every restart: each acknowledged delivery is
 * stored once and whole, with the verdict it was answered with; nothing is stored that was not
 * sent; deleted events stay deleted; the stats match the events; SQLite finds the file sound.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import { standardWebhooksHeaders, stripeSignatureHeader } from '../../unit/webhooks/reference-signers';
import { killChildServers, RESTART_SCENARIO_TIMEOUT_MS, startChildServer, type ChildServer } from '../../support/child-server';
import { seedSignature, type Schemas } from './receiver-requests';

const CYCLES = 4;
/** Acknowledged deliveries in a cycle before the kill, which then finds the other senders mid-request. */
const ACKS_PER_CYCLE = 40;
const SENDERS = 6;
const TAG = 'x-delivery-tag';
const WHSEC = `whsec_${Buffer.from('crash recovery standard webhooks key').toString('base64')}`;
const STRIPE_SECRET = 'whsec_crash_recovery_stripe';

type Verdict = Schemas['Event']['signature']['status'];
type Outcome = Schemas['Event']['outcome'];

/** How each client's deliveries are signed, and what the receiver must answer and store. */
const CLIENTS = {
  seed: { sign: (body: Buffer) => ({ 'x-webhook-signature': seedSignature(body) }), status: 200, verdict: 'valid', outcome: 'accepted' },
  standard: { sign: (body: Buffer, id: string) => standardWebhooksHeaders(WHSEC, body.toString(), { id }), status: 200, verdict: 'valid', outcome: 'accepted', textOnly: true },
  stripe: { sign: (body: Buffer) => ({ 'stripe-signature': stripeSignatureHeader(STRIPE_SECRET, body.toString()) }), status: 200, verdict: 'valid', outcome: 'accepted', textOnly: true },
  unsigned: { sign: () => ({}), status: 200, verdict: 'missing', outcome: 'accepted' },
  forged: { sign: (body: Buffer) => ({ 'x-webhook-signature': seedSignature(body, 'not-the-secret') }), status: 401, verdict: 'invalid', outcome: 'rejected' },
  failing: { sign: (body: Buffer) => ({ 'x-webhook-signature': seedSignature(body) }), status: 503, verdict: 'valid', outcome: 'failed' },
} satisfies Record<string, { sign: (body: Buffer, messageId: string) => Record<string, string>; status: number; verdict: Verdict; outcome: Outcome; textOnly?: boolean }>;
type ClientName = keyof typeof CLIENTS;
const CLIENT_NAMES = Object.keys(CLIENTS) as ClientName[];
const CLIENT_SETTINGS: Partial<Record<ClientName, Schemas['ClientSettingsInput']>> = {
  standard: { scheme: 'standard-webhooks', secret: WHSEC },
  stripe: { scheme: 'stripe', secret: STRIPE_SECRET },
  failing: { response: { status: 503 } },
};

interface Sent {
  tag: string;
  client: ClientName;
  body: Buffer;
  /** The Standard Webhooks message id; a retry sends its message's body again. */
  messageId: string;
  /** The event the answer named, once answered. */
  eventId?: string;
  duplicate?: boolean;
  /** sent: the DELETE went out; deleted: it was answered. */
  deletion?: 'sent' | 'deleted';
}

/** A body for `tag`: JSON mostly, some text and binary, every tenth about 300 KiB. */
function bodyFor(tag: string, index: number, client: ClientName): Buffer {
  const json = Buffer.from(JSON.stringify({ type: 'crash.check', tag, note: 'héllo ✓', pad: index % 10 === 0 ? 'x'.repeat(300 * 1024) : '' }));
  if (index % 4 !== 1 || 'textOnly' in CLIENTS[client]) return json;
  return index % 8 === 1 ? Buffer.from(`plain ${tag}`) : Buffer.concat([Buffer.from(tag), Buffer.from([0, 255, 128, 10, 13])]);
}

const eventBody = (event: Schemas['Event']) => Buffer.from(event.body, event.body_encoding === 'base64' ? 'base64' : 'utf8');
const tagOf = (event: Schemas['Event']) => event.raw_headers.find(([name]) => name.toLowerCase() === TAG)?.[1];

describe('webhook receiver across repeated kill -9 (STORAGE=fs)', () => {
  let dataDir: string;
  const sent = new Map<string, Sent>();
  /** What each check found wrong after each restart, by check. */
  const problems: Record<'answers' | 'lost' | 'unexpected' | 'deleted' | 'stats' | 'integrity' | 'settings', string[]> = {
    answers: [], lost: [], unexpected: [], deleted: [], stats: [], integrity: [], settings: [],
  };
  /** The response status the `settings` client was last acknowledged with, and one sent after it (the kill cut its answer off). */
  const settings: { acknowledged?: number; unanswered?: number } = {};
  let restarts = 0;
  let acknowledged = 0;

  async function send(server: ChildServer, index: number, retryOf?: Sent): Promise<Sent> {
    const client = retryOf?.client ?? CLIENT_NAMES[index % CLIENT_NAMES.length];
    const tag = `d${index}`;
    const body = retryOf?.body ?? bodyFor(tag, index, client);
    const delivery: Sent = { tag, client, body, messageId: retryOf?.messageId ?? `msg_${tag}` };
    sent.set(tag, delivery);
    const headers = { 'content-type': body[0] === 0x7b ? 'application/json' : 'application/octet-stream', [TAG]: tag, ...CLIENTS[client].sign(body, delivery.messageId) };
    const response = await fetch(`${server.url}/webhooks/${client}`, { method: 'POST', headers, body: new Uint8Array(body) });
    const answer = (await response.json()) as { event_id: string; duplicate?: boolean };
    if (response.status !== CLIENTS[client].status) problems.answers.push(`${tag} (${client}): ${response.status} ${JSON.stringify(answer)}`);
    delivery.eventId = answer.event_id;
    delivery.duplicate = answer.duplicate === true;
    return delivery;
  }

  /** Sends until the cycle has its acknowledgements, then kills the server under the other senders. */
  async function traffic(server: ChildServer, cycle: number): Promise<void> {
    let killing: Promise<void> | undefined;
    const goal = acknowledged + ACKS_PER_CYCLE;
    let next = cycle * 10_000;
    const untilGone = (work: () => Promise<void>) => work().catch(() => undefined); // a request failed: the server is gone
    const sender = async () => {
      while (!killing) {
        const index = (next += 1);
        // Every seventh delivery of the standard client is a sender's retry of an earlier message.
        const earlier = index % 7 === 0 ? [...sent.values()].find((delivery) => delivery.client === 'standard' && delivery.eventId && !delivery.duplicate) : undefined;
        await send(server, index, earlier);
        acknowledged += 1;
        if (acknowledged >= goal) killing ??= server.kill();
      }
    };
    const deleter = async () => {
      while (!killing) {
        const victim = [...sent.values()].find((delivery) => delivery.eventId && !delivery.duplicate && !delivery.deletion && delivery.client === 'unsigned');
        if (victim) {
          victim.deletion = 'sent';
          const response = await fetch(`${server.url}/webhooks/events/${victim.eventId!}`, { method: 'DELETE' });
          if (response.status !== 204) problems.answers.push(`DELETE ${victim.tag}: ${response.status}`);
          victim.deletion = 'deleted';
        }
        settings.unanswered = [200, 201, 202][next % 3];
        const put = await fetch(`${server.url}/webhooks/clients/settings`, {
          method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ response: { status: settings.unanswered } }),
        });
        if (put.status !== 200) problems.answers.push(`PUT settings: ${put.status}`);
        settings.acknowledged = settings.unanswered;
      }
    };
    await Promise.all([...Array.from({ length: SENDERS }, () => untilGone(sender)), untilGone(deleter)]);
    await killing;
    expect(server.child.signalCode).toBe('SIGKILL');
  }

  async function check(server: ChildServer): Promise<void> {
    const label = `after restart ${restarts}`;
    const exported = await fetch(`${server.url}/webhooks/events/export`);
    const events = (await exported.text()).split('\n').filter(Boolean).map((line) => JSON.parse(line) as Schemas['Event']);
    const byTag = new Map<string, Schemas['Event'][]>();
    for (const event of events) {
      const tag = tagOf(event);
      const delivery = tag === undefined ? undefined : sent.get(tag);
      if (!delivery || !eventBody(event).equals(delivery.body) || event.client_id !== delivery.client) problems.unexpected.push(`${label}: ${event.event_id} (${tag})`);
      else byTag.set(tag!, [...(byTag.get(tag!) ?? []), event]);
    }
    for (const [tag, stored] of byTag) if (stored.length > 1) problems.unexpected.push(`${label}: ${tag} stored ${stored.length} times`);
    const ids = new Set(events.map((event) => event.event_id));
    for (const delivery of sent.values()) {
      const [event] = byTag.get(delivery.tag) ?? [];
      if (delivery.deletion === 'deleted' && event) problems.deleted.push(`${label}: ${delivery.tag}`);
      if (!delivery.eventId || delivery.deletion) continue;
      const { verdict, outcome } = CLIENTS[delivery.client];
      // An acknowledged retry names its message's first event, which holds the count of retries.
      if (delivery.duplicate ? !ids.has(delivery.eventId) : event?.event_id !== delivery.eventId || event.signature.status !== verdict || event.outcome !== outcome) {
        problems.lost.push(`${label}: ${delivery.tag} (${delivery.client}, ${delivery.eventId})`);
      }
    }

    const stats = (await (await fetch(`${server.url}/webhooks/stats`)).json()) as Schemas['Stats'];
    const perClient: Record<string, number> = {};
    for (const event of events) perClient[event.client_id] = (perClient[event.client_id] ?? 0) + 1;
    const counted = { total: stats.total_events, clients: Object.fromEntries(Object.entries(stats.client_stats).map(([client, { total_events }]) => [client, total_events])), duplicates: stats.duplicates };
    const expected = { total: events.length, clients: perClient, duplicates: events.reduce((sum, event) => sum + event.duplicates, 0) };
    if (!isDeepStrictEqual(counted, expected)) problems.stats.push(`${label}: ${JSON.stringify(counted)} for ${JSON.stringify(expected)}`);

    const db = new Database(path.join(dataDir, 'webhooks.db'), { readonly: true });
    try {
      const integrity = db.pragma('integrity_check', { simple: true });
      const foreignKeys = db.pragma('foreign_key_check') as unknown[];
      if (integrity !== 'ok' || foreignKeys.length > 0) problems.integrity.push(`${label}: ${String(integrity)}, ${foreignKeys.length} broken references`);
    } finally {
      db.close();
    }

    if (settings.acknowledged !== undefined) {
      const { response } = (await (await fetch(`${server.url}/webhooks/clients/settings`)).json()) as Schemas['ClientSettings'];
      if (response.status !== settings.acknowledged && response.status !== settings.unanswered) problems.settings.push(`${label}: status ${response.status}`);
    }
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'webhooks-crash-'));
    for (let cycle = 0; cycle <= CYCLES; cycle += 1) {
      const server = await startChildServer('webhooks', { STORAGE: 'fs', DATA_DIR: dataDir });
      if (cycle === 0) {
        for (const [client, input] of Object.entries(CLIENT_SETTINGS)) {
          const response = await fetch(`${server.url}/webhooks/clients/${client}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
          expect(response.status).toBe(200);
        }
      } else {
        restarts += 1;
        await check(server);
      }
      if (cycle < CYCLES) await traffic(server, cycle);
    }
  }, (CYCLES + 1) * RESTART_SCENARIO_TIMEOUT_MS);

  afterAll(async () => {
    await killChildServers();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('was killed and restarted every cycle, with deliveries in flight', () => {
    expect(restarts).toBe(CYCLES);
    expect(acknowledged).toBeGreaterThanOrEqual(CYCLES * ACKS_PER_CYCLE);
    expect([...sent.values()].some((delivery) => delivery.duplicate)).toBe(true);
  });

  // Each check ran after every restart; what it found wrong, by restart.
  it.each<[string, keyof typeof problems]>([
    ['answered every request as it does without crashes', 'answers'],
    ['keeps every acknowledged delivery, with the event id, verdict and outcome it was answered with', 'lost'],
    ['stores no event that was not sent, none torn and none twice', 'unexpected'],
    ['keeps deleted events deleted', 'deleted'],
    ['reports stats that count the stored events', 'stats'],
    ['leaves a database that passes integrity_check and foreign_key_check', 'integrity'],
    ['keeps the last acknowledged client settings', 'settings'],
  ])('%s', (_, check) => {
    expect(problems[check]).toEqual([]);
  });
});
