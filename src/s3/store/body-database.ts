/**
 * `bodies.sqlite` beside the body files: small bodies as rows (small-body-table.ts) and the
 * manifests of composite bodies (composite-table.ts), migrated by `user_version` like every
 * SQLite file here (src/kit/sqlite-migrations.ts).
 */
import { openSqlite, type SqliteDatabase } from '../../kit/sqlite';
import type { Migration } from '../../kit/sqlite-migrations';

const MIGRATIONS: readonly Migration[] = [
  'CREATE TABLE small_bodies (id TEXT PRIMARY KEY, data BLOB NOT NULL);',
  // A completed multipart object's body: its part bodies in order, as JSON [{ id, size }, ...].
  'CREATE TABLE composite_bodies (id TEXT PRIMARY KEY, parts TEXT NOT NULL);',
];

/**
 * SQLite's own default page cache, 2000 KiB, where better-sqlite3 sets 16000. Bodies are written
 * once and read back now and then: a bigger cache only kept recently written ones, 14 MB more of
 * the mock's resident memory under a load of small PUTs. The b-tree's pages that inserts touch
 * stay cached either way, and a body read from the file comes from the system's page cache.
 */
const CACHE_KIB = 2000;

export function openBodyDatabase(dataDir: string): SqliteDatabase {
  const db = openSqlite({ storage: 'fs', dataDir }, 'bodies.sqlite', MIGRATIONS);
  db.pragma(`cache_size = -${CACHE_KIB}`);
  return db;
}
