import { MetadataIndex, openDatabase } from '../../../../src/s3/store/metadata-index';

const KEY_COUNT = 100_000;
const keyOf = (i: number) => `dir${String(i % 100).padStart(2, '0')}/file${String(i).padStart(6, '0')}`;

describe('metadata index with 100k keys', () => {
  const index = new MetadataIndex(openDatabase({ storage: 'memory', dataDir: '' }));

  beforeAll(() => {
    index.createBucket('big', 'us-east-1', new Date());
    const lastModified = new Date(Math.floor(Date.now() / 1000) * 1000);
    index.transaction(() => {
      for (let i = 0; i < KEY_COUNT; i += 1) {
        const info = { bucket: 'big', key: keyOf(i), size: i, etag: 'e', lastModified, checksums: {} };
        index.commitObject({ info, bodyId: `body-${i}` });
      }
    });
  });
  afterAll(() => index.close());

  it('serves the first page of 1000 keys in order', () => {
    const page = index.listObjects({ bucket: 'big', maxKeys: 1000 });
    expect(page.objects).toHaveLength(1000);
    expect(page.objects[0].key).toBe('dir00/file000000');
    expect(page.objects[1].key).toBe('dir00/file000100');
    expect(page).toMatchObject({ isTruncated: true, nextStartAfter: page.objects[999].key });
  });

  it('serves a page from the middle of the bucket', () => {
    const page = index.listObjects({ bucket: 'big', startAfter: 'dir57/file050057', maxKeys: 3 });
    expect(page.objects.map((object) => object.key)).toEqual(['dir57/file050157', 'dir57/file050257', 'dir57/file050357']);
  });

  it('rolls 100k keys up into their 100 CommonPrefixes', () => {
    const page = index.listObjects({ bucket: 'big', delimiter: '/' });
    expect(page.objects).toEqual([]);
    expect(page.commonPrefixes).toHaveLength(100);
    expect(page.commonPrefixes[99]).toBe('dir99/');
    expect(page.isTruncated).toBe(false);
  });

  it('counts the bucket in its stats', () => {
    expect(index.bucketStats()).toEqual([expect.objectContaining({ name: 'big', objectCount: KEY_COUNT })]);
  });
});
