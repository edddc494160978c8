import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { killChildServers, startChildServer } from '../../support/child-server';
import { getJson, seedSignature, type Schemas } from './receiver-requests';

describe('durability across kill -9', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'webhooks-restart-'));
  });
  afterAll(async () => {
    await killChildServers();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged event when the receiver is killed mid-stream and restarted', async () => {
    const first = await startChildServer('webhooks', { STORAGE: 'fs', DATA_DIR: dataDir });
    const acknowledged: string[] = [];
    let attempted = 0;
    const sender = async (worker: number) => {
      for (let index = 0; ; index += 1) {
        const body = JSON.stringify({ event_type: 'durability.check', worker, index });
        attempted += 1;
        try {
          const response = await fetch(`${first.url}/webhooks/durable`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-webhook-signature': seedSignature(body) },
            body,
          });
          if (response.status !== 200) return;
          acknowledged.push(((await response.json()) as { event_id: string }).event_id);
        } catch {
          return; // the receiver is gone
        }
        if (acknowledged.length === 150) await first.kill();
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, worker) => sender(worker)));
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);

    const second = await startChildServer('webhooks', { STORAGE: 'fs', DATA_DIR: dataDir });
    const stored = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: Schemas['EventList'] = await getJson<Schemas['EventList']>(`${second.url}/webhooks/events?client_id=durable&limit=500${cursor ? `&cursor=${cursor}` : ''}`);
      for (const event of page.events) stored.add(event.event_id);
      cursor = page.next_cursor;
    } while (cursor);
    const lost = acknowledged.filter((eventId) => !stored.has(eventId));
    expect(lost).toEqual([]);
    expect(stored.size).toBeLessThanOrEqual(attempted);
  });
});
