/** The bodies of S3 event notifications (src/s3/events/event-messages.ts). */
import { eventKey, messageBody, type ChangeNotification } from '../../../../src/s3/events';

const notification = (eventName: ChangeNotification['change']['eventName'], extra: Partial<ChangeNotification['change']> = {}): ChangeNotification => ({
  kind: 'change',
  id: '17793124-05d4-b198-2fde-7ededc63b103',
  configurationId: 'cfg',
  region: 'eu-west-1',
  ownerId: 'owner-id',
  change: {
    eventName,
    bucket: 'photos',
    key: 'a b/c.jpg',
    size: 5,
    etag: 'b1946ac92492d2347c6235b4d2611184',
    sequencer: '00063F2A1B2C3D4E',
    time: '2026-01-02T03:04:05.678Z',
    origin: { requestId: 'N4N7GDK58NMKJ12R', hostId: 'aG9zdA==', principalId: 'AWS:alice', sourceIp: '1.2.3.4' },
    ...extra,
  },
});

describe('eventKey', () => {
  it.each([
    ['images/cat.jpg', 'images/cat.jpg'],
    ['hello world.txt', 'hello+world.txt'],
    ['test (1).jpg', 'test+%281%29.jpg'],
    ['a+b=c&d', 'a%2Bb%3Dc%26d'],
    ['café/ü.txt', 'caf%C3%A9/%C3%BC.txt'],
    ["it's~!", 'it%27s%7E%21'],
  ])('encodes %s as S3 does in events: %s', (key, encoded) => {
    expect(eventKey(key)).toBe(encoded);
  });
});

describe('messageBody', () => {
  it('leaves size and ETag out of a removal, and keeps its version id', () => {
    const body = JSON.parse(messageBody(notification('ObjectRemoved:DeleteMarkerCreated', { versionId: 'v1', size: undefined, etag: undefined }), 'records', '123456789012'));
    expect(body.Records[0].s3.object).toEqual({ key: 'a+b/c.jpg', versionId: 'v1', sequencer: '00063F2A1B2C3D4E' });
  });

  // localstack's recorded answers: test_object_tagging_put_event, test_object_tagging_delete_event, test_object_put_acl (SQS and EventBridge), test_restore_object (EventBridge).
  it('names the object of a tagging or ACL event by key and ETag alone, and an EventBridge restore without a sequencer', () => {
    for (const eventName of ['ObjectTagging:Put', 'ObjectTagging:Delete', 'ObjectAcl:Put'] as const) {
      const record = JSON.parse(messageBody(notification(eventName), 'records', '1')).Records[0];
      expect([record.eventVersion, record.s3.object]).toEqual(['2.3', { key: 'a+b/c.jpg', eTag: 'b1946ac92492d2347c6235b4d2611184' }]);
      const bridge = JSON.parse(messageBody(notification(eventName, { versionId: 'v1' }), 'eventbridge', '1'));
      expect(bridge.detail.object).toEqual({ key: 'a b/c.jpg', etag: 'b1946ac92492d2347c6235b4d2611184', 'version-id': 'v1' });
    }
    const restore = { expiryTime: '2026-01-05T00:00:00.000Z', storageClass: 'GLACIER' };
    expect(JSON.parse(messageBody(notification('ObjectRestore:Post', { restore }), 'eventbridge', '1')).detail.object).toEqual({ key: 'a b/c.jpg', size: 5, etag: 'b1946ac92492d2347c6235b4d2611184' });
    expect(JSON.parse(messageBody(notification('ObjectRestore:Post', { restore }), 'records', '1')).Records[0].s3.object).toEqual({
      key: 'a+b/c.jpg',
      size: 5,
      eTag: 'b1946ac92492d2347c6235b4d2611184',
      sequencer: '00063F2A1B2C3D4E',
    });
  });

  it('writes the EventBridge message of each kind of change', () => {
    const created = JSON.parse(messageBody(notification('ObjectCreated:Put'), 'eventbridge', '123456789012'));
    expect(created).toEqual({
      version: '0',
      id: '17793124-05d4-b198-2fde-7ededc63b103',
      'detail-type': 'Object Created',
      source: 'aws.s3',
      account: '123456789012',
      time: '2026-01-02T03:04:05Z',
      region: 'eu-west-1',
      resources: ['arn:aws:s3:::photos'],
      detail: {
        version: '0',
        bucket: { name: 'photos' },
        object: { key: 'a b/c.jpg', size: 5, etag: 'b1946ac92492d2347c6235b4d2611184', sequencer: '00063F2A1B2C3D4E' },
        'request-id': 'N4N7GDK58NMKJ12R',
        requester: '123456789012',
        'source-ip-address': '1.2.3.4',
        reason: 'PutObject',
      },
    });
    const deleted = JSON.parse(messageBody(notification('ObjectRemoved:DeleteMarkerCreated', { versionId: 'v1' }), 'eventbridge', '123456789012'));
    expect(deleted['detail-type']).toBe('Object Deleted');
    expect(deleted.detail).toMatchObject({ 'deletion-type': 'Delete Marker Created', reason: 'DeleteObject', object: { key: 'a b/c.jpg', 'version-id': 'v1' } });
    expect(deleted.detail.object.size).toBeUndefined();
    expect(JSON.parse(messageBody(notification('ObjectTagging:Put'), 'eventbridge', '1'))['detail-type']).toBe('Object Tags Added');
  });

  it('says when a completed restore\'s copy expires, in the Records body and in EventBridge\'s', () => {
    const restore = { expiryTime: '2026-01-05T00:00:00.000Z', storageClass: 'GLACIER' };
    const initiated = JSON.parse(messageBody(notification('ObjectRestore:Post', { restore }), 'records', '1')).Records[0];
    expect(initiated.glacierEventData).toBeUndefined();
    const completed = JSON.parse(messageBody(notification('ObjectRestore:Completed', { restore }), 'records', '1')).Records[0];
    // localstack's recorded answer (test_restore_object): S3 completes the restore on the bucket owner's behalf.
    expect(completed).toMatchObject({ eventName: 'ObjectRestore:Completed', eventVersion: '2.1', userIdentity: { principalId: 'AmazonCustomer:owner-id' } });
    expect(initiated.userIdentity).toEqual({ principalId: 'AWS:alice' });
    expect(completed.glacierEventData).toEqual({ restoreEventData: { lifecycleRestorationExpiryTime: '2026-01-05T00:00:00.000Z', lifecycleRestoreStorageClass: 'GLACIER' } });
    const bridgeInitiated = JSON.parse(messageBody(notification('ObjectRestore:Post', { restore }), 'eventbridge', '1'));
    expect(bridgeInitiated['detail-type']).toBe('Object Restore Initiated');
    expect(bridgeInitiated.detail['source-storage-class']).toBe('GLACIER');
    expect(bridgeInitiated.detail['restore-expiry-time']).toBeUndefined();
    const bridgeCompleted = JSON.parse(messageBody(notification('ObjectRestore:Completed', { restore }), 'eventbridge', '1'));
    expect(bridgeCompleted['detail-type']).toBe('Object Restore Completed');
    expect(bridgeCompleted.detail).toMatchObject({ 'source-storage-class': 'GLACIER', 'restore-expiry-time': '2026-01-05T00:00:00.000Z' });
  });

  it('writes S3\'s s3:TestEvent whatever the format', () => {
    const test = { kind: 'test', bucket: 'photos', time: '2026-01-02T03:04:05.678Z', requestId: 'R', hostId: 'H' } as const;
    const expected = { Service: 'Amazon S3', Event: 's3:TestEvent', Time: '2026-01-02T03:04:05.678Z', Bucket: 'photos', RequestId: 'R', HostId: 'H' };
    expect(JSON.parse(messageBody(test, 'records', '1'))).toEqual(expected);
    expect(JSON.parse(messageBody(test, 'eventbridge', '1'))).toEqual(expected);
  });
});
