import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { openSqlite as OpenSqlite } from '../../../src/kit/sqlite';

describe('openSqlite when better-sqlite3 cannot load its native addon', () => {
  let scratch: string;
  beforeEach(() => { scratch = mkdtempSync(path.join(os.tmpdir(), 'standin-addon-')); });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('says to rebuild the addon for this Node, not to move the data away', () => {
    // better-sqlite3 finds its addon through `bindings`; here that is a file Node cannot load as
    // one, so process.dlopen fails as it does for an addon built for another Node version.
    jest.doMock('bindings', () => () => {
      const addon = { exports: {} };
      process.dlopen(addon, path.join(__dirname, '../../../package.json'));
      return addon.exports;
    });
    let openSqlite!: typeof OpenSqlite;
    jest.isolateModules(() => { ({ openSqlite } = jest.requireActual<{ openSqlite: typeof OpenSqlite }>('../../../src/kit/sqlite')); });

    let refusal: unknown;
    try {
      openSqlite({ storage: 'fs', dataDir: scratch }, 'webhooks.db', []);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ name: 'StorageError' });
    const message = (refusal as Error).message;
    expect(message).toContain(`better-sqlite3's native addon cannot be loaded by Node ${process.version}`);
    expect(message).toContain('npm rebuild better-sqlite3');
    expect(message).not.toContain('Move it away');
    expect(message).not.toContain('\n');
  });
});
