import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * A fresh DATA_DIR holding `fileName` restored from a `.sql` dump: a database as an earlier
 * version of a server left it, for tests that upgrade it.
 */
export function dataDirFromDump(dumpFile: string, fileName: string): string {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sqlite-dump-'));
  const db = new Database(path.join(dataDir, fileName));
  try {
    db.exec(readFileSync(dumpFile, 'utf8'));
  } finally {
    db.close();
  }
  return dataDir;
}

/** The file's schema version and every table, index and trigger definition, read without changing it. */
export function schemaOf(file: string): { version: number; definitions: unknown[] } {
  const db = new Database(file, { readonly: true });
  try {
    return {
      version: db.pragma('user_version', { simple: true }) as number,
      definitions: db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name').all(),
    };
  } finally {
    db.close();
  }
}
