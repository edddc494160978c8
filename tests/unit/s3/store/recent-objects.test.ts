import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('finds the body an overwrite replaces in the row it wrote before, without asking SQLite', () => {
    index.commitObject(record('k', 'second'));
    index.db.prepare('UPDATE objects SET body_id = ? WHERE key = ?').run('behind-its-back', 'k');
    expect(index.commitObject(record('k', 'third')).obsolete).toEqual(['body-second']);
  });

  it('keeps nothing a rolled-back savepoint wrote, though the transaction around it commits', () => {
    index.object('b', 'k');
    index.transaction(() => {
      expect(() =>
        index.transaction(() => {
          index.commitObject(record('k', 'in-savepoint'));
          throw new Error('savepoint rolled back');
        }),
      ).toThrow('savepoint rolled back');
      index.commitObject(record('other', 'committed'));
    });
    expect(index.object('b', 'k')?.info.etag).toBe('first');
    expect(index.object('b', 'other')?.info.etag).toBe('committed');
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

describe('a written row kept in memory', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'recent-objects-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('is the record a fresh read of the file gives', () => {
    const writer = new MetadataIndex(openDatabase({ storage: 'fs', dataDir }));
    writer.transaction(() => writer.createBucket('b', 'us-east-1', new Date()));
    const info = {
      ...record('k', 'e').info,
      contentType: 'text/plain',
      userMetadata: { colour: 'blue' },
      tags: [{ key: 't', value: 'v' }],
      checksums: { crc32: 'AAAAAA==' },
      checksumType: 'FULL_OBJECT' as const,
      lock: { mode: 'GOVERNANCE' as const, retainUntil: new Date(Date.UTC(2031, 0, 1)).toISOString() },
    };
    writer.commitObject({ info, bodyId: 'body' });
    const reader = new MetadataIndex(openDatabase({ storage: 'fs', dataDir }));
    try {
      expect(writer.object('b', 'k')).toEqual(reader.object('b', 'k'));
    } finally {
      reader.close();
      writer.close();
    }
  });
});
