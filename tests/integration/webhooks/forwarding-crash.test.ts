/**
 * Forwarding is at least once: the receiver (file storage, in a child process) is killed with
 * SIGKILL after a forward was sent and before its answer was recorded, and sends it again when
 * restarted on the same DATA_DIR. Both requests must carry the same Idempotency-Key, so the app
 * can tell the re-send from a new delivery.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventually } from '../../support/eventually';
import { killChildServers, RESTART_SCENARIO_TIMEOUT_MS, startChildServer } from '../../support/child-server';
import { startRawTarget } from './raw-target';
import { getJson, type Schemas } from './receiver-requests';

const BODY = '{"type":"order.paid","order_id":"o-1"}';
const headerOf = (request: { rawHeaders: Array<[string, string]> }, name: string) => request.rawHeaders.filter(([key]) => key.toLowerCase() === name).map(([, value]) => value);

describe('a forward cut off by kill -9 between its send and its record', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'webhooks-forward-crash-'));
  });
  afterAll(async () => {
    await killChildServers();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is sent again after the restart with the same Idempotency-Key, the forward id', async () => {
    // The first request is never answered: the receiver is killed while it waits.
    const app = await startRawTarget((_request, index) => (index === 0 ? null : { status: 200, body: 'ok' }));
    try {
      const env = { STORAGE: 'fs', DATA_DIR: dataDir, WEBHOOK_FORWARD_TO: `${app.url}/hook`, WEBHOOK_FORWARD_RETRY_BASE_MS: '200' };
      const first = await startChildServer('webhooks', env);
      const delivered = await fetch(`${first.url}/webhooks/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY });
      const { event_id: eventId } = (await delivered.json()) as { event_id: string };
      await eventually(async () => app.received.length === 1);
      await first.kill();

      const second = await startChildServer('webhooks', env);
      const forward = await eventually(async () => {
        const [item] = (await getJson<Schemas['EventDetail']>(`${second.url}/webhooks/events/${eventId}`)).forwards;
        return item?.state === 'delivered' ? item : undefined;
      });
      expect(forward.attempts).toBe(2);
      expect(app.received).toHaveLength(2);
      const [sent, resent] = app.received;
      expect(resent.body.equals(sent.body)).toBe(true);
      expect(headerOf(sent, 'idempotency-key')).toEqual([`"${forward.forward_id}"`]);
      expect(headerOf(resent, 'idempotency-key')).toEqual(headerOf(sent, 'idempotency-key'));
    } finally {
      await app.close();
    }
  }, 2 * RESTART_SCENARIO_TIMEOUT_MS);
});
