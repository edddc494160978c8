/** Where FsBodyStore keeps a body, and how its id says so. */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BodyGone } from '../../../../src/s3/store/body-store';
import { FsBodyStore } from '../../../../src/s3/store/fs-body-store';
import { MetadataIndex, openDatabase } from '../../../../src/s3/store/metadata-index';
import { isSequentialBodyId, SmallBodyTable } from '../../../../src/s3/store/small-body-table';

describe('FsBodyStore body ids', () => {
  let dataDir: string;
  let index: MetadataIndex;
  let table: SmallBodyTable;
  let store: FsBodyStore;
  const streamed = (bytes: Buffer) => store.write((sink) => pipeline(Readable.from([bytes]), sink));
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'fs-bodies-'));
    index = new MetadataIndex(openDatabase({ storage: 'fs', dataDir }));
    table = new SmallBodyTable(index.db);
    index.joinTransactions(table);
    store = new FsBodyStore(dataDir, table);
    await store.sweep(() => true);
  });
  afterEach(async () => {
    store.close();
    table.close();
    index.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('gives a streamed body that stays small a sequential id, and one that spills into a file a UUID', async () => {
    const small = await streamed(Buffer.alloc(1024, 's'));
    const large = await streamed(Buffer.alloc(200 * 1024, 'l'));
    expect([isSequentialBodyId(small), isSequentialBodyId(large)]).toEqual([true, false]);
    expect(table.has(small)).toBe(true);
    expect(existsSync(join(dataDir, 'bodies', large.slice(0, 2), large))).toBe(true);
  });

  it('removes a small body by its id alone, without looking it up', async () => {
    const id = await store.writeWhole(Buffer.from('small'));
    const lookups = jest.spyOn(table, 'has');
    await store.remove(id);
    expect(lookups).not.toHaveBeenCalled();
    await expect(store.open(id)).rejects.toBeInstanceOf(BodyGone);
  });

  it('still finds and removes a small body an earlier version kept under a UUID', async () => {
    const id = randomUUID();
    table.put(id, Buffer.from('legacy'));
    const body = await store.open(id);
    expect(Buffer.concat(await body.toArray())).toEqual(Buffer.from('legacy'));
    await store.remove(id);
    await expect(store.open(id)).rejects.toBeInstanceOf(BodyGone);
  });
});
