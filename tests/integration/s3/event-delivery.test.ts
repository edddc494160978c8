/**
 * Delivery of S3 event notifications from the outbox (docs/ARCHITECTURE.md, "S3 event
 * notifications"): retries with backoff against a receiver that fails, a destination that is
 * gone, EventBridge messages, the admin view, reset, and refusals as S3 XML.
 */
import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  PutBucketNotificationConfigurationCommand,
  PutObjectCommand,
  type NotificationConfiguration,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createServer } from 'node:net';
import type { RunningServer } from '../../../src/kit';
import { startServer } from '../../support/standin-harness';
import { s3ErrorOf } from './s3-error';
import { s3Client } from './sdk-client';
import { outboxWhen, receivedEvents, recordOf } from './s3-event-receiver';

describe('delivery of S3 event notifications', () => {
  let receiver: RunningServer;
  let s3: RunningServer;
  let client: S3Client;
  let bucketNumber = 0;
  let Bucket: string;

  /** A loopback port nothing listens on (one just let go). */
  const closedPort = async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    return port;
  };

  beforeAll(async () => {
    receiver = await startServer('webhooks');
    s3 = await startServer('s3', {
      env: {
        WEBHOOK_URL: `${receiver.url}/webhooks/{client}`,
        S3_NOTIFY_WEBHOOK_FLAKY: `${receiver.url}/webhooks/flaky`,
        S3_NOTIFY_WEBHOOK_BRIDGE: `${receiver.url}/webhooks/bridge`,
        S3_NOTIFY_WEBHOOK_BRIDGE_FORMAT: 'eventbridge',
        S3_NOTIFY_WEBHOOK_GONE: `http://127.0.0.1:${await closedPort()}/hook`,
        S3_NOTIFY_RETRY_BASE_MS: '100',
        S3_NOTIFY_MAX_ATTEMPTS: '3',
      },
    });
    client = s3Client(s3);
  });
  afterAll(async () => {
    client.destroy();
    await s3.close();
    await receiver.close();
  });
  beforeEach(async () => {
    Bucket = `delivery-${++bucketNumber}`;
    await client.send(new CreateBucketCommand({ Bucket }));
  });

  const configure = (NotificationConfiguration: NotificationConfiguration) => client.send(new PutBucketNotificationConfigurationCommand({ Bucket, NotificationConfiguration }));
  const outboxOf = (done: Parameters<typeof outboxWhen>[1]) => outboxWhen(s3.url, done, `&bucket=${Bucket}`);
  const setReceiverStatus = async (clientId: string, status: number) => {
    const answer = await fetch(`${receiver.url}/webhooks/clients/${clientId}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ response: { status } }) });
    expect(answer.status).toBe(200);
  };

  it('retries with backoff while the destination fails, then delivers, keeping the answers in the admin view', async () => {
    await setReceiverStatus('flaky', 503);
    await configure({ QueueConfigurations: [{ Id: 'flaky', QueueArn: 'arn:minio:sqs::flaky:webhook', Events: ['s3:ObjectCreated:*'] }] });
    await client.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'v' }));
    const failing = await outboxOf((list) => list.notifications.some((n) => n.key === 'k' && n.attempts >= 2));
    expect(failing.notifications.find((n) => n.key === 'k')).toMatchObject({ status: 'pending', destination: 'FLAKY', last_status: 503, last_error: 'The destination answered 503', next_attempt_at: expect.any(String) });

    await setReceiverStatus('flaky', 200);
    const delivered = await outboxOf((list) => list.notifications.length === 2 && list.notifications.every((n) => n.status === 'delivered'));
    expect(delivered.notifications.find((n) => n.key === 'k')).toMatchObject({ status: 'delivered', last_status: 200, event_name: 'ObjectCreated:Put' });
    const accepted = (await receivedEvents(receiver.url, 'flaky', 1)).filter((event) => event.outcome === 'accepted' && event.event_type === 's3:ObjectCreated:Put');
    expect(accepted).toHaveLength(1);
    expect(accepted[0].signature_verified).toBe(true);
  });

  it('marks a notification failed once its attempts are spent, saying why', async () => {
    await configure({ QueueConfigurations: [{ Id: 'gone', QueueArn: 'arn:aws:sqs:us-east-1:123456789012:gone', Events: ['s3:ObjectCreated:Put'] }] });
    await client.send(new PutObjectCommand({ Bucket, Key: 'lost', Body: 'v' }));
    const settled = await outboxOf((list) => list.counts.failed >= 2 && list.notifications.every((n) => n.status === 'failed'));
    expect(settled.notifications.map((n) => [n.event_name, n.attempts, n.status])).toEqual([
      ['ObjectCreated:Put', 3, 'failed'],
      ['s3:TestEvent', 3, 'failed'],
    ]);
    expect(settled.notifications[0].last_error).toMatch(/ECONNREFUSED/);
    const failedOnly = await (await fetch(`${s3.url}/admin/notifications?status=failed&bucket=${Bucket}`)).json();
    expect(failedOnly.notifications).toHaveLength(2);
  });

  it('sends EventBridge messages to a destination configured for them, and for an EventBridgeConfiguration', async () => {
    await configure({ QueueConfigurations: [{ Id: 'bridge', QueueArn: 'arn:aws:sqs:us-east-1:123456789012:bridge', Events: ['s3:ObjectCreated:*'] }], EventBridgeConfiguration: {} });
    const put = await client.send(new PutObjectCommand({ Bucket, Key: 'photo.jpg', Body: 'img' }));
    const [bridged] = (await receivedEvents(receiver.url, 'bridge', 2)).filter((event) => event.event_type === 'Object Created' && JSON.stringify(event.payload).includes(Bucket));
    expect(bridged.signature_verified).toBe(true);
    expect(bridged.payload).toMatchObject({
      version: '0',
      'detail-type': 'Object Created',
      source: 'aws.s3',
      account: '123456789012',
      region: 'eu-west-1',
      resources: [`arn:aws:s3:::${Bucket}`],
      detail: { bucket: { name: Bucket }, object: { key: 'photo.jpg', size: 3, etag: put.ETag!.replace(/"/g, '') }, 'request-id': put.$metadata.requestId, reason: 'PutObject' },
    });
    const toStandin = (await receivedEvents(receiver.url, 's3', 1)).filter((event) => event.event_type === 'Object Created' && JSON.stringify(event.payload).includes(Bucket));
    expect(toStandin).toHaveLength(1);
  });

  it('sends one event per key a DeleteObjects removed', async () => {
    await client.send(new PutObjectCommand({ Bucket, Key: 'a', Body: '1' }));
    await client.send(new PutObjectCommand({ Bucket, Key: 'b', Body: '2' }));
    await configure({ TopicConfigurations: [{ Id: 'removals', TopicArn: 'arn:aws:sns:us-east-1:123456789012:standin', Events: ['s3:ObjectRemoved:*'] }] });
    await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'a' }, { Key: 'b' }, { Key: 'never-there' }] } }));
    await outboxOf((list) => list.counts.pending === 0 && list.notifications.length === 3);
    const removals = (await receivedEvents(receiver.url, 's3', 1)).filter((event) => event.event_type === 's3:ObjectRemoved:Delete' && JSON.stringify(event.payload).includes(`"name":"${Bucket}"`));
    expect(removals.map((event) => (recordOf(event).s3 as { object: { key: string } }).object.key)).toEqual(['a', 'b']);
  });

  it('answers a refused configuration with S3 XML, and keeps the one it had', async () => {
    await configure({ QueueConfigurations: [{ Id: 'kept', QueueArn: 'arn:minio:sqs::standin:webhook', Events: ['s3:ObjectCreated:*'] }] });
    const answer = await fetch(`${s3.url}/${Bucket}?notification`, {
      method: 'PUT',
      body: '<NotificationConfiguration><QueueConfiguration><Queue>arn:minio:sqs::standin:webhook</Queue><Event>s3:ObjectCreated:Teleport</Event></QueueConfiguration></NotificationConfiguration>',
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBe('application/xml');
    const xml = await answer.text();
    expect(xml).toContain('<Code>InvalidArgument</Code><Message>The event is not supported for notifications</Message>');
    const unknown = await s3ErrorOf(configure({ QueueConfigurations: [{ QueueArn: 'arn:aws:sqs:us-east-1:123456789012:nowhere', Events: ['s3:ObjectCreated:*'] }] }));
    expect([unknown.name, unknown.message, unknown.$metadata.httpStatusCode]).toEqual(['InvalidArgument', 'Unable to validate the following destination configurations', 400]);
    const malformed = await s3ErrorOf(
      client.send(new PutBucketNotificationConfigurationCommand({ Bucket, SkipDestinationValidation: true, NotificationConfiguration: { QueueConfigurations: [{ QueueArn: 'sqs-queue', Events: ['s3:ObjectCreated:*'] }] } })),
    );
    expect([malformed.name, malformed.message]).toEqual(['InvalidArgument', 'The ARN could not be parsed']);
    const kept = await (await fetch(`${s3.url}/${Bucket}?notification`)).text();
    expect(kept).toContain('<Id>kept</Id>');
  });

  it('empties the outbox on /admin/reset', async () => {
    await configure({ QueueConfigurations: [{ QueueArn: 'arn:minio:sqs::standin:webhook', Events: ['s3:ObjectCreated:*'] }] });
    await outboxWhen(s3.url, (list) => list.notifications.length > 0);
    expect((await fetch(`${s3.url}/admin/reset`, { method: 'DELETE' })).status).toBe(200);
    const after = await (await fetch(`${s3.url}/admin/notifications`)).json();
    expect(after).toMatchObject({ counts: { pending: 0, delivered: 0, failed: 0 }, notifications: [] });
  });
});
