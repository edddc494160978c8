/**
 * Small bodies as rows of a SQLite file of their own (`bodies.sqlite` beside the body files,
 * body-database.ts), under ids like those of body files. Creating and unlinking a file per small
 * object is most of what a small PUT costs; a row is an append to the write-ahead log, and it
 * survives kill -9 once committed like any SQLite write (src/kit/sqlite.ts). Inserts and deletes
 * queued in one turn of the event loop share one transaction (src/kit/group-commit.ts); each
 * promise settles once its own change is committed.
 */
import type Database from 'better-sqlite3';
import { GroupCommit, outcomeOf, type ItemOutcome } from '../../kit/group-commit';
import { timeOrderedId } from '../../kit/time-ordered-id';

/**
 * An id for a body known to be small before it is stored, 36 characters like the UUIDs of other
 * bodies. Its rows then land at the end of the table's id index rather than on a random page of
 * it, so a group commit writes about half the pages (a third less CPU per row). File bodies keep
 * random ids: their first two characters spread them over shard folders.
 */
export const sequentialBodyId = (): string => timeOrderedId(20);

type Change = { id: string; data: Buffer } | { id: string; data?: undefined };

export class SmallBodyTable {
  private readonly insertRow: Database.Statement<[string, Buffer]>;
  private readonly selectData: Database.Statement<[string]>;
  private readonly selectExists: Database.Statement<[string]>;
  private readonly deleteRow: Database.Statement<[string]>;
  private readonly changes: GroupCommit<Change>;

  constructor(private readonly db: Database.Database) {
    this.insertRow = this.db.prepare('INSERT INTO small_bodies (id, data) VALUES (?, ?)');
    this.selectData = this.db.prepare('SELECT data FROM small_bodies WHERE id = ?').pluck();
    this.selectExists = this.db.prepare('SELECT 1 FROM small_bodies WHERE id = ?').pluck();
    this.deleteRow = this.db.prepare('DELETE FROM small_bodies WHERE id = ?');
    this.changes = new GroupCommit((group) => this.db.transaction(() => group.map((change) => this.apply(change)))());
  }

  /** Resolves once the row is committed. */
  put(id: string, data: Buffer): Promise<void> {
    return this.changes.write({ id, data });
  }

  get(id: string): Buffer | undefined {
    return this.selectData.get(id) as Buffer | undefined;
  }

  /** Without reading the body (most of it lies on an overflow page). */
  has(id: string): boolean {
    return this.selectExists.get(id) !== undefined;
  }

  /** Resolves once the row (if there was one) is deleted. */
  remove(id: string): Promise<void> {
    return this.changes.write({ id });
  }

  /** Deletes every row whose id `keep` refuses. */
  sweep(keep: (id: string) => boolean): void {
    const ids = this.db.prepare('SELECT id FROM small_bodies').pluck().all() as string[];
    this.db.transaction(() => {
      for (const id of ids) if (!keep(id)) this.deleteRow.run(id);
    })();
  }

  private apply(change: Change): ItemOutcome {
    return outcomeOf(() => {
      if (change.data) this.insertRow.run(change.id, change.data);
      else this.deleteRow.run(change.id);
    });
  }
}
