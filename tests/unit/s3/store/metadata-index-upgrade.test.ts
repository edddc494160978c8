import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { openObjectStore, type ObjectStore } from '../../../../src/s3/store';
import { dataDirFromDump, schemaOf } from '../../../support/sqlite-dump';

const UPLOAD_ID = '0194693f5c0000112233445566778899aabbccddeeff';

describe('an index.sqlite written before schema versions were counted (fixtures/index-v0.sql)', () => {
  let dataDir: string;
  let freshDir: string;
  beforeEach(() => {
    dataDir = dataDirFromDump(path.join(__dirname, 'fixtures/index-v0.sql'), 'index.sqlite');
    mkdirSync(path.join(dataDir, 'bodies/bo'), { recursive: true });
    writeFileSync(path.join(dataDir, 'bodies/bo/body-cat'), 'meow!');
    freshDir = mkdtempSync(path.join(os.tmpdir(), 's3-fresh-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(freshDir, { recursive: true, force: true });
  });

  it('is adopted as schema version 1 and upgraded to the schema a new file gets (2: versions, 3: completed uploads by key, 4: notification outbox, 5: small bodies, 6: waiting notifications)', async () => {
    await (await openObjectStore({ storage: 'fs', dataDir })).close();
    await (await openObjectStore({ storage: 'fs', dataDir: freshDir })).close();
    const upgraded = schemaOf(path.join(dataDir, 'index.sqlite'));
    expect(upgraded.version).toBe(6);
    expect(upgraded).toEqual(schemaOf(path.join(freshDir, 'index.sqlite')));
  });

  describe('once opened', () => {
    let store: ObjectStore;
    beforeEach(async () => { store = await openObjectStore({ storage: 'fs', dataDir }); });
    afterEach(() => store.close());

    it('keeps its buckets and their configuration', async () => {
      expect(await store.listBuckets()).toEqual([
        { name: 'empty', region: 'us-east-1', createdAt: new Date('2025-01-15T09:01:00Z') },
        { name: 'photos', region: 'eu-west-1', createdAt: new Date('2025-01-15T09:00:00Z') },
      ]);
      expect(await store.getBucketConfig('photos', 'cors')).toEqual([{ allowedOrigins: ['http://localhost:3000'], allowedMethods: ['GET', 'PUT'] }]);
      expect(await store.getBucketConfig('photos', 'tagging')).toEqual([{ key: 'team', value: 'media' }]);
    });

    it('keeps its objects, their metadata and their bodies', async () => {
      const listed = await store.listObjects({ bucket: 'photos' });
      expect(listed.objects.map((object) => [object.key, object.size])).toEqual([['cats/tabby.jpg', 5], ['notes/café ü.txt', 0]]);
      const read = await store.getObject('photos', 'cats/tabby.jpg');
      expect(read.object).toMatchObject({
        etag: 'f427e90cc3b78024ebbd99a731ca1b4f', contentType: 'image/jpeg', userMetadata: { owner: 'alice' },
        checksums: { crc32: 'xOQwog==' }, lastModified: new Date('2025-01-15T09:02:03Z'),
      });
      expect(await text(read.body)).toBe('meow!');
    });

    it('makes its objects null versions once versioning is enabled, bodies intact', async () => {
      await store.putBucketConfig('photos', 'versioning', 'Enabled');
      const versions = await store.listObjectVersions({ bucket: 'photos', prefix: 'cats/', maxKeys: 10 });
      expect(versions.entries).toMatchObject([{ kind: 'version', isLatest: true, object: { key: 'cats/tabby.jpg', versionId: 'null', size: 5 } }]);
      expect(await text((await store.getObject('photos', 'cats/tabby.jpg', { versionId: 'null' })).body)).toBe('meow!');
    });

    it('keeps its multipart upload in progress and its part', async () => {
      expect((await store.listMultipartUploads({ bucket: 'photos' })).uploads).toMatchObject([
        { uploadId: UPLOAD_ID, key: 'videos/big.mp4', contentType: 'video/mp4', initiated: new Date('2025-01-15T09:05:00Z') },
      ]);
      expect((await store.listParts({ bucket: 'photos', key: 'videos/big.mp4', uploadId: UPLOAD_ID })).parts).toMatchObject([
        { partNumber: 1, size: 5242880, etag: '7ac66c0f148de9519b8bd264312c4d64' },
      ]);
    });
  });
});

/**
 * The store opened on the database the dump `fixture` restores (with the files `addFiles` writes
 * beside it), and `schemaIsNew`: whether its schema is now the one a new file gets.
 */
function useUpgradedStore(fixture: string, addFiles: (dataDir: string) => void = () => undefined) {
  const upgraded = {
    dataDir: '',
    store: undefined as unknown as ObjectStore,
    schemaIsNew: async () => {
      const freshDir = mkdtempSync(path.join(os.tmpdir(), 's3-fresh-'));
      try {
        await (await openObjectStore({ storage: 'fs', dataDir: freshDir })).close();
        expect(schemaOf(path.join(upgraded.dataDir, 'index.sqlite'))).toEqual(schemaOf(path.join(freshDir, 'index.sqlite')));
      } finally {
        rmSync(freshDir, { recursive: true, force: true });
      }
    },
  };
  beforeEach(async () => {
    upgraded.dataDir = dataDirFromDump(path.join(__dirname, 'fixtures', fixture), 'index.sqlite');
    addFiles(upgraded.dataDir);
    upgraded.store = await openObjectStore({ storage: 'fs', dataDir: upgraded.dataDir });
  });
  afterEach(async () => {
    await upgraded.store.close();
    rmSync(upgraded.dataDir, { recursive: true, force: true });
  });
  return upgraded;
}

describe('an index.sqlite written at schema version 3, before event notifications (fixtures/index-v3.sql)', () => {
  const upgraded = useUpgradedStore('index-v3.sql', (dataDir) => {
    mkdirSync(path.join(dataDir, 'bodies/bo'), { recursive: true });
    writeFileSync(path.join(dataDir, 'bodies/bo/body-cat'), 'meow!');
  });

  it('gets the outbox table of a new file, its versions kept', async () => {
    await upgraded.schemaIsNew();
    const read = await upgraded.store.getObject('photos', 'cats/tabby.jpg', { versionId: '3HL4kqtJlcpXroDTDmJ-rmSpXd3dIbrH' });
    expect(await text(read.body)).toBe('meow!');
  });

  it('queues the events of a bucket configured after the upgrade', async () => {
    const { store } = upgraded;
    const rule = { id: 'cats', kind: 'queue', arn: 'arn:minio:sqs::standin:webhook', events: ['s3:ObjectRemoved:*'] } as const;
    await store.putNotificationConfiguration('photos', { rules: [{ ...rule, events: [...rule.events] }], eventBridge: false }, { requestId: 'R', hostId: 'H' });
    const marker = await store.deleteObject('photos', 'cats/tabby.jpg');
    expect(store.outbox.list({ limit: 10, offset: 0 }).map((message) => [message.eventName, message.key, message.status])).toEqual([
      ['ObjectRemoved:DeleteMarkerCreated', 'cats/tabby.jpg', 'pending'],
      ['s3:TestEvent', '', 'pending'],
    ]);
    expect(marker.deleteMarker).toBe(true);
  });
});

describe('an index.sqlite written at schema version 5, with a backlog of notifications (fixtures/index-v5.sql)', () => {
  const upgraded = useUpgradedStore('index-v5.sql');

  it('gets the schema of a new file, every notification kept', async () => {
    await upgraded.schemaIsNew();
    expect(upgraded.store.outbox.counts()).toEqual({ pending: 4, delivered: 1, failed: 0 });
  });

  it('leaves a next attempt only on the first pending notification of each key, which go first', async () => {
    const { outbox } = upgraded.store;
    const nextAttempts = outbox.list({ limit: 10, offset: 0 }).map((message) => [message.messageId, message.nextAttemptAt?.getTime()]);
    expect(Object.fromEntries(nextAttempts)).toEqual({
      msg_delivered: undefined,
      msg_retrying: 1736931700000,
      msg_behind_1: undefined,
      msg_behind_2: undefined,
      msg_other_key: 1736931601700,
    });
    expect(outbox.due(Date.now(), 10, new Set()).map((message) => message.messageId)).toEqual(['msg_other_key', 'msg_retrying']);
  });
});
