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
    const addonError = addonNotLoaded(error as Error);
    if (addonError) throw addonError;
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
 * better-sqlite3 loads its native addon on the first open. There the addon fails when it was built
 * for another Node (npm install under one version, standin started with another: Node's
 * ERR_DLOPEN_FAILED), or is missing when its install script never ran (--ignore-scripts, a
 * package manager that runs none unless approved: the `bindings` package's error lists where it
 * looked). The file is not at fault either way, so the message says what to rebuild rather than
 * to move the data away.
 */
function addonNotLoaded(error: Error): StorageError | undefined {
  let why: string;
  if ((error as NodeJS.ErrnoException).code === 'ERR_DLOPEN_FAILED') why = `cannot be loaded by Node ${process.version} (${error.message.replace(/\s*\n\s*/g, ' ')})`;
  else if (Array.isArray((error as { tries?: unknown }).tries)) why = 'was never built: its install script did not run (npm 12 runs it once the project allows it: `npm install-scripts approve better-sqlite3`)';
  else return undefined;
  return new StorageError(
    `better-sqlite3's native addon ${why}. Run \`npm rebuild better-sqlite3\` with the Node that starts standin; the data files are not at fault.`,
    { cause: error },
  );
}
