/**
 * The event types a notification configuration may name, as AWS lists them
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html).
 * A configuration may name any of them; the mock emits those of OBJECT_EVENT_NAMES.
 */
import { OBJECT_EVENT_NAMES, type ObjectEventName } from './object-change';

export const NOTIFICATION_EVENTS: ReadonlySet<string> = new Set([
  ...OBJECT_EVENT_NAMES.map((name) => `s3:${name}`),
  's3:ObjectCreated:*',
  's3:ObjectRemoved:*',
  's3:ObjectTagging:*',
  's3:ObjectRestore:*',
  's3:ObjectRestore:Post',
  's3:ObjectRestore:Completed',
  's3:ObjectRestore:Delete',
  's3:ReducedRedundancyLostObject',
  's3:Replication:*',
  's3:Replication:OperationFailedReplication',
  's3:Replication:OperationMissedThreshold',
  's3:Replication:OperationReplicatedAfterThreshold',
  's3:Replication:OperationNotTracked',
  's3:LifecycleExpiration:*',
  's3:LifecycleExpiration:Delete',
  's3:LifecycleExpiration:DeleteMarkerCreated',
  's3:LifecycleTransition',
  's3:IntelligentTiering',
]);

/** Whether a configured event type (`s3:ObjectCreated:*`, `s3:ObjectCreated:Put`) covers an event. */
export function eventTypeCovers(configured: string, eventName: ObjectEventName | string): boolean {
  const name = configured.slice('s3:'.length);
  return name.endsWith(':*') ? eventName.startsWith(name.slice(0, -1)) : name === eventName;
}

/** Whether two configured event types can both cover one event (a wildcard overlaps its members). */
export function eventTypesOverlap(a: string, b: string): boolean {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return shorter === longer || (shorter.endsWith(':*') && longer.startsWith(shorter.slice(0, -1)));
}
