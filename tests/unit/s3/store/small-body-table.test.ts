/** Small bodies as rows of bodies.sqlite: their ids, and what the table answers. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBodyDatabase } from '../../../../src/s3/store/body-database';
import { SmallBodyTable, sequentialBodyId } from '../../../../src/s3/store/small-body-table';

describe('sequentialBodyId', () => {
  it('sorts in the order the ids were made, within a millisecond and across them', () => {
    const made = [sequentialBodyId(1_000), sequentialBodyId(1_000), sequentialBodyId(1_000), sequentialBodyId(1_001), sequentialBodyId(2_000_000_000_000)];
    expect([...made].sort()).toEqual(made);
  });

  it('is 36 lower-case hex digits, unique even when made in the same millisecond', () => {
    const ids = Array.from({ length: 10_000 }, () => sequentialBodyId(5));
    for (const id of ids.slice(0, 100)) expect(id).toMatch(/^[0-9a-f]{36}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // the same millisecond and count in another process still differ: the rest is random
    expect(sequentialBodyId(7).slice(16)).not.toBe(sequentialBodyId(8).slice(16));
  });
});

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
});
