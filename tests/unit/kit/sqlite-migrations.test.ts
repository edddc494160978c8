import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openSqlite } from '../../../src/kit/sqlite';
import { MigrationError, NewerSchemaError, migrate, type Migration } from '../../../src/kit/sqlite-migrations';

const userVersion = (db: Database.Database) => db.pragma('user_version', { simple: true }) as number;
const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((row) => row.name);

/** Three versions of a notes table; `applied` records which migrations ran, in order. */
function notesMigrations(applied: number[]): Migration[] {
  return [
    'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)',
    (db) => {
      applied.push(2);
      db.exec('ALTER TABLE notes ADD COLUMN author TEXT');
    },
    (db) => {
      applied.push(3);
      db.prepare("UPDATE notes SET author = 'unknown' WHERE author IS NULL").run();
    },
  ];
}

describe('migrate', () => {
  let db: Database.Database;
  beforeEach(() => { db = new Database(':memory:'); });
  afterEach(() => db.close());

  it('applies every migration in order to a new database and records the last version', () => {
    const applied: number[] = [];
    migrate(db, notesMigrations(applied));
    expect(applied).toEqual([2, 3]);
    expect(userVersion(db)).toBe(3);
    expect(db.prepare('SELECT * FROM notes').all()).toEqual([]);
  });

  it('applies only the migrations after the version the file is at, keeping its rows', () => {
    const applied: number[] = [];
    migrate(db, notesMigrations(applied).slice(0, 2));
    db.prepare("INSERT INTO notes (text) VALUES ('kept')").run();
    applied.length = 0;

    migrate(db, notesMigrations(applied));
    expect(applied).toEqual([3]);
    expect(userVersion(db)).toBe(3);
    expect(db.prepare('SELECT text, author FROM notes').all()).toEqual([{ text: 'kept', author: 'unknown' }]);
  });

  it('does nothing to a database that is current', () => {
    const applied: number[] = [];
    migrate(db, notesMigrations(applied));
    applied.length = 0;
    const changesBefore = db.prepare('SELECT total_changes() AS n').get();

    migrate(db, notesMigrations(applied));
    expect(applied).toEqual([]);
    expect(userVersion(db)).toBe(3);
    expect(db.prepare('SELECT total_changes() AS n').get()).toEqual(changesBefore);
  });

  it('stops at a failing migration and rolls it back whole, leaving the version at the one before', () => {
    const failing: Migration[] = [
      'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)',
      "CREATE TABLE tags (name TEXT); INSERT INTO notes (text) VALUES ('half done'); INSERT INTO missing_table VALUES (1)",
      'CREATE TABLE never_reached (id INTEGER)',
    ];
    expect(() => migrate(db, failing)).toThrow(MigrationError);
    expect(() => migrate(db, failing)).toThrow(/schema version 2 failed and was rolled back: .*no such table: missing_table/);
    expect(userVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['notes']);
    expect(db.prepare('SELECT COUNT(*) AS n FROM notes').get()).toEqual({ n: 0 });
  });

  it('refuses a database written by a newer version, changing nothing', () => {
    const applied: number[] = [];
    db.exec("CREATE TABLE future (id INTEGER); INSERT INTO future VALUES (1); PRAGMA user_version = 4");

    expect(() => migrate(db, notesMigrations(applied))).toThrow(NewerSchemaError);
    expect(() => migrate(db, notesMigrations(applied))).toThrow(/schema version 4, but this standin knows versions up to 3: it was written by a newer standin/);
    expect(applied).toEqual([]);
    expect(userVersion(db)).toBe(4);
    expect(tables(db)).toEqual(['future']);
  });

  describe('foreign keys', () => {
    const parentAndChild: Migration[] = [
      `CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT);
       CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id) ON DELETE CASCADE);`,
    ];
    beforeEach(() => {
      db.pragma('foreign_keys = ON');
      migrate(db, parentAndChild);
      db.exec('INSERT INTO parent VALUES (1, NULL); INSERT INTO child VALUES (10, 1);');
    });

    it('lets a migration rebuild a parent table without cascading into its children, and turns them back on', () => {
      // SQLite's recipe for a change ALTER TABLE cannot make: new table, copy, drop, rename.
      migrate(db, [...parentAndChild, `
        CREATE TABLE parent_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');
        INSERT INTO parent_new (id, name) SELECT id, COALESCE(name, '') FROM parent;
        DROP TABLE parent;
        ALTER TABLE parent_new RENAME TO parent;`]);
      expect(db.prepare('SELECT * FROM child').all()).toEqual([{ id: 10, parent_id: 1 }]);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(() => db.prepare('INSERT INTO child VALUES (11, 99)').run()).toThrow(/FOREIGN KEY constraint failed/);
    });

    it('rolls back a migration that leaves a row pointing at nothing', () => {
      expect(() => migrate(db, [...parentAndChild, 'DELETE FROM parent'])).toThrow(/1 row\(s\) break a foreign key, the first in child \(references parent\)/);
      expect(userVersion(db)).toBe(1);
      expect(db.prepare('SELECT COUNT(*) AS n FROM parent').get()).toEqual({ n: 1 });
    });
  });
});

describe('openSqlite', () => {
  let dataDir: string;
  beforeEach(() => { dataDir = mkdtempSync(path.join(os.tmpdir(), 'sqlite-migrations-')); });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('migrates the file it opens', () => {
    const db = openSqlite({ storage: 'fs', dataDir }, 'notes.db', notesMigrations([]));
    try {
      expect(userVersion(db)).toBe(3);
      expect(tables(db)).toEqual(['notes']);
    } finally {
      db.close();
    }
  });

  it('refuses a file written by a newer standin and leaves it as it was', () => {
    const file = path.join(dataDir, 'notes.db');
    const newer = new Database(file);
    newer.pragma('journal_mode = WAL');
    newer.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body BLOB); INSERT INTO notes VALUES (1, x'01'); PRAGMA user_version = 9");
    newer.close();

    expect(() => openSqlite({ storage: 'fs', dataDir }, 'notes.db', notesMigrations([]))).toThrow(
      `${file} has schema version 9, but this standin knows versions up to 3: it was written by a newer standin. ` +
        'Open it with that version, or use another DATA_DIR.',
    );
    const reopened = new Database(file, { readonly: true });
    try {
      expect(userVersion(reopened)).toBe(9);
      expect(reopened.prepare('SELECT id, hex(body) AS body FROM notes').all()).toEqual([{ id: 1, body: '01' }]);
      expect(reopened.pragma('table_info(notes)')).toHaveLength(2);
    } finally {
      reopened.close();
    }
  });
});
