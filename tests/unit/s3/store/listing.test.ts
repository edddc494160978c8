import type { ListQuery, ObjectStore } from '../../../../src/s3/store';
import { BACKENDS, putText, useStore } from './store-fixture';

async function putKeys(store: ObjectStore, keys: string[]): Promise<void> {
  for (const key of keys) await putText(store, 'bucket', key, key);
}

/** Keys and CommonPrefixes of one page, in the order S3 returns them. */
async function page(store: ObjectStore, query: Omit<ListQuery, 'bucket'>) {
  const result = await store.listObjects({ bucket: 'bucket', ...query });
  return {
    keys: result.objects.map((object) => object.key),
    prefixes: result.commonPrefixes,
    isTruncated: result.isTruncated,
    next: result.nextStartAfter,
  };
}

/** Follows nextStartAfter to the end, as a client following NextMarker / continuation tokens. */
async function everyPage(store: ObjectStore, query: Omit<ListQuery, 'bucket' | 'startAfter'>) {
  const entries: string[] = [];
  let startAfter: string | undefined;
  for (;;) {
    const result = await page(store, { ...query, startAfter });
    entries.push(...result.keys, ...result.prefixes);
    if (!result.isTruncated) return entries;
    startAfter = result.next;
  }
}

describe.each(BACKENDS)('listing (%s backend)', (storage) => {
  const handle = useStore(storage);
  beforeEach(() => handle.store.createBucket('bucket'));

  it('orders keys by their UTF-8 bytes, not by JavaScript (UTF-16) order', async () => {
    const keys = ['😀', 'z', '\uffff', 'ä', 'b', 'a'];
    await putKeys(handle.store, keys);
    const listed = (await page(handle.store, {})).keys;
    expect(listed).toEqual(['a', 'b', 'z', 'ä', '\uffff', '😀']);
    expect([...keys].sort()).not.toEqual(listed); // JS puts the surrogate pair of 😀 before U+FFFF
  });

  describe('with a delimiter', () => {
    beforeEach(() => putKeys(handle.store, ['a/1', 'a/2', 'b', 'c/x/1', 'c/x/2', 'c/y', 'd']));

    it('rolls keys up into CommonPrefixes at the first delimiter after the prefix', async () => {
      expect(await page(handle.store, { delimiter: '/' })).toEqual({ keys: ['b', 'd'], prefixes: ['a/', 'c/'], isTruncated: false, next: undefined });
      expect(await page(handle.store, { prefix: 'c/', delimiter: '/' })).toEqual({ keys: ['c/y'], prefixes: ['c/x/'], isTruncated: false, next: undefined });
    });

    it('counts CommonPrefixes toward max-keys and continues after the last entry', async () => {
      expect(await page(handle.store, { delimiter: '/', maxKeys: 2 })).toEqual({ keys: ['b'], prefixes: ['a/'], isTruncated: true, next: 'b' });
      expect(await page(handle.store, { delimiter: '/', maxKeys: 2, startAfter: 'b' })).toEqual({
        keys: ['d'],
        prefixes: ['c/'],
        isTruncated: false,
        next: undefined,
      });
    });

    it('does not repeat a CommonPrefix used as the marker', async () => {
      expect(await page(handle.store, { delimiter: '/', maxKeys: 1 })).toMatchObject({ prefixes: ['a/'], next: 'a/' });
      expect(await page(handle.store, { delimiter: '/', maxKeys: 1, startAfter: 'a/' })).toMatchObject({ keys: ['b'], prefixes: [] });
    });

    it('returns every entry exactly once when paging one entry at a time', async () => {
      expect(await everyPage(handle.store, { delimiter: '/', maxKeys: 1 })).toEqual(['a/', 'b', 'c/', 'd']);
      expect(await everyPage(handle.store, { prefix: 'c/', delimiter: '/', maxKeys: 1 })).toEqual(['c/x/', 'c/y']);
    });

    it('supports a delimiter of several characters', async () => {
      await putKeys(handle.store, ['2024--01--a', '2024--02--b']);
      expect(await page(handle.store, { prefix: '2024--', delimiter: '--' })).toMatchObject({ prefixes: ['2024--01--', '2024--02--'], keys: [] });
    });
  });

  it('lists only keys under the prefix, whatever the marker', async () => {
    await putKeys(handle.store, ['a', 'photos/1', 'photos/2', 'photos/3', 'q']);
    expect((await page(handle.store, { prefix: 'photos/' })).keys).toEqual(['photos/1', 'photos/2', 'photos/3']);
    expect((await page(handle.store, { prefix: 'photos/', startAfter: 'a' })).keys).toEqual(['photos/1', 'photos/2', 'photos/3']);
    expect((await page(handle.store, { prefix: 'photos/', startAfter: 'photos/1' })).keys).toEqual(['photos/2', 'photos/3']);
    expect((await page(handle.store, { prefix: 'photos/', startAfter: 'photos/9' })).keys).toEqual([]);
  });

  it('pages with max-keys, truncation and an exclusive start key', async () => {
    await putKeys(handle.store, ['k1', 'k2', 'k3', 'k4', 'k5']);
    expect(await page(handle.store, { maxKeys: 2 })).toEqual({ keys: ['k1', 'k2'], prefixes: [], isTruncated: true, next: 'k2' });
    expect(await page(handle.store, { maxKeys: 2, startAfter: 'k4' })).toEqual({ keys: ['k5'], prefixes: [], isTruncated: false, next: undefined });
    expect(await page(handle.store, { maxKeys: 5 })).toMatchObject({ isTruncated: false });
  });

  it('answers max-keys=0 with an empty, untruncated page', async () => {
    await putKeys(handle.store, ['k']);
    expect(await page(handle.store, { maxKeys: 0 })).toEqual({ keys: [], prefixes: [], isTruncated: false, next: undefined });
  });

  it('summarises each object with its size, ETag, storage class and checksum algorithms', async () => {
    const put = await putText(handle.store, 'bucket', 'k', 'hello', { checksumAlgorithms: ['crc32c'], metadata: { storageClass: 'GLACIER' } });
    const [summary] = (await handle.store.listObjects({ bucket: 'bucket' })).objects;
    expect(summary).toEqual({
      key: 'k',
      size: 5,
      etag: put.etag,
      lastModified: put.lastModified,
      storageClass: 'GLACIER',
      checksumType: undefined,
      checksumAlgorithms: ['crc32c'],
    });
  });
});
