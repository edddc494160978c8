/**
 * `bodies.sqlite` beside the body files: the manifests of composite bodies (composite-table.ts),
 * migrated by `user_version` like every SQLite file here (src/kit/sqlite-migrations.ts). Small
 * bodies were rows here too before they moved into the index's file, where each commits with
 * the row that refers to it (small-body-table.ts); `moveLegacySmallBodies` takes over any left.
 */
import { openSqlite, type SqliteDatabase } from '../../kit/sqlite';
import type { Migration } from '../../kit/sqlite-migrations';
import type { SmallBodyTable } from './small-body-table';

const MIGRATIONS: readonly Migration[] = [
  // Small bodies of earlier versions; empty once moveLegacySmallBodies has run.
  'CREATE TABLE small_bodies (id TEXT PRIMARY KEY, data BLOB NOT NULL);',
  // A completed multipart object's body: its part bodies in order, as JSON [{ id, size }, ...].
  'CREATE TABLE composite_bodies (id TEXT PRIMARY KEY, parts TEXT NOT NULL);',
];

/** Rows moved per pair of commits, so memory does not grow with what is left. */
const LEGACY_BATCH = 256;

export function openBodyDatabase(dataDir: string): SqliteDatabase {
  return openSqlite({ storage: 'fs', dataDir }, 'bodies.sqlite', MIGRATIONS);
}

/**
 * Moves small bodies an earlier version left in `bodies.sqlite` into `table`: each batch is
 * committed there before it is deleted here, so a crash in between only moves it again (an id
 * already there is kept).
 */
export function moveLegacySmallBodies(db: SqliteDatabase, table: SmallBodyTable): void {
  const batch = db.prepare('SELECT id, data FROM small_bodies LIMIT ?');
  const remove = db.prepare('DELETE FROM small_bodies WHERE id = ?');
  for (;;) {
    const rows = batch.all(LEGACY_BATCH) as { id: string; data: Buffer }[];
    if (rows.length === 0) return;
    table.adopt(rows);
    db.transaction(() => {
      for (const row of rows) remove.run(row.id);
    })();
  }
}
