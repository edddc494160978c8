/**
 * Small bodies as rows of the index's own SQLite file (`index.sqlite`, metadata-index.ts), under
 * ids like those of body files. Creating and unlinking a file per small object is most of what a
 * small PUT costs; a row costs a few pages of the write-ahead log. A body written here is staged
 * in memory and joins the next index transaction, which is the one that commits the row
 * referring to it (a body is always written before its row): each PUT group then pays for one
 * commit, not one for its bodies and another for its rows, and a body is durable exactly when
 * something refers to it. A removal is staged the same way; it needs no haste, since start-up
 * sweeps bodies no row refers to. What no transaction takes within STAGED_MS is committed on its
 * own, as is whatever is staged at close.
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

/** How long a staged change waits for an index transaction before it is committed on its own. */
const STAGED_MS = 20;

/** A staged change: the body to insert, or null to delete the row. */
type Change = Buffer | null;

export class SmallBodyTable implements TransactionJoiner {
  private readonly insertRow: Database.Statement<[string, Buffer]>;
  private readonly adoptRow: Database.Statement<[string, Buffer]>;
  private readonly selectData: Database.Statement<[string]>;
  private readonly selectExists: Database.Statement<[string]>;
  private readonly deleteRow: Database.Statement<[string]>;
  private staged = new Map<string, Change>();
  /** The changes the open transaction took: staged again should it roll back. */
  private joined?: Map<string, Change>;
  private timer?: NodeJS.Timeout;

  constructor(private readonly db: Database.Database) {
    this.insertRow = this.db.prepare('INSERT INTO small_bodies (id, data) VALUES (?, ?)');
    this.adoptRow = this.db.prepare('INSERT OR IGNORE INTO small_bodies (id, data) VALUES (?, ?)');
    this.selectData = this.db.prepare('SELECT data FROM small_bodies WHERE id = ?').pluck();
    this.selectExists = this.db.prepare('SELECT 1 FROM small_bodies WHERE id = ?').pluck();
    this.deleteRow = this.db.prepare('DELETE FROM small_bodies WHERE id = ?');
  }

  /** Stages a new body: committed with the next index transaction. */
  put(id: string, data: Buffer): void {
    this.stage(id, data);
  }

  get(id: string): Buffer | undefined {
    const staged = this.staged.get(id);
    if (staged !== undefined) return staged ?? undefined;
    return this.selectData.get(id) as Buffer | undefined;
  }

  /** Without reading the body (most of it lies on an overflow page). */
  has(id: string): boolean {
    const staged = this.staged.get(id);
    if (staged !== undefined) return staged !== null;
    return this.selectExists.get(id) !== undefined;
  }

  /** Stages the removal; a body no transaction has taken yet is simply dropped. */
  remove(id: string): void {
    if (this.staged.get(id)) this.staged.delete(id);
    else this.stage(id, null);
  }

  /** Writes every staged change inside the transaction that is opening. */
  join(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.staged.size === 0) return;
    this.joined = this.staged;
    this.staged = new Map();
    for (const [id, data] of this.joined) {
      if (data) this.insertRow.run(id, data);
      else this.deleteRow.run(id);
    }
  }

  /** After the transaction: what a rollback undid is staged again, behind anything staged since. */
  settled(committed: boolean): void {
    const joined = this.joined;
    this.joined = undefined;
    if (committed || !joined) return;
    for (const [id, change] of joined) if (!this.staged.has(id)) this.staged.set(id, change);
    this.commitLater();
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
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private stage(id: string, change: Change): void {
    this.staged.set(id, change);
    this.commitLater();
  }

  /** Commits what is staged, in a transaction of its own. */
  private commitStaged(): void {
    let committed = false;
    try {
      this.db.transaction(() => this.join())();
      committed = true;
    } finally {
      this.settled(committed);
    }
  }

  private commitLater(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        this.commitStaged();
      } catch {
        // Still staged (settled put it back), and tried again by the timer that set.
      }
    }, STAGED_MS);
    // Staged at exit: a removal the start-up sweep redoes, or a body nothing refers to.
    this.timer.unref();
  }
}
