import type { ReplayRecord, StoredEvent } from './event-record';
import type { ForwardRecord } from './forwarding/forward-queue';

/** What the live dashboard is told about, as it happens. */
export type FeedMessage =
  | { type: 'event'; event: StoredEvent }
  | { type: 'duplicate'; event: StoredEvent }
  | { type: 'deleted'; clientId: string | null; eventId: string | null; count: number }
  | { type: 'replay'; replay: ReplayRecord }
  | { type: 'forward'; forward: ForwardRecord };

export type FeedListener = (message: FeedMessage) => void;

/** Fan-out of log changes to any number of listeners (one per open dashboard stream). */
export class EventFeed {
  private readonly listeners = new Set<FeedListener>();

  /** Returns the function that stops the subscription. */
  subscribe(listener: FeedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(message: FeedMessage): void {
    for (const listener of this.listeners) listener(message);
  }
}
