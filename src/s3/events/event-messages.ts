/**
 * The bodies S3 sends, built from an outbox entry:
 * - AWS's `Records` message, version 2.1 (2.3 for tagging and ACL events, as AWS sends them):
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
 * - the EventBridge message (`detail-type` "Object Created"...):
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html
 * - the `s3:TestEvent` S3 sends when a configuration is saved.
 */
import type { MessageFormat } from './destinations';
import type { ObjectChange, ObjectEventName } from './object-change';

/** What the outbox keeps of an event: the change, and the bucket facts its message names. */
export interface ChangeNotification {
  kind: 'change';
  /** A UUID, the EventBridge `id`. */
  id: string;
  change: Omit<ObjectChange, 'time'> & { time: string };
  configurationId: string;
  region: string;
  /** The bucket owner's canonical id (ownerIdentity). */
  ownerId: string;
}

export interface TestNotification {
  kind: 'test';
  bucket: string;
  time: string;
  requestId: string;
  hostId: string;
}

export type Notification = ChangeNotification | TestNotification;

/**
 * S3 URL-encodes keys in event messages as HTML forms do: space as `+`, every byte outside
 * `A-Z a-z 0-9 - _ . *` percent-encoded, except `/`.
 */
export function eventKey(key: string): string {
  return encodeURIComponent(key)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+')
    .replace(/%2F/g, '/');
}

/** Events about an object's tags or ACL, not its data: version 2.3, and their object named by key and ETag alone. */
const METADATA_EVENTS: ReadonlySet<ObjectEventName> = new Set(['ObjectTagging:Put', 'ObjectTagging:Delete', 'ObjectAcl:Put']);

/**
 * What a message says of the object besides its key and version (localstack's recorded answers
 * from S3): a removal its sequencer, a tagging or ACL event its ETag, any other its size, ETag and
 * sequencer, except EventBridge's restore events, which have no sequencer.
 */
function objectFacts(change: ChangeNotification['change'], format: MessageFormat): { size?: number; etag?: string; sequencer?: string } {
  if (change.eventName.startsWith('ObjectRemoved:')) return { sequencer: change.sequencer };
  if (METADATA_EVENTS.has(change.eventName)) return { etag: change.etag };
  if (format === 'eventbridge' && change.eventName.startsWith('ObjectRestore:')) return { size: change.size, etag: change.etag };
  return { size: change.size, etag: change.etag, sequencer: change.sequencer };
}

/** `accountId`: the mock's account (S3_ACCOUNT_ID), EventBridge's `account` and `requester`. */
export function messageBody(notification: Notification, format: MessageFormat, accountId: string): string {
  if (notification.kind === 'test') return JSON.stringify(testEvent(notification));
  return JSON.stringify(format === 'eventbridge' ? eventBridgeMessage(notification, accountId) : recordsMessage(notification));
}

function testEvent(test: TestNotification) {
  return { Service: 'Amazon S3', Event: 's3:TestEvent', Time: test.time, Bucket: test.bucket, RequestId: test.requestId, HostId: test.hostId };
}

/** Who made the change: S3 itself completes a restore, and names the bucket owner as its customer. */
function requesterOf({ change, ownerId }: ChangeNotification): string {
  if (change.eventName === 'ObjectRestore:Completed') return `AmazonCustomer:${ownerId}`;
  return change.origin?.principalId ?? ownerId;
}

function recordsMessage(notification: ChangeNotification) {
  const { change } = notification;
  const { size, etag, sequencer } = objectFacts(change, 'records');
  return {
    Records: [
      {
        eventVersion: METADATA_EVENTS.has(change.eventName) ? '2.3' : '2.1',
        eventSource: 'aws:s3',
        awsRegion: notification.region,
        eventTime: change.time,
        eventName: change.eventName,
        userIdentity: { principalId: requesterOf(notification) },
        requestParameters: { sourceIPAddress: change.origin?.sourceIp ?? '127.0.0.1' },
        responseElements: { 'x-amz-request-id': change.origin?.requestId ?? '', 'x-amz-id-2': change.origin?.hostId ?? '' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: notification.configurationId,
          bucket: { name: change.bucket, ownerIdentity: { principalId: notification.ownerId }, arn: `arn:aws:s3:::${change.bucket}` },
          object: {
            key: eventKey(change.key),
            size,
            eTag: etag,
            ...(change.versionId !== undefined ? { versionId: change.versionId } : {}),
            sequencer,
          },
        },
        // Only a completed restore says when its copy expires.
        ...(change.eventName === 'ObjectRestore:Completed' && change.restore
          ? { glacierEventData: { restoreEventData: { lifecycleRestorationExpiryTime: change.restore.expiryTime, lifecycleRestoreStorageClass: change.restore.storageClass } } }
          : {}),
      },
    ],
  };
}

/** EventBridge's detail-type and `reason` for each event. */
const EVENTBRIDGE_TYPES: Record<ObjectEventName, { detailType: string; reason?: string; deletionType?: string }> = {
  'ObjectCreated:Put': { detailType: 'Object Created', reason: 'PutObject' },
  'ObjectCreated:Post': { detailType: 'Object Created', reason: 'POST Object' },
  'ObjectCreated:Copy': { detailType: 'Object Created', reason: 'CopyObject' },
  'ObjectCreated:CompleteMultipartUpload': { detailType: 'Object Created', reason: 'CompleteMultipartUpload' },
  'ObjectRemoved:Delete': { detailType: 'Object Deleted', reason: 'DeleteObject', deletionType: 'Permanently Deleted' },
  'ObjectRemoved:DeleteMarkerCreated': { detailType: 'Object Deleted', reason: 'DeleteObject', deletionType: 'Delete Marker Created' },
  'ObjectTagging:Put': { detailType: 'Object Tags Added' },
  'ObjectTagging:Delete': { detailType: 'Object Tags Deleted' },
  'ObjectAcl:Put': { detailType: 'Object ACL Updated' },
  'ObjectRestore:Post': { detailType: 'Object Restore Initiated' },
  'ObjectRestore:Completed': { detailType: 'Object Restore Completed' },
};

function eventBridgeMessage(notification: ChangeNotification, accountId: string) {
  const { change } = notification;
  const type = EVENTBRIDGE_TYPES[change.eventName];
  const { size, etag, sequencer } = objectFacts(change, 'eventbridge');
  return {
    version: '0',
    id: notification.id,
    'detail-type': type.detailType,
    source: 'aws.s3',
    account: accountId,
    // EventBridge times have second precision.
    time: change.time.replace(/\.\d{3}Z$/, 'Z'),
    region: notification.region,
    resources: [`arn:aws:s3:::${change.bucket}`],
    detail: {
      version: '0',
      bucket: { name: change.bucket },
      object: {
        key: change.key,
        size,
        etag,
        ...(change.versionId !== undefined ? { 'version-id': change.versionId } : {}),
        sequencer,
      },
      'request-id': change.origin?.requestId ?? '',
      requester: accountId,
      'source-ip-address': change.origin?.sourceIp ?? '127.0.0.1',
      ...(type.reason ? { reason: type.reason } : {}),
      ...(type.deletionType ? { 'deletion-type': type.deletionType } : {}),
      ...(change.restore ? { 'source-storage-class': change.restore.storageClass } : {}),
      ...(change.eventName === 'ObjectRestore:Completed' && change.restore ? { 'restore-expiry-time': change.restore.expiryTime } : {}),
    },
  };
}
