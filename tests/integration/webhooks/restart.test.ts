import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { killChildServers, RESTART_SCENARIO_TIMEOUT_MS, startChildServer } from '../../support/child-server';
import { eventually } from '../../support/eventually';
import { getJson, postWebhook, seedSignature, type Schemas } from './receiver-requests';
import { startRecordingTarget } from './recording-target';

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

  it('counts a forward attempt cut off by kill -9, so a target that never answers gets no more than WEBHOOK_FORWARD_MAX_ATTEMPTS', async () => {
    const target = await startRecordingTarget(() => null);
    const forwardDir = mkdtempSync(path.join(os.tmpdir(), 'webhooks-forward-restart-'));
    const env = {
      STORAGE: 'fs', DATA_DIR: forwardDir, WEBHOOK_FORWARD_TO: `${target.url}/hook`,
      WEBHOOK_FORWARD_MAX_ATTEMPTS: '2', WEBHOOK_FORWARD_RETRY_BASE_MS: '50', WEBHOOK_FORWARD_TIMEOUT_MS: '60000',
    };
    const forwards = async (url: string) => (await getJson<Schemas['ForwardList']>(`${url}/webhooks/forwards`)).forwards;
    try {
      let receiver = await startChildServer('webhooks', env);
      const body = JSON.stringify({ event_type: 'forward.check' });
      expect((await postWebhook(receiver.url, 'forwarded', body, { 'x-webhook-signature': seedSignature(body) })).status).toBe(200);
      for (const sent of [1, 2]) {
        await eventually(() => target.received.length === sent, { what: `forward attempt ${sent} at the target` });
        await receiver.kill();
        receiver = await startChildServer('webhooks', env);
      }
      const [forward] = await eventually(async () => {
        const listed = await forwards(receiver.url);
        return listed[0]?.state === 'failed' && listed;
      }, { what: 'the forward to fail once both attempts were sent' });
      expect([forward.attempts, forward.error]).toEqual([2, 'no answer recorded: the receiver stopped during the attempt']);
      expect(target.received).toHaveLength(2);
    } finally {
      await killChildServers();
      await target.close();
      rmSync(forwardDir, { recursive: true, force: true });
    }
  }, RESTART_SCENARIO_TIMEOUT_MS);
});
