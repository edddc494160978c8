import http from 'node:http';
import net from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
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
    new JobStore(db).create({ jobId: 'job-1', imageId: 'image-1', ownerId: 'u', clientId: 'c', bucket: 'b', format: 'jpeg', sizeBytes: 1, fileName: 'a.jpg', metadata: {}, requestedAt: '2025-01-15T10:00:00.000Z' });
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

  it('logs and records the webhook URL without its query, where a receiver may take its secret', async () => {
    const receiver = http.createServer((_req, res) => res.writeHead(503).end());
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const db = openImageApiDatabase({ storage: 'memory', dataDir: '' });
    new JobStore(db).create({ jobId: 'job-1', imageId: 'image-1', ownerId: 'u', clientId: 'c', bucket: 'b', format: 'jpeg', sizeBytes: 1, fileName: 'a.jpg', metadata: {}, requestedAt: '2025-01-15T10:00:00.000Z' });
    const outbox = new WebhookOutbox(db);
    outbox.add({ deliveryId: 'msg_1', jobId: 'job-1', clientId: 'c', eventType: 'image.failed', body: '{}' });
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _encoding, done) => { lines.push(String(chunk)); done(); } }));
    const port = (receiver.address() as net.AddressInfo).port;
    const settings = { urlTemplate: `http://127.0.0.1:${port}/hooks/{client}?key=receiver-s3cret`, secret: 'webhook-secret-123', maxAttempts: 2, retryBaseMs: 1, timeoutMs: 2000 };
    const dispatcher = new WebhookDispatcher(outbox, settings, logger);
    dispatcher.send('msg_1');
    try {
      await eventually(() => outbox.get('msg_1')?.status === 'failed', { what: 'the delivery to fail' });
      expect(outbox.get('msg_1')?.lastError).toBe(`HTTP 503 from http://127.0.0.1:${port}/hooks/c?[Redacted]`);
      expect(lines.map((line) => JSON.parse(line))).toEqual([
        expect.objectContaining({ msg: 'webhook not delivered; will retry', url: `http://127.0.0.1:${port}/hooks/c?[Redacted]` }),
        expect.objectContaining({ msg: 'webhook not delivered; giving up', url: `http://127.0.0.1:${port}/hooks/c?[Redacted]` }),
      ]);
      expect(lines.join('')).not.toContain('receiver-s3cret');
    } finally {
      await dispatcher.stop();
      db.close();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
