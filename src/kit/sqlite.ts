import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, type Migration } from './sqlite-migrations';
import { StorageError } from './storage-error';

export type SqliteDatabase = Database.Database;

export interface StorageLocation {
  storage: 'fs' | 'memory';
  dataDir: string;
}

/**
 * Each server keeps its structured data in one SQLite file under DATA_DIR, or in memory for
 * STORAGE=memory (docs/ARCHITECTURE.md, "Persistence"). WAL lets readers go on while a writer
 * commits; synchronous=NORMAL still keeps every committed transaction when the process is killed
 * (kill -9), which is what "an acknowledged write is never lost" needs; busy_timeout covers a
 * second process on the file. The file's schema is then brought up to `migrations`, the one list
 * that defines it (see `migrate`); a file written by a newer standin is refused and left as it is.
 */
export function openSqlite(location: StorageLocation, fileName: string, migrations: readonly Migration[]): SqliteDatabase {
  let file = ':memory:';
  if (location.storage === 'fs') {
    file = path.join(location.dataDir, fileName);
    try {
      mkdirSync(location.dataDir, { recursive: true });
    } catch (error) {
      const notDirectory = ['EEXIST', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '');
      const why = notDirectory ? 'it, or a folder above it, is a file' : (error as Error).message;
      throw new StorageError(`DATA_DIR ${location.dataDir} cannot hold ${fileName}: ${why}. Set DATA_DIR to a folder standin may write.`, { cause: error });
    }
  }
  let db: SqliteDatabase | undefined;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
  } catch (error) {
    db?.close();
    if ((error as NodeJS.ErrnoException).code === 'ERR_DLOPEN_FAILED') throw addonNotLoaded(error as Error);
    throw new StorageError(`${file} cannot be opened as a SQLite database (${(error as Error).message}). Move it away, or set another DATA_DIR.`, { cause: error });
  }
  try {
    migrate(db, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * better-sqlite3 loads its native addon on the first open: an addon built for another Node (npm
 * install under one version, standin started with another) fails there, and the file is not at
 * fault, so the message says what to rebuild rather than to move the data away.
 */
function addonNotLoaded(error: Error): StorageError {
  const oneLine = error.message.replace(/\s*\n\s*/g, ' ');
  return new StorageError(
    `better-sqlite3's native addon cannot be loaded by Node ${process.version} (${oneLine}). Run \`npm rebuild better-sqlite3\` with the Node that starts standin; the data files are not at fault.`,
    { cause: error },
  );
}
