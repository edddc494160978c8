/**
 * kill -9 of the S3 mock (file storage) while its event notifications are still going out, then a
 * restart on the same DATA_DIR: every acknowledged PutObject is delivered to the webhook receiver,
 * each key's events in the order of its writes, none lost (the outbox is written in the
 * transaction of each write; at-least-once, and the receiver drops a repeated webhook-id).
 */
import { CreateBucketCommand, PutBucketNotificationConfigurationCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from '../../../src/kit';
import { killChildServers, RESTART_SCENARIO_TIMEOUT_MS, startChildServer } from '../../support/child-server';
import { startServer } from '../../support/standin-harness';
import { s3Client } from './sdk-client';
import { outboxWhen, receivedEvents, recordOf } from './s3-event-receiver';

const Bucket = 'crash-events';
const KEYS = ['a', 'b', 'c', 'd'];
const WRITES_PER_KEY = 8;

describe('S3 event notifications across kill -9 (STORAGE=fs)', () => {
  let dataDir: string;
  let receiver: RunningServer;
  /** Each key's acknowledged ETags, in the order of its writes. */
  const acknowledged = new Map<string, string[]>();
  let delivered: Map<string, string[]>;
  let pendingAtKill: number;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 's3-event-crash-'));
    receiver = await startServer('webhooks');
    // A slow receiver, so most events are still in the outbox when the mock is killed.
    await fetch(`${receiver.url}/webhooks/clients/s3`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ response: { delay_ms: 40 } }) });
    const env = { STORAGE: 'fs', DATA_DIR: dataDir, WEBHOOK_URL: `${receiver.url}/webhooks/{client}`, S3_NOTIFY_RETRY_BASE_MS: '50' };

    const first = await startChildServer('s3', env);
    const client = s3Client(first);
    await client.send(new CreateBucketCommand({ Bucket }));
    await client.send(new PutBucketNotificationConfigurationCommand({ Bucket, NotificationConfiguration: { QueueConfigurations: [{ Id: 'crash', QueueArn: 'arn:minio:sqs::standin:webhook', Events: ['s3:ObjectCreated:*'] }] } }));
    await Promise.all(
      KEYS.map(async (Key) => {
        for (let write = 0; write < WRITES_PER_KEY; write += 1) {
          const { ETag } = await client.send(new PutObjectCommand({ Bucket, Key, Body: `${Key}-${write}` }));
          acknowledged.set(Key, [...(acknowledged.get(Key) ?? []), ETag!.replace(/"/g, '')]);
        }
      }),
    );
    client.destroy();
    pendingAtKill = ((await (await fetch(`${first.url}/admin/notifications`)).json()) as { counts: { pending: number } }).counts.pending;
    await first.kill();

    const second = await startChildServer('s3', env);
    await outboxWhen(second.url, (list) => list.counts.pending === 0 && list.counts.delivered === KEYS.length * WRITES_PER_KEY + 1);
    const accepted = (await receivedEvents(receiver.url, 's3', KEYS.length * WRITES_PER_KEY)).filter((event) => event.outcome === 'accepted' && event.event_type === 's3:ObjectCreated:Put');
    delivered = new Map();
    for (const event of accepted) {
      const object = (recordOf(event).s3 as { object: { key: string; eTag: string } }).object;
      delivered.set(object.key, [...(delivered.get(object.key) ?? []), object.eTag]);
    }
  }, RESTART_SCENARIO_TIMEOUT_MS);

  afterAll(async () => {
    await killChildServers();
    await receiver?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('delivers every acknowledged write once, each key in the order of its writes', () => {
    expect(pendingAtKill).toBeGreaterThan(0);
    expect(delivered).toEqual(acknowledged);
  });
});
