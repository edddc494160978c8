import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { openSqlite as OpenSqlite } from '../../../src/kit/sqlite';

/** openSqlite's refusal, with better-sqlite3 finding its addon through `findAddon` instead of its own build. */
function refusalWithAddon(dataDir: string, findAddon: () => unknown): Error {
  jest.resetModules();
  jest.doMock('bindings', () => findAddon);
  let openSqlite!: typeof OpenSqlite;
  jest.isolateModules(() => { ({ openSqlite } = jest.requireActual<{ openSqlite: typeof OpenSqlite }>('../../../src/kit/sqlite')); });
  try {
    openSqlite({ storage: 'fs', dataDir }, 'webhooks.db', []);
  } catch (error) {
    return error as Error;
  } finally {
    jest.dontMock('bindings');
  }
  throw new Error('openSqlite opened the database');
}

describe('openSqlite when better-sqlite3 has no native addon it can load', () => {
  let scratch: string;
  beforeEach(() => { scratch = mkdtempSync(path.join(os.tmpdir(), 'standin-addon-')); });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('says to rebuild an addon this Node cannot load, not to move the data away', () => {
    // A file Node cannot load as an addon: process.dlopen fails as for one built for another Node.
    const refusal = refusalWithAddon(scratch, () => {
      const addon = { exports: {} };
      process.dlopen(addon, path.join(__dirname, '../../../package.json'));
      return addon.exports;
    });
    expect(refusal.name).toBe('StorageError');
    expect(refusal.message).toContain(`better-sqlite3's native addon cannot be loaded by Node ${process.version}`);
    expect(refusal.message).toContain('npm rebuild better-sqlite3');
    expect(refusal.message).not.toContain('Move it away');
    expect(refusal.message).not.toContain('\n');
  });

  it('says to build an addon whose install script never ran', () => {
    // The real `bindings` looking in a package folder with no build in it, as after --ignore-scripts.
    const refusal = refusalWithAddon(scratch, () => jest.requireActual<(options: object) => unknown>('bindings')({ bindings: 'better_sqlite3.node', module_root: scratch }));
    expect(refusal.name).toBe('StorageError');
    expect(refusal.message).toBe("better-sqlite3's native addon was never built: its install script did not run (npm 12 runs it once the project allows it: `npm install-scripts approve better-sqlite3`). Run `npm rebuild better-sqlite3` with the Node that starts standin; the data files are not at fault.");
  });
});
