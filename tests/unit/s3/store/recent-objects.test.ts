import { MetadataIndex, openDatabase } from '../../../../src/s3/store/metadata-index';

const lastModified = new Date(Math.floor(Date.now() / 1000) * 1000);
const record = (key: string, etag: string) => ({ info: { bucket: 'b', key, size: 1, etag, lastModified, checksums: {} }, bodyId: `body-${etag}` });

describe('object rows read again, from memory (recent-objects.ts)', () => {
  let index: MetadataIndex;
  beforeEach(() => {
    index = new MetadataIndex(openDatabase({ storage: 'memory', dataDir: '' }));
    index.transaction(() => index.createBucket('b', 'us-east-1', new Date()));
    index.commitObject(record('k', 'first'));
  });
  afterEach(() => index.close());

  it('answers a key read before with the same record, without asking SQLite', () => {
    const first = index.object('b', 'k');
    index.db.prepare('UPDATE objects SET etag = ? WHERE key = ?').run('behind-its-back', 'k');
    expect(index.object('b', 'k')).toBe(first);
  });

  it('reads an overwrite and a delete as soon as they are committed', () => {
    index.object('b', 'k');
    index.commitObject(record('k', 'second'));
    expect(index.object('b', 'k')?.info.etag).toBe('second');
    index.deleteObject('b', 'k', {});
    expect(index.object('b', 'k')).toBeUndefined();
  });

  it('reads a new version, and a delete marker, of a key in a versioned bucket as soon as they are committed', () => {
    index.setVersioning('b', 'Enabled');
    index.object('b', 'k');
    index.commitObject(record('k', 'version-2'));
    expect(index.object('b', 'k')?.info.etag).toBe('version-2');
    index.deleteObject('b', 'k', {});
    expect(index.object('b', 'k')).toBeUndefined();
  });

  it('keeps nothing of a write that rolled back, even one read inside its transaction', () => {
    index.object('b', 'k');
    expect(() =>
      index.transaction(() => {
        index.commitObject(record('k', 'rolled-back'));
        expect(index.object('b', 'k')?.info.etag).toBe('rolled-back');
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expect(index.object('b', 'k')?.info.etag).toBe('first');
  });

  it('reads the null version id every object gets once versioning is first set', () => {
    expect(index.object('b', 'k')?.info.versionId).toBeUndefined();
    index.setVersioning('b', 'Suspended');
    expect(index.object('b', 'k')?.info.versionId).toBe('null');
  });

  it('forgets everything when the index is cleared', () => {
    index.object('b', 'k');
    index.clear();
    expect(() => index.object('b', 'k')).toThrow(expect.objectContaining({ code: 'NoSuchBucket' }));
  });

  it('hands out frozen records, so no reader changes what others read', () => {
    const shared = index.object('b', 'k')!;
    expect(() => {
      (shared.info as { etag: string }).etag = 'changed';
    }).toThrow(TypeError);
  });
});
