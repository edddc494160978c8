/**
 * Small bodies as rows of the index's own SQLite file (`index.sqlite`, metadata-index.ts), under
 * ids like those of body files. Creating and unlinking a file per small object is most of what a
 * small PUT costs; a row costs a few pages of the write-ahead log. A body written here is staged
 * in memory and joins the next index transaction, which is the one that commits the row
 * referring to it (a body is always written before its row): each PUT group then pays for one
 * commit, not one for its bodies and another for its rows, and a body is durable exactly when
 * something refers to it. A body no transaction takes within STAGED_MS is committed on its own.
 * Removals need no haste (start-up sweeps bodies no row refers to) and are committed in batches:
 * replaced bodies lie all over the table, so each removal on its own dirties a page, and a batch
 * removes many from each page (a third fewer log pages per PUT that replaces a key). A body
 * staged for removal is gone for readers at once. Whatever is staged at close is committed.
 */
import type Database from 'better-sqlite3';
import { timeOrderedId } from '../../kit/time-ordered-id';
import type { TransactionJoiner } from './metadata-index';

/**
 * The id of every small body this version stores, 36 hex digits where the UUIDs of file bodies
 * and composites have dashes. Its rows land at the end of the table's id index rather than on a
 * random page of it, so a group commit writes about half the pages (a third less CPU per row);
 * and the id alone says where the body is, so removing it needs no lookup. File bodies keep
 * random ids: their first two characters spread them over shard folders.
 */
export const sequentialBodyId = (): string => timeOrderedId(20);

/** Whether `id` is a sequentialBodyId: a small body. (Earlier versions also kept small bodies under UUIDs.) */
export const isSequentialBodyId = (id: string): boolean => /^[0-9a-f]{36}$/.test(id);

/** How long a staged body waits for an index transaction before it is committed on its own. */
const STAGED_MS = 20;
/** How long removals gather before a transaction takes them (or they are committed on their own). */
export const REMOVAL_BATCH_MS = 1000;
/** Removals staged that make a batch before REMOVAL_BATCH_MS is up. */
const REMOVAL_BATCH_SIZE = 4096;

/** What an index transaction took: staged again should it roll back. */
interface Joined {
  bodies: Map<string, Buffer>;
  removals: Set<string>;
}

export class SmallBodyTable implements TransactionJoiner {
  private readonly insertRow: Database.Statement<[string, Buffer]>;
  private readonly adoptRow: Database.Statement<[string, Buffer]>;
  private readonly selectData: Database.Statement<[string]>;
  private readonly selectExists: Database.Statement<[string]>;
  private readonly deleteRow: Database.Statement<[string]>;
  private bodies = new Map<string, Buffer>();
  private removals = new Set<string>();
  /** When the oldest staged removal was staged. */
  private removalsSince = 0;
  private joined?: Joined;
  private bodyTimer?: NodeJS.Timeout;
  private removalTimer?: NodeJS.Timeout;

  constructor(private readonly db: Database.Database) {
    this.insertRow = this.db.prepare('INSERT INTO small_bodies (id, data) VALUES (?, ?)');
    this.adoptRow = this.db.prepare('INSERT OR IGNORE INTO small_bodies (id, data) VALUES (?, ?)');
    this.selectData = this.db.prepare('SELECT data FROM small_bodies WHERE id = ?').pluck();
    this.selectExists = this.db.prepare('SELECT 1 FROM small_bodies WHERE id = ?').pluck();
    this.deleteRow = this.db.prepare('DELETE FROM small_bodies WHERE id = ?');
  }

  /** Stages a new body: committed with the next index transaction. */
  put(id: string, data: Buffer): void {
    this.bodies.set(id, data);
    this.bodyTimer ??= this.commitAfter(STAGED_MS);
  }

  get(id: string): Buffer | undefined {
    if (this.removals.has(id)) return undefined;
    return this.bodies.get(id) ?? (this.selectData.get(id) as Buffer | undefined);
  }

  /** Without reading the body (most of it lies on an overflow page). */
  has(id: string): boolean {
    if (this.removals.has(id)) return false;
    return this.bodies.has(id) || this.selectExists.get(id) !== undefined;
  }

  /** Stages the removal; a body no transaction has taken yet is simply dropped. */
  remove(id: string): void {
    if (this.bodies.delete(id)) return;
    if (this.removals.size === 0) this.removalsSince = Date.now();
    this.removals.add(id);
    this.removalTimer ??= this.commitAfter(REMOVAL_BATCH_MS);
  }

  /** Writes the staged bodies, and the staged removals once they make a batch, inside the transaction that is opening. */
  join(): void {
    this.write(this.removals.size >= REMOVAL_BATCH_SIZE || Date.now() - this.removalsSince >= REMOVAL_BATCH_MS);
  }

  /** After the transaction: what a rollback undid is staged again. */
  settled(committed: boolean): void {
    const joined = this.joined;
    this.joined = undefined;
    if (committed || !joined) return;
    for (const [id, data] of joined.bodies) if (!this.bodies.has(id)) this.bodies.set(id, data);
    if (joined.removals.size > 0 && this.removals.size === 0) this.removalsSince = Date.now() - REMOVAL_BATCH_MS;
    for (const id of joined.removals) this.removals.add(id);
    if (this.bodies.size > 0) this.bodyTimer ??= this.commitAfter(STAGED_MS);
    if (this.removals.size > 0) this.removalTimer ??= this.commitAfter(STAGED_MS);
  }

  /** Takes rows from elsewhere, committed at once; an id already here is kept as it is. */
  adopt(rows: readonly { id: string; data: Buffer }[]): void {
    this.db.transaction(() => {
      for (const row of rows) this.adoptRow.run(row.id, row.data);
    })();
  }

  /** Deletes every row whose id `keep` refuses. */
  sweep(keep: (id: string) => boolean): void {
    const ids = this.db.prepare('SELECT id FROM small_bodies').pluck().all() as string[];
    this.db.transaction(() => {
      for (const id of ids) if (!keep(id)) this.deleteRow.run(id);
    })();
  }

  /** Commits what is staged and stops; called before the connection closes (again: nothing). */
  close(): void {
    if (!this.db.open) return;
    try {
      this.commitStaged();
    } finally {
      clearTimeout(this.bodyTimer);
      clearTimeout(this.removalTimer);
      this.bodyTimer = this.removalTimer = undefined;
    }
  }

  /** Writes the staged bodies, and the staged removals with `withRemovals`, keeping what it wrote in `joined`. */
  private write(withRemovals: boolean): void {
    const joined: Joined = { bodies: this.bodies, removals: withRemovals ? this.removals : new Set() };
    if (joined.bodies.size === 0 && joined.removals.size === 0) return;
    this.joined = joined;
    this.bodies = new Map();
    clearTimeout(this.bodyTimer);
    this.bodyTimer = undefined;
    if (withRemovals) {
      this.removals = new Set();
      clearTimeout(this.removalTimer);
      this.removalTimer = undefined;
    }
    for (const [id, data] of joined.bodies) this.insertRow.run(id, data);
    for (const id of joined.removals) this.deleteRow.run(id);
  }

  /** Commits everything staged, in a transaction of its own. */
  private commitStaged(): void {
    let committed = false;
    try {
      this.db.transaction(() => this.write(true))();
      committed = true;
    } finally {
      this.settled(committed);
    }
  }

  /** A timer that commits everything staged after `ms`, unless a transaction takes it first. */
  private commitAfter(ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      if (this.bodyTimer === timer) this.bodyTimer = undefined;
      if (this.removalTimer === timer) this.removalTimer = undefined;
      try {
        this.commitStaged();
      } catch {
        // Still staged (settled put it back, with a timer of its own to try again).
      }
    }, ms);
    // Staged at exit: a removal the start-up sweep redoes, or a body nothing refers to.
    timer.unref();
    return timer;
  }
}
