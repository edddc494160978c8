import { existsSync, mkdtempSync, rmSync, statSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { checkpointInBackground } from '../../../src/kit/background-checkpoints';
import { openSqlite } from '../../../src/kit/sqlite';
import { eventually } from '../../support/eventually';

const MiB = 1024 * 1024;
const INTERVAL_MS = 20;

describe('checkpointInBackground', () => {
  let dir: string;
  let db: Database.Database;
  const file = () => path.join(dir, 'test.sqlite');

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'standin-checkpoints-'));
    db = openSqlite({ storage: 'fs', dataDir: dir }, 'test.sqlite', ['CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB NOT NULL)']);
  });
  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies committed pages into the database file while the writer does nothing', async () => {
    const checkpoints = checkpointInBackground(db, INTERVAL_MS);
    // 2 MiB is about 500 pages: below the writer's own automatic checkpoint, so only the worker
    // moves them out of the log into the file.
    db.prepare('INSERT INTO blobs (data) VALUES (?)').run(Buffer.alloc(2 * MiB, 7));
    const before = statSync(file()).size;
    expect(before).toBeLessThan(MiB);
    await eventually(() => statSync(file()).size >= 2 * MiB, { what: 'the pages in the database file' });
    await checkpoints.stop();
  });

  it('leaves the writer its own automatic checkpoint as a backstop, above the size the worker keeps the log at', async () => {
    const checkpoints = checkpointInBackground(db, INTERVAL_MS);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(4000);
    await checkpoints.stop();
  });

  it('stops with its connection closed, so the writer closing last removes the log', async () => {
    const checkpoints = checkpointInBackground(db, INTERVAL_MS);
    db.prepare('INSERT INTO blobs (data) VALUES (?)').run(Buffer.alloc(64 * 1024, 1));
    await checkpoints.stop();
    db.close();
    expect(existsSync(`${file()}-wal`)).toBe(false);
    const reopened = new Database(file(), { readonly: true });
    expect(reopened.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(1);
    reopened.close();
  });

  it('gives the writer back SQLite\'s default automatic checkpoint when the worker fails', async () => {
    // The worker opens the file by name; gone from the folder, it cannot.
    unlinkSync(file());
    checkpointInBackground(db, INTERVAL_MS);
    await eventually(() => db.pragma('wal_autocheckpoint', { simple: true }) === 1000, { what: "the writer's own checkpoints back at 1000 pages" });
  });

  it('does nothing for a database in memory, which has no log', async () => {
    const memory = openSqlite({ storage: 'memory', dataDir: '' }, 'test.sqlite', []);
    const before = memory.pragma('wal_autocheckpoint', { simple: true });
    await checkpointInBackground(memory, INTERVAL_MS).stop();
    expect(memory.pragma('wal_autocheckpoint', { simple: true })).toBe(before);
    memory.close();
  });
});
