/** Versions, delete markers, null versions and Object Lock in the store (docs/ARCHITECTURE.md, "S3 mock"). */
import type { ObjectStore } from '../../../../src/s3/store';
import { BACKENDS, getText, putText, readAll, streamOf, useStore } from './store-fixture';

/** Each version listed as [kind, key, version id, is latest]. */
const versionsOf = async (store: ObjectStore, bucket: string) =>
  (await store.listObjectVersions({ bucket, maxKeys: 1000 })).entries.map((entry) =>
    entry.kind === 'version' ? ['version', entry.object.key, entry.object.versionId, entry.isLatest] : ['marker', entry.marker.key, entry.marker.versionId, entry.isLatest],
  );

describe.each(BACKENDS)('versions (%s backend)', (storage) => {
  const handle = useStore(storage);
  beforeEach(async () => {
    await handle.store.createBucket('bucket');
    await handle.store.putBucketConfig('bucket', 'versioning', 'Enabled');
  });

  it('keeps every write as a version with its own id, the newest served by key', async () => {
    const first = await putText(handle.store, 'bucket', 'k', 'one');
    const second = await putText(handle.store, 'bucket', 'k', 'two');
    expect(first.versionId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(second.versionId).not.toBe(first.versionId);
    expect(await getText(handle.store, 'bucket', 'k')).toBe('two');
    expect((await readAll((await handle.store.getObject('bucket', 'k', { versionId: first.versionId })).body)).toString()).toBe('one');
    expect(await versionsOf(handle.store, 'bucket')).toEqual([
      ['version', 'k', second.versionId, true],
      ['version', 'k', first.versionId, false],
    ]);
  });

  it('hides a key behind a delete marker, which a delete of its version id lifts', async () => {
    const put = await putText(handle.store, 'bucket', 'k', 'kept');
    const marker = await handle.store.deleteObject('bucket', 'k');
    expect(marker).toMatchObject({ deleteMarker: true, versionId: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) });
    await expect(handle.store.getObject('bucket', 'k')).rejects.toMatchObject({ code: 'NoSuchKey', headers: { 'x-amz-delete-marker': 'true', 'x-amz-version-id': marker.versionId } });
    await expect(handle.store.headObject('bucket', 'k', { versionId: marker.versionId })).rejects.toMatchObject({ code: 'MethodNotAllowed', status: 405 });
    expect((await handle.store.listObjects({ bucket: 'bucket' })).objects).toEqual([]);
    expect(await handle.store.deleteObject('bucket', 'k', { versionId: marker.versionId })).toEqual({ versionId: marker.versionId, deleteMarker: true });
    expect(await getText(handle.store, 'bucket', 'k')).toBe('kept');
    expect((await handle.store.headObject('bucket', 'k')).object.versionId).toBe(put.versionId);
  });

  it('removing the latest version makes the one before it current again', async () => {
    const first = await putText(handle.store, 'bucket', 'k', 'one');
    const second = await putText(handle.store, 'bucket', 'k', 'two');
    await handle.store.deleteObject('bucket', 'k', { versionId: second.versionId });
    expect(await getText(handle.store, 'bucket', 'k')).toBe('one');
    await handle.store.deleteObject('bucket', 'k', { versionId: first.versionId });
    await expect(handle.store.headObject('bucket', 'k')).rejects.toMatchObject({ code: 'NoSuchKey' });
    expect(await versionsOf(handle.store, 'bucket')).toEqual([]);
    expect(await handle.store.deleteObject('bucket', 'k', { versionId: first.versionId })).toEqual({ versionId: first.versionId, deleteMarker: false });
  });

  it('answers NoSuchVersion for an id it issued and no longer has, and InvalidArgument for one it could not have issued', async () => {
    await putText(handle.store, 'bucket', 'k', 'v');
    const { versionId } = await putText(handle.store, 'bucket', 'k', 'gone');
    await handle.store.deleteObject('bucket', 'k', { versionId });
    await expect(handle.store.headObject('bucket', 'k', { versionId })).rejects.toMatchObject({ code: 'NoSuchVersion' });
    for (const forged of ['not-ours', 'A'.repeat(32), `${versionId!.slice(0, -4)}ABCD`]) {
      await expect(handle.store.headObject('bucket', 'k', { versionId: forged })).rejects.toMatchObject({ code: 'InvalidArgument', fields: { ArgumentValue: forged } });
    }
  });

  it('makes earlier objects null versions, and replaces the null version while suspended', async () => {
    await handle.store.createBucket('late');
    await putText(handle.store, 'late', 'k', 'before');
    await handle.store.putBucketConfig('late', 'versioning', 'Enabled');
    const versioned = await putText(handle.store, 'late', 'k', 'enabled');
    await handle.store.putBucketConfig('late', 'versioning', 'Suspended');
    const suspended = await putText(handle.store, 'late', 'k', 'suspended');
    expect(suspended.versionId).toBe('null');
    expect(await versionsOf(handle.store, 'late')).toEqual([
      ['version', 'k', 'null', true],
      ['version', 'k', versioned.versionId, false],
    ]);
    expect((await readAll((await handle.store.getObject('late', 'k', { versionId: 'null' })).body)).toString()).toBe('suspended');
    expect(await handle.store.deleteObject('late', 'k')).toEqual({ versionId: 'null', deleteMarker: true });
    expect(await versionsOf(handle.store, 'late')).toEqual([
      ['marker', 'k', 'null', true],
      ['version', 'k', versioned.versionId, false],
    ]);
  });

  it('lists keys in order, versions newest first, paging with key and version-id markers', async () => {
    const a1 = await putText(handle.store, 'bucket', 'a', '1');
    const a2 = await putText(handle.store, 'bucket', 'a', '2');
    const b = await handle.store.deleteObject('bucket', 'b');
    await putText(handle.store, 'bucket', 'dir/x', 'x');
    const first = await handle.store.listObjectVersions({ bucket: 'bucket', maxKeys: 1 });
    expect(first).toMatchObject({ isTruncated: true, nextKeyMarker: 'a', nextVersionIdMarker: a2.versionId });
    const second = await handle.store.listObjectVersions({ bucket: 'bucket', keyMarker: 'a', versionIdMarker: a2.versionId, maxKeys: 2, delimiter: '/' });
    expect(second.entries.map((entry) => (entry.kind === 'version' ? entry.object.versionId : entry.marker.versionId))).toEqual([a1.versionId, b.versionId]);
    expect(second.entries.map((entry) => entry.isLatest)).toEqual([false, true]);
    expect(second).toMatchObject({ isTruncated: true, nextKeyMarker: 'b' });
    const third = await handle.store.listObjectVersions({ bucket: 'bucket', keyMarker: 'b', maxKeys: 5, delimiter: '/' });
    expect(third).toMatchObject({ entries: [], commonPrefixes: ['dir/'], isTruncated: false });
  });

  it('changes one version in place: tags by version id, the ETag kept', async () => {
    const first = await putText(handle.store, 'bucket', 'k', 'one');
    await putText(handle.store, 'bucket', 'k', 'two');
    const tagged = await handle.store.putObjectTags('bucket', 'k', [{ key: 't', value: 'v' }], first.versionId);
    expect(tagged).toMatchObject({ versionId: first.versionId, etag: first.etag, tags: [{ key: 't', value: 'v' }] });
    expect(await handle.store.getObjectTags('bucket', 'k')).toEqual([]);
    expect(await handle.store.getObjectTags('bucket', 'k', first.versionId)).toEqual([{ key: 't', value: 'v' }]);
  });

  it('answers a Complete retried after it succeeded with the same object version', async () => {
    const { uploadId } = await handle.store.createMultipartUpload({ bucket: 'bucket', key: 'big', metadata: {} });
    const part = await handle.store.uploadPart({ bucket: 'bucket', key: 'big', uploadId, partNumber: 1, body: streamOf('only part') });
    const input = { bucket: 'bucket', key: 'big', uploadId, parts: [{ partNumber: 1, etag: part.etag }] };
    const done = await handle.store.completeMultipartUpload(input);
    expect(await handle.store.completeMultipartUpload(input)).toEqual(done);
    expect(await versionsOf(handle.store, 'bucket')).toHaveLength(1);
    await expect(handle.store.completeMultipartUpload({ ...input, key: 'other' })).rejects.toMatchObject({ code: 'NoSuchUpload' });
    const next = await handle.store.createMultipartUpload({ bucket: 'bucket', key: 'big', metadata: {} });
    const nextPart = await handle.store.uploadPart({ bucket: 'bucket', key: 'big', uploadId: next.uploadId, partNumber: 1, body: streamOf('next part') });
    await handle.store.completeMultipartUpload({ bucket: 'bucket', key: 'big', uploadId: next.uploadId, parts: [{ partNumber: 1, etag: nextPart.etag }] });
    // The key remembers its latest completion only.
    await expect(handle.store.completeMultipartUpload(input)).rejects.toMatchObject({ code: 'NoSuchUpload' });
  });
});

describe('versions across a restart (fs backend)', () => {
  const handle = useStore('fs');
  beforeEach(async () => {
    await handle.store.createBucket('bucket');
    await handle.store.putBucketConfig('bucket', 'versioning', 'Enabled');
  });

  it('keeps versions, delete markers and lock settings across a restart, and reset empties them', async () => {
    const put = await putText(handle.store, 'bucket', 'k', 'one', { metadata: { lock: { legalHold: 'ON' } } });
    const marker = await handle.store.deleteObject('bucket', 'k');
    const store = await handle.reopen();
    expect(await versionsOf(handle.store, 'bucket')).toEqual([
      ['marker', 'k', marker.versionId, true],
      ['version', 'k', put.versionId, false],
    ]);
    expect((await store.headObject('bucket', 'k', { versionId: put.versionId })).object.lock).toEqual({ legalHold: 'ON' });
    await store.reset();
    await store.createBucket('bucket');
    expect(await versionsOf(handle.store, 'bucket')).toEqual([]);
  });

});

describe.each(BACKENDS)('Object Lock (%s backend)', (storage) => {
  const handle = useStore(storage);
  const future = new Date(Date.now() + 3_600_000).toISOString();
  beforeEach(() => handle.store.createBucket('locked', { objectLockEnabled: true }));

  it('enables versioning for good', async () => {
    expect(await handle.store.getBucketConfig('locked', 'versioning')).toBe('Enabled');
    await expect(handle.store.putBucketConfig('locked', 'versioning', 'Suspended')).rejects.toMatchObject({ code: 'InvalidBucketState', status: 409 });
  });

  it('keeps a retained version from deletion, except GOVERNANCE with bypass; a delete marker is still written', async () => {
    const governed = await putText(handle.store, 'locked', 'g', 'x', { metadata: { lock: { mode: 'GOVERNANCE', retainUntil: future } } });
    const compliant = await putText(handle.store, 'locked', 'c', 'x', { metadata: { lock: { mode: 'COMPLIANCE', retainUntil: future } } });
    const held = await putText(handle.store, 'locked', 'h', 'x', { metadata: { lock: { legalHold: 'ON' } } });
    await expect(handle.store.deleteObject('locked', 'g', { versionId: governed.versionId })).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(handle.store.deleteObject('locked', 'c', { versionId: compliant.versionId, bypassGovernance: true })).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(handle.store.deleteObject('locked', 'h', { versionId: held.versionId, bypassGovernance: true })).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(await handle.store.deleteObject('locked', 'c')).toMatchObject({ deleteMarker: true });
    expect(await handle.store.deleteObject('locked', 'g', { versionId: governed.versionId, bypassGovernance: true })).toEqual({ versionId: governed.versionId, deleteMarker: false });
  });

  it('gives new versions the default retention, counted from their creation', async () => {
    await handle.store.putBucketConfig('locked', 'objectLock', { enabled: true, rule: { mode: 'GOVERNANCE', days: 2 } });
    const put = await putText(handle.store, 'locked', 'k', 'x');
    expect(put.lock?.mode).toBe('GOVERNANCE');
    expect(Date.parse(put.lock!.retainUntil!) - put.lastModified.getTime()).toBe(2 * 24 * 3600 * 1000);
    const own = await putText(handle.store, 'locked', 'k', 'y', { metadata: { lock: { mode: 'COMPLIANCE', retainUntil: future } } });
    expect(own.lock).toEqual({ mode: 'COMPLIANCE', retainUntil: future });
  });
});
