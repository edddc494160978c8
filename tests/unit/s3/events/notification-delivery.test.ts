/**
 * The delivery worker (src/s3/events/notification-delivery.ts) against a small HTTP endpoint that
 * fails on demand: backoff, per-key order behind a retry, and signatures the standardwebhooks
 * library verifies.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { NotificationDelivery, type WebhookDestination } from '../../../../src/s3/events';
import { createLogger } from '../../../../src/kit';
import { eventually } from '../../../support/eventually';
import { putText, useStore } from '../store/store-fixture';

const SECRET = 'webhook-secret-123';

interface Received {
  /** The object's size: which write of the key this is. */
  size?: number;
  status: number;
  webhookId: string;
}

describe('NotificationDelivery', () => {
  const handle = useStore('memory');
  let server: Server;
  let received: Received[];
  /** Answers for the next requests, in turn; 200 once they are used up. */
  let answers: number[];
  /** While set, requests wait for it before they are answered. */
  let held: Promise<void> | undefined;
  let delivery: NotificationDelivery | undefined;

  beforeEach(async () => {
    received = [];
    answers = [];
    held = undefined;
    const verifier = new Webhook(Buffer.from(SECRET), { format: 'raw' });
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        const body = Buffer.concat(chunks).toString();
        const payload = verifier.verify(body, req.headers as Record<string, string>) as { Records?: { s3: { object: { size: number } } }[] };
        const status = answers.shift() ?? 200;
        received.push({ size: payload.Records?.[0].s3.object.size, status, webhookId: String(req.headers['webhook-id']) });
        await held;
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await handle.store.createBucket('bucket');
  });
  afterEach(async () => {
    await delivery?.stop();
    await new Promise((resolve) => server.close(resolve));
  });

  const start = (maxAttempts = 5) => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const destinations = new Map<string, WebhookDestination>([['STANDIN', { id: 'STANDIN', url, format: 'records' }]]);
    delivery = new NotificationDelivery(handle.store.outbox, { destinations, secret: SECRET, accountId: '123456789012', maxAttempts, retryBaseMs: 20, timeoutMs: 2000, logger: createLogger('test', 'silent') });
    delivery.start();
  };
  const configure = () =>
    handle.store.putNotificationConfiguration('bucket', { rules: [{ id: 'all', kind: 'queue', arn: 'arn:minio:sqs::standin:webhook', events: ['s3:ObjectCreated:*'] }], eventBridge: false }, { requestId: 'R', hostId: 'H' });
  const settled = async () => {
    for (let waited = 0; handle.store.outbox.counts().pending > 0; waited += 10) {
      if (waited > 10_000) throw new Error('notifications still pending');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('holds a key\'s later events behind one being retried, and sends them in order once it is delivered', async () => {
    await configure();
    start();
    await settled(); // the TestEvent
    answers = [503, 500];
    await putText(handle.store, 'bucket', 'k', 'first');
    await putText(handle.store, 'bucket', 'k', 'second');
    await settled();
    expect(received.slice(1).map(({ size, status }) => ({ size, status }))).toEqual([
      { size: 5, status: 503 },
      { size: 5, status: 500 },
      { size: 5, status: 200 },
      { size: 6, status: 200 },
    ]);
    const [first, second] = handle.store.outbox.list({ limit: 2, offset: 0 }).reverse();
    expect([first.attempts, second.attempts]).toEqual([3, 1]);
    expect(second.lastAttemptAt!.getTime()).toBeGreaterThanOrEqual(first.lastAttemptAt!.getTime());
  });

  it('sends what was pending before it started, and marks failed what never gets a 2xx', async () => {
    await configure();
    await putText(handle.store, 'bucket', 'waiting', 'x');
    answers = [500, 500, 500, 500];
    start(2);
    await settled();
    expect(handle.store.outbox.list({ limit: 10, offset: 0 }).map((message) => [message.eventName, message.status, message.attempts, message.lastStatus])).toEqual([
      ['ObjectCreated:Put', 'failed', 2, 500],
      ['s3:TestEvent', 'failed', 2, 500],
    ]);
  });

  it('sends an event queued after /admin/reset even while an attempt from before the reset is under way', async () => {
    let release!: () => void;
    held = new Promise((resolve) => { release = resolve; });
    await configure();
    start();
    await eventually(() => received.length === 1, { what: 'the first TestEvent to reach the destination' });
    // The outbox is emptied, so the next row takes the id of the one whose attempt is still waiting.
    await handle.store.reset(['bucket']);
    await configure();
    const [queued] = handle.store.outbox.list({ limit: 1, offset: 0 });
    release();
    await settled();
    expect(received.map((request) => request.webhookId)).toContain(queued.messageId);
    expect(handle.store.outbox.list({ limit: 10, offset: 0 }).map((message) => [message.messageId, message.status, message.attempts])).toEqual([
      [queued.messageId, 'delivered', 1],
    ]);
  });
});
