/**
 * S3 event notifications with real clients (docs/ARCHITECTURE.md, "S3 event notifications"): a
 * configuration put with @aws-sdk/client-s3, objects changed with it, and the events as the
 * project's webhook receiver stores them, Standard Webhooks signatures verified.
 */
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectTaggingCommand,
  GetBucketNotificationConfigurationCommand,
  PutBucketNotificationConfigurationCommand,
  PutBucketVersioningCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  RestoreObjectCommand,
  CreateBucketCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { OWNER } from '../../../src/s3/documents/owner';
import { useStandin } from '../../support/standin-harness';
import { s3Client } from './sdk-client';
import { outboxWhen, receivedEvents, recordOf } from './s3-event-receiver';

const STANDIN_QUEUE = 'arn:aws:sqs:us-east-1:123456789012:standin';

describe('S3 event notifications to the webhook receiver', () => {
  // The receiver refuses anything it cannot verify: every stored event passed its signature check.
  const standin = useStandin({ servers: ['webhooks', 's3'], env: { WEBHOOK_REQUIRE_SIGNATURE: 'true', S3_OBJECT_OWNERSHIP: 'ObjectWriter' } });
  let client: S3Client;
  let bucketNumber = 0;
  let Bucket: string;

  beforeAll(() => {
    client = s3Client(standin.servers.s3!);
  });
  beforeEach(async () => {
    Bucket = `events-${++bucketNumber}`;
    await client.send(new CreateBucketCommand({ Bucket }));
  });
  afterAll(() => client.destroy());

  it('delivers a PutObject as a verified ObjectCreated:Put with AWS\'s Records body, after the TestEvent', async () => {
    await client.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket,
        NotificationConfiguration: {
          QueueConfigurations: [{ Id: 'new-images', QueueArn: STANDIN_QUEUE, Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'images/' }] } } }],
        },
      }),
    );
    const put = await client.send(new PutObjectCommand({ Bucket, Key: 'images/cat photo (1).jpg', Body: 'meow' }));
    const [test, created] = (await receivedEvents(standin.urls.webhooks!, 's3', 2)).filter((event) => event.payload && JSON.stringify(event.payload).includes(Bucket));

    expect(test).toMatchObject({ event_type: 's3:TestEvent', signature_verified: true });
    expect(test.payload).toEqual({ Service: 'Amazon S3', Event: 's3:TestEvent', Time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), Bucket, RequestId: expect.stringMatching(/^[0-9A-F]{16}$/), HostId: expect.any(String) });

    expect(created).toMatchObject({ client_id: 's3', event_type: 's3:ObjectCreated:Put', signature_verified: true });
    expect(created.signature).toMatchObject({ scheme: 'standard-webhooks' });
    expect(created.payload).toEqual({
      Records: [
        {
          eventVersion: '2.1',
          eventSource: 'aws:s3',
          awsRegion: 'eu-west-1', // the client's region, the bucket's LocationConstraint
          eventTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
          eventName: 'ObjectCreated:Put',
          userIdentity: { principalId: '123456789012' },
          requestParameters: { sourceIPAddress: '127.0.0.1' },
          responseElements: { 'x-amz-request-id': put.$metadata.requestId, 'x-amz-id-2': put.$metadata.extendedRequestId },
          s3: {
            s3SchemaVersion: '1.0',
            configurationId: 'new-images',
            bucket: { name: Bucket, ownerIdentity: { principalId: OWNER.ID }, arn: `arn:aws:s3:::${Bucket}` },
            object: { key: 'images/cat+photo+%281%29.jpg', size: 4, eTag: put.ETag!.replace(/"/g, ''), sequencer: expect.stringMatching(/^[0-9A-F]{16}$/) },
          },
        },
      ],
    });
  });

  it('reads back the configuration as AWS writes it, with an Id made up for an entry without one', async () => {
    await client.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket,
        NotificationConfiguration: {
          QueueConfigurations: [{ QueueArn: 'arn:minio:sqs::standin:webhook', Events: ['s3:ObjectRemoved:*'], Filter: { Key: { FilterRules: [{ Name: 'suffix', Value: '.log' }] } } }],
          TopicConfigurations: [{ Id: 'tags', TopicArn: 'arn:aws:sns:eu-west-1:123456789012:standin', Events: ['s3:ObjectTagging:Put', 's3:ObjectTagging:Delete'] }],
          LambdaFunctionConfigurations: [{ Id: 'thumbs', LambdaFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:standin', Events: ['s3:ObjectCreated:Put'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'in/' }, { Name: 'suffix', Value: '.png' }] } } }],
        },
      }),
    );
    const read = await client.send(new GetBucketNotificationConfigurationCommand({ Bucket }));
    expect(read.QueueConfigurations).toEqual([
      { Id: expect.stringMatching(/.+/), QueueArn: 'arn:minio:sqs::standin:webhook', Events: ['s3:ObjectRemoved:*'], Filter: { Key: { FilterRules: [{ Name: 'Suffix', Value: '.log' }] } } },
    ]);
    expect(read.TopicConfigurations).toEqual([{ Id: 'tags', TopicArn: 'arn:aws:sns:eu-west-1:123456789012:standin', Events: ['s3:ObjectTagging:Put', 's3:ObjectTagging:Delete'] }]);
    expect(read.LambdaFunctionConfigurations).toEqual([
      { Id: 'thumbs', LambdaFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:standin', Events: ['s3:ObjectCreated:Put'], Filter: { Key: { FilterRules: [{ Name: 'Prefix', Value: 'in/' }, { Name: 'Suffix', Value: '.png' }] } } },
    ]);

    await client.send(new PutBucketNotificationConfigurationCommand({ Bucket, NotificationConfiguration: {} }));
    const cleared = await client.send(new GetBucketNotificationConfigurationCommand({ Bucket }));
    expect([cleared.QueueConfigurations, cleared.TopicConfigurations, cleared.LambdaFunctionConfigurations]).toEqual([undefined, undefined, undefined]);
  });

  it('sends each kind of change, filtered by prefix and suffix, in order', async () => {
    await client.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    await client.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket,
        NotificationConfiguration: {
          QueueConfigurations: [
            { Id: 'all', QueueArn: STANDIN_QUEUE, Events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*', 's3:ObjectTagging:*', 's3:ObjectAcl:Put'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'docs/' }, { Name: 'suffix', Value: '.txt' }] } } },
          ],
        },
      }),
    );
    const key = 'docs/a.txt';
    await client.send(new PutObjectCommand({ Bucket, Key: 'docs/skipped.bin', Body: 'no' }));
    await client.send(new PutObjectCommand({ Bucket, Key: 'other/a.txt', Body: 'no' }));
    const written = await client.send(new PutObjectCommand({ Bucket, Key: key, Body: 'one' }));
    await client.send(new CopyObjectCommand({ Bucket, Key: 'docs/b.txt', CopySource: `${Bucket}/${key}` }));
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'docs/big.txt' }));
    const part = await client.send(new UploadPartCommand({ Bucket, Key: 'docs/big.txt', UploadId, PartNumber: 1, Body: 'only part' }));
    await client.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'docs/big.txt', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } }));
    await client.send(new PutObjectTaggingCommand({ Bucket, Key: key, Tagging: { TagSet: [{ Key: 'k', Value: 'v' }] } }));
    await client.send(new DeleteObjectTaggingCommand({ Bucket, Key: key }));
    await client.send(new PutObjectAclCommand({ Bucket, Key: key, ACL: 'public-read' }));
    const marker = await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    await client.send(new DeleteObjectCommand({ Bucket, Key: key, VersionId: written.VersionId }));
    const form = new FormData();
    form.append('key', 'docs/posted.txt');
    form.append('file', new Blob(['posted']), 'posted.txt');
    expect((await fetch(`${standin.urls.s3}/${Bucket}`, { method: 'POST', body: form })).status).toBe(204);

    const expected = [
      ['ObjectCreated:Put', 'docs/a.txt'],
      ['ObjectCreated:Copy', 'docs/b.txt'],
      ['ObjectCreated:CompleteMultipartUpload', 'docs/big.txt'],
      ['ObjectTagging:Put', 'docs/a.txt'],
      ['ObjectTagging:Delete', 'docs/a.txt'],
      ['ObjectAcl:Put', 'docs/a.txt'],
      ['ObjectRemoved:DeleteMarkerCreated', 'docs/a.txt'],
      ['ObjectRemoved:Delete', 'docs/a.txt'],
      ['ObjectCreated:Post', 'docs/posted.txt'],
    ];
    // Every notification of this bucket (and its TestEvent) delivered, then read back from the receiver.
    const settled = await outboxWhen(standin.urls.s3!, (list) => list.notifications.filter((n) => n.bucket === Bucket && n.status === 'delivered').length === expected.length + 1, `&bucket=${Bucket}`);
    expect(settled.notifications.every((notification) => notification.status === 'delivered')).toBe(true);
    const stored = (await receivedEvents(standin.urls.webhooks!, 's3', 1)).filter((event) => event.event_type !== 's3:TestEvent' && JSON.stringify(event.payload).includes(`"name":"${Bucket}"`));
    expect(stored.every((event) => event.signature_verified)).toBe(true);
    const records = stored.map(recordOf) as Array<{ eventName: string; eventVersion: string; s3: { object: { key: string; versionId?: string; sequencer?: string; size?: number } } }>;
    // Order is kept per key; different keys deliver independently, so compare key by key (a stable sort).
    const byKey = (pairs: string[][]) => [...pairs].sort((a, b) => a[1].localeCompare(b[1]));
    expect(byKey(records.map((record) => [record.eventName, record.s3.object.key]))).toEqual(byKey(expected));
    expect(records.every((record) => record.eventVersion === (/^Object(Tagging|Acl):/.test(record.eventName) ? '2.3' : '2.1'))).toBe(true);
    const removals = records.filter((record) => record.eventName.startsWith('ObjectRemoved:'));
    expect(removals.map((record) => record.s3.object.versionId)).toEqual([marker.VersionId, written.VersionId]);
    expect(removals.every((record) => record.s3.object.size === undefined)).toBe(true);
    // A tagging or ACL event names no sequencer, as S3's do not; the others' grow with each change of the key.
    const sameKey = records.filter((record) => record.s3.object.key === key);
    expect(sameKey.filter((record) => record.s3.object.sequencer === undefined).map((record) => record.eventName)).toEqual(['ObjectTagging:Put', 'ObjectTagging:Delete', 'ObjectAcl:Put']);
    const sequencers = sameKey.map((record) => record.s3.object.sequencer).filter((sequencer) => sequencer !== undefined);
    expect([...sequencers].sort()).toEqual(sequencers);
  });
  it('sends a restore as ObjectRestore:Post, then ObjectRestore:Completed saying when the restored copy expires', async () => {
    await client.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket,
        NotificationConfiguration: { QueueConfigurations: [{ Id: 'restores', QueueArn: STANDIN_QUEUE, Events: ['s3:ObjectRestore:*'] }] },
      }),
    );
    await client.send(new PutObjectCommand({ Bucket, Key: 'cold.txt', Body: 'archived', StorageClass: 'GLACIER' }));
    await client.send(new RestoreObjectCommand({ Bucket, Key: 'cold.txt', RestoreRequest: { Days: 1, GlacierJobParameters: { Tier: 'Standard' } } }));

    await outboxWhen(standin.urls.s3!, (list) => list.notifications.filter((n) => n.bucket === Bucket && n.status === 'delivered').length === 3, `&bucket=${Bucket}`);
    const stored = (await receivedEvents(standin.urls.webhooks!, 's3', 1)).filter((event) => event.event_type !== 's3:TestEvent' && JSON.stringify(event.payload).includes(`"name":"${Bucket}"`));
    const records = stored.map(recordOf) as Array<{ eventName: string; s3: { object: { key: string } }; glacierEventData?: unknown }>;
    expect(records.map((record) => record.eventName).sort()).toEqual(['ObjectRestore:Completed', 'ObjectRestore:Post']);
    const completed = records.find((record) => record.eventName === 'ObjectRestore:Completed')!;
    expect(completed.glacierEventData).toEqual({ restoreEventData: { lifecycleRestorationExpiryTime: expect.stringMatching(/T00:00:00\.000Z$/), lifecycleRestoreStorageClass: 'GLACIER' } });
    expect(records.find((record) => record.eventName === 'ObjectRestore:Post')!.glacierEventData).toBeUndefined();
  });
});
