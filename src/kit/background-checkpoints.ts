import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * Checkpoints a SQLite file's write-ahead log from a worker thread, off the server's one thread
 * (docs/ARCHITECTURE.md, "Persistence"). A checkpoint copies the log's pages into the database
 * file and syncs both. Run by the writing connection, as SQLite does by default every 1000
 * pages, it holds up every request for milliseconds at a time: under a stream of webhook
 * deliveries, 30 to 60 µs a delivery beside the 140 µs of the rest of its work. Here a second
 * connection, in a worker, checkpoints PASSIVE (it never waits for the writer, and the writer
 * never waits for it) every interval. The writer's own automatic checkpoint stays as the
 * backstop, at a size of log the worker keeps it under; it takes over at the default size
 * should the worker fail.
 */

const INTERVAL_MS = 50;
/** The writer checkpoints itself only once the log holds this many pages (16 MiB of 4 KiB pages). */
const BACKSTOP_PAGES = 4000;
/** SQLite's own default (SQLITE_DEFAULT_WAL_AUTOCHECKPOINT). */
const DEFAULT_PAGES = 1000;

// The worker runs this as a CommonJS script, so that it needs no file of its own: the same
// source serves the build and the TypeScript sources under test.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface BackgroundCheckpoints {
  /** Stops the worker; resolves once its connection is closed. */
  stop(): Promise<void>;
}

/** Starts checkpointing `db`'s log in the background; a database in memory has no log, and gets nothing. */
export function checkpointInBackground(db: Database.Database, intervalMs = INTERVAL_MS): BackgroundCheckpoints {
  if (db.memory) return { stop: () => Promise.resolve() };
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver: require.resolve('better-sqlite3'), file: db.name, intervalMs } });
  // The server's own connection stays the one that must be closed; the worker never keeps the process alive.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.once('error', () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_PAGES}`);
  });
  return {
    stop: () => {
      // Held until it has closed its connection, even where nothing else keeps the process alive.
      worker.ref();
      worker.postMessage('stop');
      return exited;
    },
  };
}
