import type { RunningServer } from '../../../src/kit';
import { startServer } from '../../support/standin-harness';
import { rawExchange } from '../s3/raw-http';
import { expectAnswerMatchesSpec, getJson, postWebhook, seedSignature, type Schemas } from './receiver-requests';

let receiver: RunningServer;
const ids: Record<string, string> = {};

beforeAll(async () => {
  receiver = await startServer('webhooks');
  const send = async (name: string, clientId: string, body: string, signed: boolean) => {
    const headers: Record<string, string> = signed ? { 'X-Webhook-Signature': seedSignature(body) } : {};
    ids[name] = (await postWebhook(receiver.url, clientId, body, headers)).json.event_id;
  };
  await send('a1', 'alpha', '{"event_type":"image.processed","note":"first"}', true);
  await send('b1', 'beta', '{"event_type":"image.failed","note":"Needle here"}', false);
  await send('a2', 'alpha', '{"event_type":"image.failed","note":"third"}', true);
  await postWebhook(receiver.url, 'beta', '{"event_type":"image.processed"}', { 'X-Webhook-Signature': 'f'.repeat(64) });
});
afterAll(() => receiver.close());

const list = async (query: string) => {
  const page = await getJson<Schemas['EventList']>(`${receiver.url}/webhooks/events?${query}`);
  await expectAnswerMatchesSpec('listEvents', 200, page);
  return page;
};
const eventIds = (page: { events: Array<{ event_id: string }> }) => page.events.map((event) => event.event_id);

describe('GET /webhooks/events', () => {
  it("keeps the seed's shape: total, limit, offset, events newest first", async () => {
    const page = await list('');
    expect(page).toMatchObject({ total: 4, limit: 50, offset: 0, next_cursor: null });
    expect(eventIds(page).slice(1)).toEqual([ids.a2, ids.b1, ids.a1]);
  });

  it('filters by client, event type, verification status and body text', async () => {
    expect(eventIds(await list('client_id=alpha'))).toEqual([ids.a2, ids.a1]);
    expect((await list('event_type=image.failed')).total).toBe(2);
    expect(eventIds(await list('verification=valid'))).toEqual([ids.a2, ids.a1]);
    expect((await list('verification=invalid')).events[0]).toMatchObject({ client_id: 'beta', outcome: 'rejected' });
    expect(eventIds(await list('q=needle'))).toEqual([ids.b1]);
  });

  it('filters by time range', async () => {
    const first = await getJson<Schemas['EventDetail']>(`${receiver.url}/webhooks/events/${ids.a1}`);
    expect((await list(`since=${encodeURIComponent(first.timestamp)}`)).total).toBe(4);
    expect(eventIds(await list(`until=${encodeURIComponent(first.timestamp)}`))).toContain(ids.a1);
    expect((await list('until=2000-01-01T00:00:00Z')).total).toBe(0);
  });

  it('pages with limit/offset and with a cursor', async () => {
    const firstPage = await list('limit=2');
    expect(firstPage.events).toHaveLength(2);
    const byOffset = await list('limit=2&offset=2');
    const byCursor = await list(`limit=2&cursor=${firstPage.next_cursor}`);
    expect(eventIds(byCursor)).toEqual(eventIds(byOffset));
    expect(byCursor.next_cursor).toBeNull();
  });

  it('answers bad parameters with a validation problem', async () => {
    const tooMany = await fetch(`${receiver.url}/webhooks/events?limit=501`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await fetch(`${receiver.url}/webhooks/events?verification=maybe`)).status).toBe(400);
    expect((await fetch(`${receiver.url}/webhooks/events?since=yesterday`)).status).toBe(400);
    expect((await fetch(`${receiver.url}/webhooks/events?cursor=bogus`)).status).toBe(400);
  });

  it('answers absurd paging, search and date parameters 400 problem+json, never 500 or a guess', async () => {
    const hugeCursor = Buffer.from('seq:99999999999999999999').toString('base64url');
    const queries = [
      'limit=1e309', 'limit=-5', 'limit=0', 'limit=2.5', 'limit=0x10', 'limit=%201', 'limit=1&limit=2',
      'offset=99999999999999999999', 'offset=9007199254740993', 'offset=-1', 'offset=1e3', 'offset=1.0',
      `cursor=${hugeCursor}`, `cursor=${'c'.repeat(65)}`, 'cursor=c2Vx%2FOjQy',
      `q=${'a'.repeat(257)}`, `event_type=${'t'.repeat(201)}`, `client_id=${'c'.repeat(201)}`,
      'since=2025-01-01T23:59:60Z', 'until=yesterday',
    ];
    for (const query of queries) {
      const response = await fetch(`${receiver.url}/webhooks/events?${query}`);
      const answer = { query, status: response.status, type: response.headers.get('content-type') };
      expect(answer).toEqual({ query, status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
    }
  });

  it('searches a body past a NUL byte, and for one', async () => {
    const holdingNul = (await postWebhook(receiver.url, 'nul-search', '{"note":"before"}\u0000after: Needle')).json.event_id;
    await postWebhook(receiver.url, 'nul-search', '{"note":"Needle, no NUL"}');
    try {
      expect(eventIds(await list('client_id=nul-search&q=after%3A%20needle'))).toEqual([holdingNul]);
      expect(eventIds(await list('client_id=nul-search&q=%00'))).toEqual([holdingNul]);
      expect(eventIds(await list('client_id=nul-search&q=%7D%00after'))).toEqual([holdingNul]);
      expect((await list('client_id=nul-search&q=needle')).total).toBe(2);
    } finally {
      expect((await fetch(`${receiver.url}/webhooks/events?client_id=nul-search`, { method: 'DELETE' })).status).toBe(200);
    }
  });

  it('refuses malformed event ids as validation problems rather than looking them up', async () => {
    for (const eventId of ['e'.repeat(65), 'evt%20x', 'evt%0A1']) {
      const response = await fetch(`${receiver.url}/webhooks/events/${eventId}`);
      expect({ eventId, status: response.status }).toEqual({ eventId, status: 400 });
      expect(await response.json()).toMatchObject({ title: 'Request validation failed' });
    }
  });
});

describe('GET /webhooks/events/{id}', () => {
  it('answers the event with its replays and forwards, as the spec declares (written in pieces, so checked here)', async () => {
    const detail = await getJson<Schemas['EventDetail']>(`${receiver.url}/webhooks/events/${ids.a1}`);
    await expectAnswerMatchesSpec('getEvent', 200, detail);
    expect(detail).toMatchObject({ event_id: ids.a1, client_id: 'alpha', replays: [], forwards: [] });
  });

  it('answers 404 problem+json for an unknown id', async () => {
    const response = await fetch(`${receiver.url}/webhooks/events/evt_missing`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ title: 'Event not found', detail: 'no event evt_missing' });
  });
});

describe('GET /webhooks/events/export', () => {
  it('streams the filtered events as NDJSON, newest first', async () => {
    const response = await fetch(`${receiver.url}/webhooks/events/export?client_id=alpha`);
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = (await response.text()).trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((event) => event.event_id)).toEqual([ids.a2, ids.a1]);
    expect(lines[0].payload).toEqual({ event_type: 'image.failed', note: 'third' });
  });
});

describe('GET /webhooks/stats', () => {
  it("keeps the seed's fields and adds per-status counts and the rate", async () => {
    const stats = await getJson<Schemas['Stats']>(`${receiver.url}/webhooks/stats`);
    expect(stats).toMatchObject({
      total_events: 4,
      unique_clients: 2,
      event_type_distribution: { 'image.processed': 2, 'image.failed': 2 },
      per_verification_status: { valid: 2, invalid: 1, missing: 1 },
      per_outcome: { accepted: 3, rejected: 1, failed: 0 },
      events_last_minute: 4,
    });
    expect(stats.client_stats.alpha).toMatchObject({ total_events: 2, event_types: { 'image.processed': 1, 'image.failed': 1 } });
    expect(stats.events_per_minute).toHaveLength(15);
  });
});

describe('DELETE /webhooks/events', () => {
  it('deletes one client’s events, then all', async () => {
    const perClient = await (await fetch(`${receiver.url}/webhooks/events?client_id=beta`, { method: 'DELETE' })).json();
    expect(perClient).toEqual({ message: 'Events cleared for client beta', events_deleted: 2 });
    expect((await list('')).total).toBe(2);
    const all = await (await fetch(`${receiver.url}/webhooks/events`, { method: 'DELETE' })).json();
    expect(all).toEqual({ message: 'All events cleared', events_deleted: 2 });
    expect((await getJson<Schemas['Stats']>(`${receiver.url}/webhooks/stats`)).total_events).toBe(0);
  });
});

describe('names of Object.prototype members', () => {
  it('keeps a client, event type and header named __proto__, toString or constructor as their own, and stays whole', async () => {
    const fresh = await startServer('webhooks');
    try {
      // sent raw: fetch does not send a header named __proto__
      const body = '{"event_type":"__proto__"}';
      const answer = await rawExchange(fresh.port, `POST /webhooks/__proto__ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n__proto__: header value\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
      expect(answer).toMatch(/^HTTP\/1\.1 200 /);
      await postWebhook(fresh.url, 'toString', '{"event_type":"constructor"}');
      const stats = await getJson<Schemas['Stats']>(`${fresh.url}/webhooks/stats`);
      expect(Object.entries(stats.event_type_distribution)).toEqual(expect.arrayContaining([['__proto__', 1], ['constructor', 1]]));
      expect(Object.keys(stats.client_stats).sort()).toEqual(['__proto__', 'toString']);
      expect(Object.entries(stats.client_stats['__proto__'].event_types)).toEqual([['__proto__', 1]]);
      const page = await getJson<Schemas['EventList']>(`${fresh.url}/webhooks/events`);
      expect(page.total).toBe(2);
      const detail = await getJson<Schemas['EventDetail']>(`${fresh.url}/webhooks/events/${page.events[1].event_id}`);
      expect(Object.entries(detail.headers)).toContainEqual(['__proto__', 'header value']);
      expect((await postWebhook(fresh.url, 'after', '{}')).status).toBe(200);
    } finally {
      await fresh.close();
    }
  });
});
