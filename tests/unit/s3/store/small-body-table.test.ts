/** Small bodies as rows of index.sqlite, staged until an index transaction takes them. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { MetadataIndex, openDatabase } from '../../../../src/s3/store/metadata-index';
import { REMOVAL_BATCH_MS, SmallBodyTable, sequentialBodyId } from '../../../../src/s3/store/small-body-table';

describe('SmallBodyTable', () => {
  let dataDir: string;
  let index: MetadataIndex;
  let table: SmallBodyTable;
  /** What another connection sees: committed rows only. */
  const committedIds = () => {
    const reader = new Database(join(dataDir, 'index.sqlite'), { readonly: true });
    try {
      return reader.prepare('SELECT id FROM small_bodies ORDER BY id').pluck().all();
    } finally {
      reader.close();
    }
  };
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'small-bodies-'));
    index = new MetadataIndex(openDatabase({ storage: 'fs', dataDir }));
    table = new SmallBodyTable(index.db);
    index.joinTransactions(table);
  });
  afterEach(async () => {
    jest.useRealTimers();
    table.close();
    index.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reads a body back at once, and commits it with the next index transaction: the one that refers to it', () => {
    const id = sequentialBodyId();
    table.put(id, Buffer.alloc(4096, 'b'));
    expect(table.has(id)).toBe(true);
    expect(table.get(id)).toEqual(Buffer.alloc(4096, 'b'));
    expect(committedIds()).toEqual([]);
    index.transaction(() => index.createBucket('bucket', 'us-east-1', new Date()));
    expect(committedIds()).toEqual([id]);
    expect(table.get(id)).toEqual(Buffer.alloc(4096, 'b'));
  });

  it('stages again what a rolled-back transaction took, for the next one', () => {
    const id = sequentialBodyId();
    table.put(id, Buffer.from('kept'));
    expect(() => index.transaction(() => index.bucket('missing'))).toThrow();
    expect(committedIds()).toEqual([]);
    expect(table.get(id)).toEqual(Buffer.from('kept'));
    index.transaction(() => undefined);
    expect(committedIds()).toEqual([id]);
  });

  it('never writes a body removed before a transaction took it', async () => {
    const id = sequentialBodyId();
    table.put(id, Buffer.from('dropped'));
    table.remove(id);
    expect(table.has(id)).toBe(false);
    expect(table.get(id)).toBeUndefined();
    index.transaction(() => undefined);
    await sleep(50);
    expect(committedIds()).toEqual([]);
  });

  it('hides a removed body at once, and commits removals in a batch: with the first transaction once the batch is due, or on their own', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    const [first, second] = [sequentialBodyId(), sequentialBodyId()];
    table.put(first, Buffer.from('one'));
    table.put(second, Buffer.from('two'));
    index.transaction(() => undefined);
    table.remove(first);
    expect([table.has(first), table.get(first)]).toEqual([false, undefined]);
    index.transaction(() => undefined);
    expect(committedIds()).toEqual([first, second]);
    jest.advanceTimersByTime(REMOVAL_BATCH_MS - 100);
    index.transaction(() => undefined);
    expect(committedIds()).toEqual([first, second]);
    jest.setSystemTime(Date.now() + 100);
    index.transaction(() => undefined);
    expect(committedIds()).toEqual([second]);
    table.remove(second);
    jest.advanceTimersByTime(REMOVAL_BATCH_MS);
    expect(committedIds()).toEqual([]);
  });

  it('stages again the removals a rolled-back transaction took', () => {
    const id = sequentialBodyId();
    table.put(id, Buffer.from('removed'));
    index.transaction(() => undefined);
    table.remove(id);
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'], now: Date.now() + REMOVAL_BATCH_MS });
    expect(() => index.transaction(() => index.bucket('missing'))).toThrow();
    expect([committedIds(), table.has(id)]).toEqual([[id], false]);
    index.transaction(() => undefined);
    expect(committedIds()).toEqual([]);
  });

  it('commits what is staged when it closes', () => {
    const id = sequentialBodyId();
    table.put(id, Buffer.from('staged at close'));
    table.close();
    expect(committedIds()).toEqual([id]);
  });
});
