/** Small bodies as rows of bodies.sqlite: what the table answers. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBodyDatabase } from '../../../../src/s3/store/body-database';
import { SmallBodyTable, sequentialBodyId } from '../../../../src/s3/store/small-body-table';

describe('SmallBodyTable', () => {
  let dataDir: string;
  let db: ReturnType<typeof openBodyDatabase>;
  let table: SmallBodyTable;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'small-bodies-'));
    db = openBodyDatabase(dataDir);
    table = new SmallBodyTable(db);
  });
  afterEach(async () => {
    db.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('knows a stored body until it is removed, and reads it back whole', async () => {
    const id = sequentialBodyId();
    expect(table.has(id)).toBe(false);
    await table.put(id, Buffer.alloc(4096, 'b'));
    expect(table.has(id)).toBe(true);
    expect(table.get(id)).toEqual(Buffer.alloc(4096, 'b'));
    await table.remove(id);
    expect(table.has(id)).toBe(false);
    expect(table.get(id)).toBeUndefined();
  });

  it('caches SQLite\'s default 2000 KiB of pages, not the 16000 better-sqlite3 sets: bodies only pass through', () => {
    expect(db.pragma('cache_size', { simple: true })).toBe(-2000);
  });
});
