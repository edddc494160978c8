/**
 * Small bodies as rows of a SQLite file of their own (`bodies.sqlite` beside the body files,
 * body-database.ts), by the same random ids as body files. Creating and unlinking a file per small
 * object is most of what a small PUT costs; a row is an append to the write-ahead log, and it
 * survives kill -9 once committed like any SQLite write (src/kit/sqlite.ts). Inserts and deletes
 * queued in one turn of the event loop share one transaction (src/kit/group-commit.ts); each
 * promise settles once its own change is committed.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { GroupCommit, outcomeOf, type ItemOutcome } from '../../kit/group-commit';

let idsThisMillisecond = 0;
let idMillisecond = 0;

/**
 * An id for a body known to be small before it is stored: the time (12 hex digits of epoch ms), a
 * counter within that millisecond, then 80 random bits, 36 characters like the UUIDs of other
 * bodies. New rows then land at the end of the table's id index rather than on a random page of
 * it, so a group commit writes about half the pages (a third less CPU per row). File bodies keep
 * random ids: their first two characters spread them over shard folders.
 */
export function sequentialBodyId(now = Date.now()): string {
  if (now !== idMillisecond) {
    idMillisecond = now;
    idsThisMillisecond = 0;
  }
  idsThisMillisecond += 1;
  // A UUID's hex digits less its fixed version (12) and variant (16) digits.
  const random = randomUUID().replaceAll('-', '');
  return `${now.toString(16).padStart(12, '0')}${idsThisMillisecond.toString(16).padStart(4, '0')}${random.slice(0, 12)}${random.slice(13, 16)}${random.slice(17, 22)}`;
}

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
