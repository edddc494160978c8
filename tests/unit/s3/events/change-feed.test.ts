/** The in-process feed of committed object changes (src/s3/events/change-feed.ts), fed by the store. */
import { PassThrough } from 'node:stream';
import type { ObjectChange } from '../../../../src/s3/events';
import { ConditionalRequestConflict } from '../../../../src/s3/store';
import { putText, TEST_MIN_PART_SIZE, streamOf, useStore } from '../store/store-fixture';

const origin = { requestId: 'ABCDEF0123456789', hostId: 'aG9zdA==', principalId: 'AWS:alice', sourceIp: '127.0.0.1' };

describe('the change feed', () => {
  const handle = useStore('memory');
  let changes: ObjectChange[];
  let unsubscribe: () => void;
  beforeEach(async () => {
    await handle.store.createBucket('bucket');
    changes = [];
    unsubscribe = handle.store.changes.subscribe((change) => changes.push(change));
  });
  afterEach(() => unsubscribe());

  it('reports a put after it committed, with its size, ETag, origin and a sequencer', async () => {
    let seenByListener: string | undefined;
    handle.store.changes.subscribe((change) => {
      // Synchronous listeners run after the commit: the object is there to read.
      void handle.store.headObject(change.bucket, change.key).then(({ object }) => (seenByListener = object.etag));
    });
    const object = await putText(handle.store, 'bucket', 'a/b.txt', 'hello', { cause: { eventName: 'ObjectCreated:Put', origin } });
    expect(changes).toEqual([
      expect.objectContaining({ eventName: 'ObjectCreated:Put', bucket: 'bucket', key: 'a/b.txt', size: 5, etag: object.etag, origin, sequencer: expect.stringMatching(/^[0-9A-F]{16}$/) }),
    ]);
    expect(changes[0].versionId).toBeUndefined();
    await new Promise((resolve) => setImmediate(resolve));
    expect(seenByListener).toBe(object.etag);
  });

  it('names each kind of change, with sequencers that grow', async () => {
    await putText(handle.store, 'bucket', 'k', 'one');
    await handle.store.copyObject({ source: await handle.store.getObject('bucket', 'k'), target: { bucket: 'bucket', key: 'copy' }, metadata: {} });
    await handle.store.putObjectTags('bucket', 'k', [{ key: 't', value: 'v' }]);
    await handle.store.deleteObjectTags('bucket', 'k');
    await handle.store.updateObject('bucket', 'k', undefined, (info) => info, { eventName: 'ObjectAcl:Put' });
    await handle.store.deleteObject('bucket', 'k');
    expect(changes.map((change) => [change.eventName, change.key])).toEqual([
      ['ObjectCreated:Put', 'k'],
      ['ObjectCreated:Copy', 'copy'],
      ['ObjectTagging:Put', 'k'],
      ['ObjectTagging:Delete', 'k'],
      ['ObjectAcl:Put', 'k'],
      ['ObjectRemoved:Delete', 'k'],
    ]);
    const sequencers = changes.map((change) => change.sequencer);
    expect([...sequencers].sort()).toEqual(sequencers);
    expect(new Set(sequencers).size).toBe(sequencers.length);
  });

  it('reports a completed multipart upload once', async () => {
    const upload = await handle.store.createMultipartUpload({ bucket: 'bucket', key: 'big', metadata: {} });
    const part = await handle.store.uploadPart({ bucket: 'bucket', key: 'big', uploadId: upload.uploadId, partNumber: 1, body: streamOf('x'.repeat(TEST_MIN_PART_SIZE)) });
    await handle.store.completeMultipartUpload({ bucket: 'bucket', key: 'big', uploadId: upload.uploadId, parts: [{ partNumber: 1, etag: part.etag }] });
    expect(changes.map((change) => change.eventName)).toEqual(['ObjectCreated:CompleteMultipartUpload']);
  });

  it('reports a delete marker in a versioned bucket, with its version id', async () => {
    await handle.store.putBucketConfig('bucket', 'versioning', 'Enabled');
    const written = await putText(handle.store, 'bucket', 'k', 'v1');
    const marker = await handle.store.deleteObject('bucket', 'k');
    await handle.store.deleteObject('bucket', 'k', { versionId: written.versionId });
    expect(changes.map((change) => [change.eventName, change.versionId])).toEqual([
      ['ObjectCreated:Put', written.versionId],
      ['ObjectRemoved:DeleteMarkerCreated', marker.versionId],
      ['ObjectRemoved:Delete', written.versionId],
    ]);
  });

  it('reports nothing for a write whose transaction rolled back, or a delete that removed nothing', async () => {
    const body = new PassThrough();
    const guarded = handle.store.putObject({ bucket: 'bucket', key: 'k', body, metadata: {}, ifNoneMatch: '*' });
    await putText(handle.store, 'bucket', 'k', 'first'); // lands while the guarded body streams
    body.end('second');
    await expect(guarded).rejects.toBeInstanceOf(ConditionalRequestConflict);
    await handle.store.deleteObject('bucket', 'missing');
    expect(changes.map((change) => change.key)).toEqual(['k']);
  });

  it('stops calling a listener once it unsubscribed, and survives a listener that throws', async () => {
    const stop = handle.store.changes.subscribe(() => {
      throw new Error('listener bug');
    });
    await putText(handle.store, 'bucket', 'k', 'one');
    stop();
    unsubscribe();
    await putText(handle.store, 'bucket', 'k', 'two');
    expect(changes.map((change) => change.key)).toEqual(['k']);
  });
});

describe('the notification outbox', () => {
  const handle = useStore('memory');

  it('prunes delivered and failed notifications but the newest, never a pending one', async () => {
    await handle.store.createBucket('bucket');
    const rule = { id: 'all', kind: 'queue' as const, arn: 'arn:minio:sqs::standin:webhook', events: ['s3:ObjectCreated:*'] };
    await handle.store.putNotificationConfiguration('bucket', { rules: [rule], eventBridge: false }, { requestId: 'R', hostId: 'H' });
    for (const key of ['a', 'b', 'c', 'd']) await putText(handle.store, 'bucket', key, key);
    const { outbox } = handle.store;
    const [d, , b, a, test] = outbox.list({ limit: 10, offset: 0 });
    outbox.recordDelivered(test, 200, Date.now());
    outbox.recordDelivered(a, 200, Date.now());
    outbox.recordFailure(b, { error: 'gone' }, Date.now(), undefined);
    outbox.recordDelivered(d, 204, Date.now());
    outbox.prune(2);
    expect(outbox.list({ limit: 10, offset: 0 }).map((message) => [message.key, message.status])).toEqual([
      ['d', 'delivered'],
      ['c', 'pending'],
      ['b', 'failed'],
    ]);
  });
});
