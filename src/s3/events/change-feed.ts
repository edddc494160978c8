import type { ObjectChange } from './object-change';

export type ChangeListener = (change: ObjectChange) => void;

/**
 * The in-process feed of committed object changes (the console's live updates): one call per
 * change, after its transaction committed, in commit order. With no listener the store skips
 * building the records.
 */
export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();

  get listening(): boolean {
    return this.listeners.size > 0;
  }

  /** Returns the function that unsubscribes. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(change: ObjectChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // A listener's failure is its own: the write it describes has committed.
      }
    }
  }
}
