import type { ChangeFeed } from './change-feed';
import type { ObjectChange, ObjectChangeDraft } from './object-change';
import { Sequencer } from './sequencer';

/**
 * Records object changes inside the index transaction that makes them, and hands them to the feed
 * once that transaction has committed (the metadata index calls committed / rolledBack around its
 * outermost transaction), so no listener hears of a write that did not happen.
 */
export class ChangeJournal {
  private pending: ObjectChange[] = [];

  constructor(
    readonly feed: ChangeFeed,
    readonly sequencer = new Sequencer(),
  ) {}

  /** Called inside the transaction. Cheap when nobody listens. */
  record(draft: ObjectChangeDraft): void {
    if (!this.feed.listening) return;
    this.pending.push({ ...draft, sequencer: this.sequencer.next(), time: new Date() });
  }

  committed(): void {
    if (this.pending.length === 0) return;
    const changes = this.pending;
    this.pending = [];
    for (const change of changes) this.feed.publish(change);
  }

  rolledBack(): void {
    this.pending = [];
  }
}
