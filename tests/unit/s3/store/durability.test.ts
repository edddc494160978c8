/** The file backend's promises: what survives a restart, what a failure leaves, where files go. */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { openObjectStore } from '../../../../src/s3/store';
import { settledBodyIds, storedBodyIds } from '../../../support/s3-stored-bodies';
import { failingStream, getText, putText, readAll, streamOf, useStore } from './store-fixture';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

describe('file backend durability', () => {
  const handle = useStore('fs');
  const bodyFiles = async () => (await filesUnder(handle.dataDir)).filter((file) => file.startsWith('bodies/'));
  const storedBodies = () => storedBodyIds(handle.dataDir);
  const tmpFiles = async () => (await filesUnder(handle.dataDir)).filter((file) => file.startsWith('tmp/'));
  beforeEach(() => handle.store.createBucket('bucket'));

  it('keeps buckets, objects, configuration and uploads across a restart', async () => {
    await handle.store.createBucket('located', { region: 'eu-west-1' });
    await handle.store.putBucketConfig('bucket', 'versioning', 'Enabled');
    await putText(handle.store, 'bucket', 'photos/cat.jpg', 'meow', { metadata: { contentType: 'image/jpeg', userMetadata: { Who: 'cat' } } });
    const { uploadId } = await handle.store.createMultipartUpload({ bucket: 'bucket', key: 'big', metadata: {} });
    await handle.store.uploadPart({ bucket: 'bucket', key: 'big', uploadId, partNumber: 1, body: streamOf('part one') });

    const store = await handle.reopen();
    expect((await store.listBuckets()).map((bucket) => [bucket.name, bucket.region])).toEqual([
      ['bucket', 'us-east-1'],
      ['located', 'eu-west-1'],
    ]);
    expect(await store.getBucketConfig('bucket', 'versioning')).toBe('Enabled');
    expect(await getText(store, 'bucket', 'photos/cat.jpg')).toBe('meow');
    expect((await store.headObject('bucket', 'photos/cat.jpg')).object).toMatchObject({ contentType: 'image/jpeg', userMetadata: { Who: 'cat' } });
    const parts = await store.listParts({ bucket: 'bucket', key: 'big', uploadId });
    const object = await store.completeMultipartUpload({ bucket: 'bucket', key: 'big', uploadId, parts: parts.parts });
    expect(object.size).toBe('part one'.length);
  });

  it('stores hostile keys as keys: nothing is written outside the data directory or named after a key', async () => {
    // A data directory nested in a sandbox, so a key used as a relative path would land in the sandbox.
    const sandbox = await mkdtemp(join(tmpdir(), 'standin-s3-sandbox-'));
    const dataDir = join(sandbox, 'one', 'two', 'data');
    const store = await openObjectStore({ storage: 'fs', dataDir });
    try {
      await store.createBucket('bucket');
      const keys = ['../../etc/passwd', '../../../escape', '/abs/path', 'a//b', '%2F..%2F', '.', '..', 'ünï/😀', 'k'.repeat(1024), 'nul\u0000byte'];
      for (const key of keys) await putText(store, 'bucket', key, `body of ${key}`);
      for (const key of keys) expect(await getText(store, 'bucket', key)).toBe(`body of ${key}`);
      const files = await filesUnder(sandbox);
      expect(files.filter((file) => !/^one\/two\/data\/((index|bodies)\.sqlite(-wal|-shm)?|bodies\/[0-9a-f]{2}\/[0-9a-f-]{36})$/.test(file))).toEqual([]);
      expect(await storedBodyIds(dataDir)).toHaveLength(keys.length);
    } finally {
      await store.close();
      await rm(sandbox, { recursive: true, force: true });
    }
  });

  it('leaves no body and no temp file behind a cut upload or a digest mismatch', async () => {
    await expect(putText(handle.store, 'bucket', 'cut', '', { body: failingStream('x'.repeat(100_000)) })).rejects.toThrow();
    await expect(putText(handle.store, 'bucket', 'bad', 'data', { expect: { contentMd5: 'AAAAAAAAAAAAAAAAAAAAAA==' } })).rejects.toMatchObject({
      code: 'BadDigest',
    });
    const { uploadId } = await handle.store.createMultipartUpload({ bucket: 'bucket', key: 'big', metadata: {} });
    await expect(handle.store.uploadPart({ bucket: 'bucket', key: 'big', uploadId, partNumber: 1, body: failingStream('y') })).rejects.toThrow();
    expect(await storedBodies()).toEqual([]);
    expect(await tmpFiles()).toEqual([]);
  });

  it('keeps small bodies as rows and larger ones as files, each read back whole and in ranges', async () => {
    const small = Buffer.alloc(64 * 1024, 's');
    const large = Buffer.alloc(64 * 1024 + 1, 'l');
    await putText(handle.store, 'bucket', 'small', small);
    await putText(handle.store, 'bucket', 'large', large);
    expect(await bodyFiles()).toHaveLength(1);
    expect(await storedBodies()).toHaveLength(2);
    const store = await handle.reopen();
    expect((await readAll((await store.getObject('bucket', 'small')).body)).equals(small)).toBe(true);
    expect((await readAll((await store.getObject('bucket', 'large')).body)).equals(large)).toBe(true);
    const ranged = await store.getObject('bucket', 'small', { range: { suffixLength: 3 } });
    expect((await readAll(ranged.body)).toString()).toBe('sss');
  });

  it('reads a small body an earlier version stored as a file, and removes that file when the object goes', async () => {
    await putText(handle.store, 'bucket', 'legacy', 'stored as a file');
    // The layout before small bodies were rows: the same body as bodies/<id[0..1]>/<id>, under a UUID, no row.
    const id = randomUUID();
    await mkdir(join(handle.dataDir, 'bodies', id.slice(0, 2)), { recursive: true });
    await writeFile(join(handle.dataDir, 'bodies', id.slice(0, 2), id), 'stored as a file');
    const index = new Database(join(handle.dataDir, 'index.sqlite'));
    index.prepare('DELETE FROM small_bodies').run();
    index.prepare('UPDATE objects SET body_id = ?').run(id);
    index.close();
    const store = await handle.reopen();
    expect(await getText(store, 'bucket', 'legacy')).toBe('stored as a file');
    await store.deleteObject('bucket', 'legacy');
    expect(await storedBodies()).toEqual([]);
  });

  it('moves small bodies an earlier version kept in bodies.sqlite into index.sqlite, and reads them as before', async () => {
    await putText(handle.store, 'bucket', 'old', 'kept in bodies.sqlite');
    await handle.store.close();
    const index = new Database(join(handle.dataDir, 'index.sqlite'));
    const rows = index.prepare('SELECT id, data FROM small_bodies').all() as { id: string; data: Buffer }[];
    index.prepare('DELETE FROM small_bodies').run();
    index.close();
    const bodies = new Database(join(handle.dataDir, 'bodies.sqlite'));
    for (const row of rows) bodies.prepare('INSERT INTO small_bodies (id, data) VALUES (?, ?)').run(row.id, row.data);
    bodies.close();

    const store = await handle.reopen();
    expect(await getText(store, 'bucket', 'old')).toBe('kept in bodies.sqlite');
    const legacy = new Database(join(handle.dataDir, 'bodies.sqlite'), { readonly: true });
    expect(legacy.prepare('SELECT count(*) FROM small_bodies').pluck().get()).toBe(0);
    legacy.close();
    expect(await storedBodies()).toEqual(rows.map((row) => row.id));
  });

  it('keeps exactly one body file per object through overwrites, deletes, aborts and completes', async () => {
    await putText(handle.store, 'bucket', 'k', 'one');
    await putText(handle.store, 'bucket', 'k', 'two');
    await putText(handle.store, 'bucket', 'gone', 'x');
    await handle.store.deleteObject('bucket', 'gone');
    await handle.store.copyObject({ source: await handle.store.getObject('bucket', 'k'), target: { bucket: 'bucket', key: 'k' }, metadata: {} });
    const aborted = await handle.store.createMultipartUpload({ bucket: 'bucket', key: 'a', metadata: {} });
    await handle.store.uploadPart({ bucket: 'bucket', key: 'a', uploadId: aborted.uploadId, partNumber: 1, body: streamOf('p') });
    await handle.store.abortMultipartUpload('bucket', 'a', aborted.uploadId);
    const completed = await handle.store.createMultipartUpload({ bucket: 'bucket', key: 'c', metadata: {} });
    const part = await handle.store.uploadPart({ bucket: 'bucket', key: 'c', uploadId: completed.uploadId, partNumber: 1, body: streamOf('p') });
    await handle.store.completeMultipartUpload({ bucket: 'bucket', key: 'c', uploadId: completed.uploadId, parts: [part] });
    expect(await settledBodyIds(handle.dataDir)).toHaveLength(2); // 'k' and 'c'
  });

  /** A completed upload of `sizes.length` parts (files when over 64 KiB), each of one repeated letter. */
  async function completedUpload(key: string, sizes: number[]) {
    const { uploadId } = await handle.store.createMultipartUpload({ bucket: 'bucket', key, metadata: {} });
    const bodies = sizes.map((size, i) => Buffer.alloc(size, 'abcdefgh'[i]));
    const parts = [];
    for (const [i, body] of bodies.entries()) {
      parts.push(await handle.store.uploadPart({ bucket: 'bucket', key, uploadId, partNumber: i + 1, body: streamOf(body) }));
    }
    return { uploadId, parts, whole: Buffer.concat(bodies) };
  }

  it('completes an upload without copying its parts: their files are the object body, and go with it', async () => {
    const { uploadId, parts, whole } = await completedUpload('big', [100_000, 100_000, 10]);
    const partFiles = await bodyFiles();
    expect(partFiles).toHaveLength(2); // the last part is a row
    await handle.store.completeMultipartUpload({ bucket: 'bucket', key: 'big', uploadId, parts });
    expect(await bodyFiles()).toEqual(partFiles);
    expect(await storedBodies()).toHaveLength(1);
    expect((await readAll((await handle.store.getObject('bucket', 'big')).body)).equals(whole)).toBe(true);
    await putText(handle.store, 'bucket', 'big', 'small now');
    expect(await bodyFiles()).toEqual([]);
    expect(await settledBodyIds(handle.dataDir)).toHaveLength(1);
  });

  it('removes the parts of a multipart object deleted while being read once the read has ended', async () => {
    const { uploadId, parts, whole } = await completedUpload('big', [100_000, 100_000]);
    await handle.store.completeMultipartUpload({ bucket: 'bucket', key: 'big', uploadId, parts });
    const read = await handle.store.getObject('bucket', 'big');
    await handle.store.deleteObject('bucket', 'big');
    expect(await bodyFiles()).toHaveLength(2);
    expect((await readAll(read.body)).equals(whole)).toBe(true);
    // The removal that waited for the read runs once the read has closed, in the background.
    for (let tries = 0; tries < 100 && (await bodyFiles()).length > 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await bodyFiles()).toEqual([]);
  });

  it('keeps a completed multipart object across a restart: whole, in ranges across parts, and by part', async () => {
    const { uploadId, parts, whole } = await completedUpload('big', [100_000, 70_000, 20]);
    await handle.store.completeMultipartUpload({ bucket: 'bucket', key: 'big', uploadId, parts });
    const store = await handle.reopen();
    expect((await readAll((await store.getObject('bucket', 'big')).body)).equals(whole)).toBe(true);
    const across = await store.getObject('bucket', 'big', { range: { start: 99_990, end: 170_005 } });
    expect((await readAll(across.body)).equals(whole.subarray(99_990, 170_006))).toBe(true);
    const second = await store.getObject('bucket', 'big', { partNumber: 2 });
    expect(second.range).toEqual({ start: 100_000, end: 169_999 });
    expect((await readAll(second.body)).equals(whole.subarray(100_000, 170_000))).toBe(true);
    expect(await storedBodies()).toHaveLength(1);
  });

  it('after a crash between writing a composite and committing its object, sweeps the composite and keeps the upload', async () => {
    const { uploadId, parts, whole } = await completedUpload('big', [100_000, 30]);
    // What Complete leaves if killed before its index commit: a composite of the parts nothing refers to.
    const partIds = await storedBodies();
    const bodies = new Database(join(handle.dataDir, 'bodies.sqlite'));
    bodies.prepare('INSERT INTO composite_bodies (id, parts) VALUES (?, ?)').run('00000000-dead-0000-0000-000000000000', JSON.stringify(partIds.map((id) => ({ id, size: 1 }))));
    bodies.close();
    const store = await handle.reopen();
    expect((await storedBodies()).sort()).toEqual(partIds.sort());
    expect((await store.listParts({ bucket: 'bucket', key: 'big', uploadId })).parts).toHaveLength(2);
    await store.completeMultipartUpload({ bucket: 'bucket', key: 'big', uploadId, parts });
    expect((await readAll((await store.getObject('bucket', 'big')).body)).equals(whole)).toBe(true);
  });

  it('after a crash between overwriting a multipart object and removing its body, sweeps the composite and its parts', async () => {
    const { uploadId, parts } = await completedUpload('big', [100_000, 30]);
    await handle.store.completeMultipartUpload({ bucket: 'bucket', key: 'big', uploadId, parts });
    const index = new Database(join(handle.dataDir, 'index.sqlite'));
    index.prepare("DELETE FROM objects WHERE key = 'big'").run();
    index.close();
    await handle.reopen();
    expect(await storedBodies()).toEqual([]);
    expect(await bodyFiles()).toEqual([]);
  });

  it('opens a bodies.sqlite written before composite bodies, and completes uploads into it', async () => {
    await putText(handle.store, 'bucket', 'small', 'kept small');
    const { uploadId, parts, whole } = await completedUpload('big', [100_000, 30]);
    await handle.store.close();
    // The previous schema: version 1, small bodies only.
    const bodies = new Database(join(handle.dataDir, 'bodies.sqlite'));
    bodies.exec('DROP TABLE composite_bodies; PRAGMA user_version = 1;');
    bodies.close();
    const store = await handle.reopen();
    expect(await getText(store, 'bucket', 'small')).toBe('kept small');
    await store.completeMultipartUpload({ bucket: 'bucket', key: 'big', uploadId, parts });
    expect((await readAll((await store.getObject('bucket', 'big')).body)).equals(whole)).toBe(true);
  });

  it('removes stale temp files and unreferenced bodies at start-up', async () => {
    await putText(handle.store, 'bucket', 'kept', 'kept body');
    await writeFile(join(handle.dataDir, 'tmp', 'half-written'), 'partial');
    await mkdir(join(handle.dataDir, 'bodies', 'ff'), { recursive: true });
    await writeFile(join(handle.dataDir, 'bodies', 'ff', 'ffffffff-0000-0000-0000-000000000000'), 'orphan');
    await putText(handle.store, 'bucket', 'orphaned', 'small orphan body');
    const orphan = new Database(join(handle.dataDir, 'index.sqlite'));
    orphan.prepare("DELETE FROM objects WHERE key = 'orphaned'").run();
    orphan.close();
    const store = await handle.reopen();
    expect(await tmpFiles()).toEqual([]);
    expect(await storedBodies()).toHaveLength(1);
    expect((await readAll((await store.getObject('bucket', 'kept')).body)).toString()).toBe('kept body');
  });
});
