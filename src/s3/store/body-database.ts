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

export function openBodyDatabase(dataDir: string): SqliteDatabase {
  return openSqlite({ storage: 'fs', dataDir }, 'bodies.sqlite', MIGRATIONS);
}
