import type Database from 'better-sqlite3';
import { StorageError } from './storage-error';

/**
 * One schema change: a SQL script, or a function for what SQL alone cannot do. Once shipped, a
 * migration is never edited; a later change is a new entry (docs/ARCHITECTURE.md, "Persistence").
 */
export type Migration = string | ((db: Database.Database) => void);

/** The file was written by a newer standin: this code cannot know what its schema means. */
export class NewerSchemaError extends StorageError {
  constructor(readonly file: string, readonly version: number, readonly knownVersion: number) {
    super(
      `${file} has schema version ${version}, but this standin knows versions up to ${knownVersion}: ` +
        'it was written by a newer standin. Open it with that version, or use another DATA_DIR.',
    );
    this.name = 'NewerSchemaError';
  }
}

/** A migration failed and was rolled back: the file is still at the version before it. */
export class MigrationError extends StorageError {
  constructor(readonly file: string, readonly version: number, cause: unknown) {
    super(`${file}: the migration to schema version ${version} failed and was rolled back: ${String(cause)}`, { cause });
    this.name = 'MigrationError';
  }
}

/**
 * Brings the schema up to `migrations.length`. `PRAGMA user_version` counts the migrations applied:
 * `migrations[n]` upgrades version n to n + 1 in its own transaction, together with the new
 * version number, so a failure or a crash leaves the file at the last version that completed.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): void {
  if (userVersion(db) === migrations.length) return;
  // SQLite's recipe for changes ALTER TABLE cannot make (rebuild the table, copy, rename) needs
  // foreign keys off, or dropping the old table cascades into its children; the pragma is a
  // no-op inside a transaction, so it is set around them (https://www.sqlite.org/lang_altertable.html).
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  try {
    while (applyNext(db, migrations));
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON');
  }
}

/** Applies the migration after the file's version, if there is one; false when it is current. */
function applyNext(db: Database.Database, migrations: readonly Migration[]): boolean {
  // IMMEDIATE takes the write lock before the version is read: a second process opening the same
  // file waits, then finds the migration done instead of applying it twice.
  return db.transaction(() => {
    const version = userVersion(db);
    if (version > migrations.length) throw new NewerSchemaError(db.name, version, migrations.length);
    if (version === migrations.length) return false;
    try {
      const migration = migrations[version];
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
      assertForeignKeysHold(db);
    } catch (error) {
      throw new MigrationError(db.name, version + 1, error);
    }
    db.pragma(`user_version = ${version + 1}`);
    return true;
  }).immediate();
}

function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** With foreign keys off during a migration, a broken reference is caught here instead. */
function assertForeignKeysHold(db: Database.Database): void {
  const violations = db.pragma('foreign_key_check') as Array<{ table: string; parent: string }>;
  if (violations.length > 0) {
    const { table, parent } = violations[0];
    throw new Error(`${violations.length} row(s) break a foreign key, the first in ${table} (references ${parent})`);
  }
}
