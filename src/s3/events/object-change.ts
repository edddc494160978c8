/**
 * One committed change of an object, in the terms of S3 event notifications
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html).
 * The store records one for every write, delete, tagging and ACL change it commits.
 */

/** The event types the mock emits, named as in AWS's records (without the `s3:` prefix). */
export const OBJECT_EVENT_NAMES = [
  'ObjectCreated:Put',
  'ObjectCreated:Post',
  'ObjectCreated:Copy',
  'ObjectCreated:CompleteMultipartUpload',
  'ObjectRemoved:Delete',
  'ObjectRemoved:DeleteMarkerCreated',
  'ObjectTagging:Put',
  'ObjectTagging:Delete',
  'ObjectAcl:Put',
  'ObjectRestore:Post',
  'ObjectRestore:Completed',
] as const;

export type ObjectEventName = (typeof OBJECT_EVENT_NAMES)[number];

/** The request that caused a change: what AWS puts in userIdentity, requestParameters and responseElements. */
export interface RequestOrigin {
  /** x-amz-request-id of the request. */
  requestId: string;
  /** x-amz-id-2 of the request. */
  hostId: string;
  principalId: string;
  sourceIp: string;
}

/** What a writer tells the store about a change it asks for. */
export interface ChangeCause {
  eventName: ObjectEventName;
  origin?: RequestOrigin;
  /** Events that follow it in the same commit (a restore the mock completes at once: ObjectRestore:Completed). */
  followedBy?: ObjectEventName[];
}

export interface ObjectChange {
  eventName: ObjectEventName;
  bucket: string;
  key: string;
  /** Absent for removals. */
  size?: number;
  /** Hex, no quotes; absent for removals. */
  etag?: string;
  /** Set in a bucket that has versioning set. */
  versionId?: string;
  /** Hex, increasing with each change (so per key), for ordering as S3's sequencer. */
  sequencer: string;
  time: Date;
  /** Absent for changes the mock makes itself (admin API). */
  origin?: RequestOrigin;
  /** For restore events: when the restored copy expires (ISO 8601), and the archive's storage class. */
  restore?: { expiryTime: string; storageClass: string };
}

/** A change as the store describes it, before the journal stamps it. */
export type ObjectChangeDraft = Omit<ObjectChange, 'sequencer' | 'time'>;
