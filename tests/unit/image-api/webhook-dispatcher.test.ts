import net from 'node:net';
import { createLogger } from '../../../src/kit/logger';
import { openImageApiDatabase } from '../../../src/image-api/database';
import { JobStore } from '../../../src/image-api/job-store';
import { WebhookDispatcher } from '../../../src/image-api/webhook-dispatcher';
import { WebhookOutbox } from '../../../src/image-api/webhook-outbox';
import { eventually } from '../../support/eventually';

/** A port nothing listens on: taken, then given back. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('WebhookDispatcher', () => {
  it('records why a delivery failed, naming the network error fetch keeps in its cause', async () => {
    const db = openImageApiDatabase({ storage: 'memory', dataDir: '' });
    new JobStore(db).create({ jobId: 'job-1', imageId: 'image-1', ownerId: 'u', clientId: 'c', bucket: 'b', format: 'jpeg', sizeBytes: 1, fileName: 'a.jpg', metadata: {} });
    const outbox = new WebhookOutbox(db);
    outbox.add({ deliveryId: 'msg_1', jobId: 'job-1', clientId: 'c', eventType: 'image.failed', body: '{}' });
    const settings = { urlTemplate: `http://127.0.0.1:${await closedPort()}/webhooks/{client}`, secret: 'webhook-secret-123', maxAttempts: 1, retryBaseMs: 1, timeoutMs: 2000 };
    const dispatcher = new WebhookDispatcher(outbox, settings, createLogger('image-api', 'silent'));
    dispatcher.send('msg_1');
    try {
      await eventually(() => outbox.get('msg_1')?.status === 'failed', { what: 'the delivery to fail' });
      expect(outbox.get('msg_1')).toMatchObject({ attempts: 1, lastError: 'fetch failed: ECONNREFUSED' });
    } finally {
      await dispatcher.stop();
      db.close();
    }
  });
});
