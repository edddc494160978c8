/**
 * Small bodies as rows of a SQLite file of their own (`bodies.sqlite` beside the body files),
 * by the same random ids as body files. Creating and unlinking a file per small object is most
 * of what a small PUT costs; a row is one append to the write-ahead log, and it survives kill -9
 * once inserted like any committed SQLite write (src/kit/sqlite.ts).
 */
import type Database from 'better-sqlite3';
import { openSqlite } from '../../kit/sqlite';
import type { Migration } from '../../kit/sqlite-migrations';

const MIGRATIONS: readonly Migration[] = ['CREATE TABLE small_bodies (id TEXT PRIMARY KEY, data BLOB NOT NULL);'];

export class SmallBodyTable {
  private readonly db: Database.Database;
  private readonly insertRow: Database.Statement<[string, Buffer]>;
  private readonly selectData: Database.Statement<[string]>;
  private readonly deleteRow: Database.Statement<[string]>;

  constructor(dataDir: string) {
    this.db = openSqlite({ storage: 'fs', dataDir }, 'bodies.sqlite', MIGRATIONS);
    this.insertRow = this.db.prepare('INSERT INTO small_bodies (id, data) VALUES (?, ?)');
    this.selectData = this.db.prepare('SELECT data FROM small_bodies WHERE id = ?').pluck();
    this.deleteRow = this.db.prepare('DELETE FROM small_bodies WHERE id = ?');
  }

  put(id: string, data: Buffer): void {
    this.insertRow.run(id, data);
  }

  get(id: string): Buffer | undefined {
    return this.selectData.get(id) as Buffer | undefined;
  }

  /** Whether there was a row to delete. */
  remove(id: string): boolean {
    return this.deleteRow.run(id).changes > 0;
  }

  /** Deletes every row whose id `keep` refuses. */
  sweep(keep: (id: string) => boolean): void {
    const ids = this.db.prepare('SELECT id FROM small_bodies').pluck().all() as string[];
    this.db.transaction(() => {
      for (const id of ids) if (!keep(id)) this.deleteRow.run(id);
    })();
  }

  close(): void {
    this.db.close();
  }
}
