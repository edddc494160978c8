import { EventEmitter } from 'node:events';

/** What the app did, as shown in the page's live log and on GET /api/logs/stream. */
export type ActivityKind =
  | 'token.generated'
  | 'upload.sent'
  | 'upload.accepted'
  | 'upload.rejected'
  | 'upload.rate_limited'
  | 'status.checked'
  | 'result.fetched'
  | 'stress.started'
  | 'stress.progress'
  | 'stress.finished'
  | 'image_api.unreachable'
  | 'sign_in.completed'
  | 'sign_in.failed';

export type ActivityLevel = 'info' | 'warn' | 'error';

export interface ActivityEntry {
  id: number;
  time: string;
  level: ActivityLevel;
  kind: ActivityKind;
  message: string;
  data: Record<string, unknown>;
}

export type ActivityListener = (entry: ActivityEntry) => void;

/**
 * An in-process feed of activity entries. It keeps the most recent ones so a page that
 * (re)connects sees what just happened (SSE Last-Event-ID resumes from there).
 */
export class ActivityLog {
  private readonly emitter = new EventEmitter();
  private readonly recentEntries: ActivityEntry[] = [];
  private nextId = 1;

  constructor(private readonly keep = 200) {
    // every open log stream is a listener; there is no leak in having many
    this.emitter.setMaxListeners(0);
  }

  record(kind: ActivityKind, message: string, data: Record<string, unknown> = {}, level: ActivityLevel = 'info'): ActivityEntry {
    const entry: ActivityEntry = { id: this.nextId++, time: new Date().toISOString(), level, kind, message, data };
    this.recentEntries.push(entry);
    if (this.recentEntries.length > this.keep) this.recentEntries.shift();
    this.emitter.emit('entry', entry);
    return entry;
  }

  /** The kept entries with an id above `afterId`, oldest first. */
  recent(afterId = 0): ActivityEntry[] {
    return this.recentEntries.filter((entry) => entry.id > afterId);
  }

  /** Calls `listener` for every entry recorded from now on; returns the unsubscribe function. */
  subscribe(listener: ActivityListener): () => void {
    this.emitter.on('entry', listener);
    return () => this.emitter.off('entry', listener);
  }
}
