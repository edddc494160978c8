import { randomUUID } from 'node:crypto';
import type { ChangeFeed } from './change-feed';
import { DEFAULT_DESTINATION_ID, destinationIdOf } from './destinations';
import type { ChangeNotification, TestNotification } from './event-messages';
import { matchingRules, type NotificationConfiguration } from './notification-configuration';
import type { NotificationOutbox, OutboxEntry } from './notification-outbox';
import type { ObjectChange, ObjectChangeDraft } from './object-change';
import { Sequencer } from './sequencer';

/** What the journal needs to know of a changed object's bucket to notify about it. */
export interface NotifyingBucket {
  notification?: NotificationConfiguration;
  /** The owner's canonical id. */
  ownerId: string;
  /** Read only when an event is queued. */
  region(): string;
}

/**
 * Records object changes inside the index transaction that makes them: the notifications their
 * bucket's configuration asks for go into the outbox in that transaction, and the feed hears of
 * them once it has committed (the metadata index calls `settled` around its outermost
 * transaction), so nobody hears of a write that did not happen. Costs nothing for a bucket
 * without a configuration while nobody listens.
 */
export class ChangeJournal {
  private pending: ObjectChange[] = [];

  constructor(
    readonly feed: ChangeFeed,
    readonly outbox: NotificationOutbox,
    private readonly sequencer = new Sequencer(),
  ) {
    const last = outbox.lastSequencer();
    if (last) sequencer.resumeAfter(last);
  }

  /** Called inside the transaction of the change. */
  record(draft: ObjectChangeDraft, bucket?: NotifyingBucket): void {
    const notification = bucket?.notification;
    const rules = notification ? matchingRules(notification, draft.eventName, draft.key) : [];
    const toEventBridge = notification?.eventBridge === true;
    if (!this.feed.listening && rules.length === 0 && !toEventBridge) return;
    const change: ObjectChange = { ...draft, sequencer: this.sequencer.next(), time: new Date() };
    if (bucket && (rules.length > 0 || toEventBridge)) {
      const region = bucket.region();
      const entry = (configurationId: string): ChangeNotification => ({
        kind: 'change',
        id: randomUUID(),
        change: { ...change, time: change.time.toISOString() },
        configurationId,
        region,
        ownerId: bucket.ownerId,
      });
      const common = { bucket: change.bucket, key: change.key, eventName: change.eventName, sequencer: change.sequencer };
      const entries: OutboxEntry[] = rules.map((rule) => ({ ...common, destination: destinationIdOf(rule.arn) ?? rule.arn, notification: entry(rule.id) }));
      if (toEventBridge) entries.push({ ...common, destination: DEFAULT_DESTINATION_ID, format: 'eventbridge', notification: entry('') });
      this.outbox.enqueue(entries);
    }
    if (this.feed.listening) this.pending.push(change);
  }

  /** S3's s3:TestEvent to each destination a newly saved configuration names, inside its transaction. */
  recordTestEvents(bucket: string, configuration: NotificationConfiguration, request: { requestId: string; hostId: string }): void {
    const destinations = new Set(configuration.rules.map((rule) => destinationIdOf(rule.arn) ?? rule.arn));
    const notification: TestNotification = { kind: 'test', bucket, time: new Date().toISOString(), ...request };
    this.outbox.enqueue([...destinations].map((destination) => ({ destination, bucket, key: '', eventName: 's3:TestEvent', notification })));
  }

  /** After the outermost transaction: committed, or rolled back (its records are void). */
  settled(committed: boolean): void {
    this.outbox.settled(committed);
    const changes = this.pending;
    this.pending = [];
    if (committed) for (const change of changes) this.feed.publish(change);
  }
}
