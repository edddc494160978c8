/**
 * The SQLite index of buckets and objects (better-sqlite3, WAL). Keys are TEXT in UTF-8 with the
 * BINARY collation, so `ORDER BY key` is S3's UTF-8 byte order and (bucket, key) is the ordered
 * index every listing scans. All methods are synchronous, each one atomic within the process,
 * but commitObjectInGroup, which queues a commitObject to share a transaction with others.
 */
import type Database from 'better-sqlite3';
import { GroupCommit, outcomeOf } from '../../kit/group-commit';
import { openSqlite, type StorageLocation } from '../../kit/sqlite';
import type { Migration } from '../../kit/sqlite-migrations';
import { S3Error } from '../errors';
import { OWNER } from '../documents/owner';
import { ChangeFeed, ChangeJournal, NotificationOutbox, OUTBOX_SCHEMA, OUTBOX_WAITING_ROWS_MIGRATION, type ChangeCause, type NotificationConfiguration, type NotifyingBucket } from '../events';
import { assertDeleteConditions } from './delete-preconditions';
import { BucketAlreadyOwnedByYou, BucketNotEmpty, ConditionalRequestConflict, InvalidVersionId, NoSuchBucket, NoSuchKey, NoSuchVersion, PreconditionFailed } from './errors';
import { assertDeletable, withDefaultRetention } from './object-lock-rules';
import { keyAfter, laterKey, listWithRollUp } from './ordered-listing';
import { RecentObjects, type StoredRow } from './recent-objects';
import { nowToTheSecond } from './second-clock';
import type {
  BucketConfig,
  BucketInfo,
  BucketStats,
  ChecksumAlgorithm,
  DeleteMarkerInfo,
  DeleteOptions,
  DeleteOutcome,
  ListPage,
  ListQuery,
  ObjectInfo,
  ObjectSummary,
  VersionEntry,
  VersioningStatus,
  VersionListQuery,
  VersionPage,
  WriteConditions,
} from './object-store';
import { isIssuedVersionId, newVersionId, NULL_VERSION_ID, VersionIndex, type VersionRow } from './version-index';

/** Schema versions; version 1 also adopts unversioned files (docs/ARCHITECTURE.md, "Persistence"). */
const MIGRATIONS: readonly Migration[] = [
  `
  CREATE TABLE IF NOT EXISTS buckets (
    name TEXT PRIMARY KEY, region TEXT NOT NULL, created_at INTEGER NOT NULL, config TEXT NOT NULL DEFAULT '{}');
  CREATE TABLE IF NOT EXISTS objects (
    bucket TEXT NOT NULL, key TEXT NOT NULL, body_id TEXT NOT NULL, size INTEGER NOT NULL, etag TEXT NOT NULL,
    last_modified INTEGER NOT NULL, meta TEXT NOT NULL, PRIMARY KEY (bucket, key)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS uploads (
    upload_id TEXT PRIMARY KEY, bucket TEXT NOT NULL, key TEXT NOT NULL, initiated INTEGER NOT NULL,
    meta TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS uploads_by_key ON uploads (bucket, key, upload_id);
  CREATE TABLE IF NOT EXISTS parts (
    upload_id TEXT NOT NULL, part_number INTEGER NOT NULL, body_id TEXT NOT NULL, size INTEGER NOT NULL,
    etag TEXT NOT NULL, last_modified INTEGER NOT NULL, checksums TEXT NOT NULL,
    PRIMARY KEY (upload_id, part_number)) WITHOUT ROWID;
  `,
  // Versions and delete markers (version-index.ts); completed uploads answer a retried Complete.
  `
  CREATE TABLE versions (
    bucket TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL, version_id TEXT NOT NULL,
    delete_marker INTEGER NOT NULL, body_id TEXT, size INTEGER NOT NULL, etag TEXT NOT NULL,
    last_modified INTEGER NOT NULL, meta TEXT NOT NULL, PRIMARY KEY (bucket, key, seq DESC)) WITHOUT ROWID;
  CREATE UNIQUE INDEX versions_by_id ON versions (bucket, key, version_id);
  CREATE TABLE completed_uploads (
    upload_id TEXT PRIMARY KEY, bucket TEXT NOT NULL, key TEXT NOT NULL, object TEXT NOT NULL);
  `,
  // A key keeps only its latest completed upload (upload-index.ts, recordCompleted).
  'CREATE INDEX completed_uploads_by_key ON completed_uploads (bucket, key);',
  // The outbox of S3 event notifications (src/s3/events/notification-outbox.ts).
  OUTBOX_SCHEMA,
  // Bodies up to 64 KiB, committed with the rows that refer to them (small-body-table.ts).
  'CREATE TABLE small_bodies (id TEXT PRIMARY KEY, data BLOB NOT NULL);',
  // Notifications behind an earlier one of their key wait without a next attempt (notification-outbox.ts).
  OUTBOX_WAITING_ROWS_MIGRATION,
];

/** A row of `objects`, as SQLite returns it. */
export interface ObjectRow {
  key: string;
  body_id: string;
  size: number;
  etag: string;
  last_modified: number;
  meta: string;
}

/** An objects row as a listing reads it (listObjects). */
interface SummaryRow {
  key: string;
  size: number;
  etag: string;
  last_modified: number;
  storage_class: ObjectInfo['storageClass'] | null;
  checksum_type: ObjectInfo['checksumType'] | null;
  /** The checksum algorithms stored, comma-separated. */
  checksum_algorithms: string | null;
  /** Canonical id of the owner its ACL names, if it has one. */
  owner: string | null;
}

interface BucketRow {
  name: string;
  region: string;
  created_at: number;
  config: string;
}

/** Writes that ride along in the index's transactions (small-body-table.ts). */
export interface TransactionJoiner {
  /** Writes what is staged, inside an outermost transaction, ahead of its own work. */
  join(): void;
  /** Once that transaction has committed, or rolled back (then what it wrote is staged again). */
  settled(committed: boolean): void;
}

/** An object's index row: its metadata and the body it points to. */
export interface ObjectRecord {
  info: ObjectInfo;
  bodyId: string;
}

/** What a version id names: an object version, a delete marker, or nothing. */
export type VersionLookup = { kind: 'object'; record: ObjectRecord } | { kind: 'deleteMarker'; marker: DeleteMarkerInfo } | undefined;

/** A committed write: the object as stored (its version id, its retention) and the bodies it made obsolete. */
export interface Committed {
  info: ObjectInfo;
  obsolete: (string | undefined)[];
}

export function openDatabase(location: StorageLocation): Database.Database {
  return openSqlite(location, 'index.sqlite', MIGRATIONS);
}

/** Prepares each SQL text once per connection (preparing is most of a point query's cost). */
export function cachedStatements(db: Database.Database): (sql: string) => Database.Statement {
  const statements = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
}

/** Object rows kept by RecentObjects: a few MB, and the working set of a test suite or a bench. */
const RECENT_OBJECTS_KEPT = 4096;

/** Freezes a parsed bucket configuration or object record, so no reader can change the copy others share. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export class MetadataIndex {
  private readonly statement: (sql: string) => Database.Statement;
  private readonly runTransaction: Database.Transaction<(work: () => unknown, join: boolean) => unknown>;
  private readonly joiners: TransactionJoiner[] = [];
  /**
   * Bucket configurations as committed, parsed once: every object write reads its bucket's, and
   * they change rarely. A transaction that changes bucket rows empties it and keeps it out of use
   * until that transaction settles, committed or rolled back.
   */
  private readonly configs = new Map<string, Readonly<Partial<BucketConfig>>>();
  private bucketsChanging = false;
  /** Current objects' rows as committed, for reads of a key read or written lately (recent-objects.ts). */
  private readonly recentObjects = new RecentObjects(RECENT_OBJECTS_KEPT, recordOf);
  /** Object commits queued in one turn of the event loop, for commitObjectInGroup. */
  private readonly objectCommits = new GroupCommit<() => void>((group) => this.transaction(() => group.map(outcomeOf)));
  private readonly versions: VersionIndex;
  readonly outbox: NotificationOutbox;
  readonly journal: ChangeJournal;

  constructor(readonly db: Database.Database) {
    // One wrapper for every transaction: better-sqlite3 builds five functions for each it makes,
    // which cost a PUT more than its savepoint. Called inside another, it runs as a savepoint.
    this.runTransaction = db.transaction((work: () => unknown, join: boolean) => {
      if (join) for (const joiner of this.joiners) joiner.join();
      return work();
    });
    this.statement = cachedStatements(db);
    this.versions = new VersionIndex(this.statement);
    this.outbox = new NotificationOutbox(db, this.statement);
    this.journal = new ChangeJournal(new ChangeFeed(), this.outbox);
  }

  /**
   * Runs `work` in one SQLite transaction (all or nothing). The changes it recorded reach the
   * journal's listeners once the outermost transaction has committed; the joiners' staged writes
   * go into the outermost transaction ahead of `work`.
   */
  transaction<T>(work: () => T): T {
    if (this.db.inTransaction) {
      try {
        return this.runTransaction(work, false) as T;
      } catch (error) {
        this.recentObjects.rolledBack();
        throw error;
      }
    }
    let committed = false;
    try {
      const result = this.runTransaction(work, true) as T;
      committed = true;
      return result;
    } finally {
      this.recentObjects.settled(committed);
      for (const joiner of this.joiners) joiner.settled(committed);
      this.journal.settled(committed);
      if (this.bucketsChanging) this.forgetConfigs(false);
    }
  }

  /** Has `joiner` write what it staged inside every outermost transaction from now on. */
  joinTransactions(joiner: TransactionJoiner): void {
    this.joiners.push(joiner);
  }

  /** Empties the configuration cache; `changing`: bucket rows are changing, so keep it unused. */
  private forgetConfigs(changing: boolean): void {
    this.configs.clear();
    this.bucketsChanging = changing;
  }

  // Buckets.

  createBucket(name: string, region: string, createdAt: Date): BucketInfo {
    this.forgetConfigs(true);
    const inserted = this.statement('INSERT OR IGNORE INTO buckets (name, region, created_at) VALUES (?, ?, ?)')
      .run(name, region, createdAt.getTime());
    if (inserted.changes === 0) throw new BucketAlreadyOwnedByYou(name);
    return { name, region, createdAt };
  }

  bucket(name: string): BucketInfo {
    const row = this.statement('SELECT * FROM buckets WHERE name = ?').get(name) as BucketRow | undefined;
    if (!row) throw new NoSuchBucket(name);
    return toBucketInfo(row);
  }

  /**
   * BucketNotEmpty while it holds objects, versions or delete markers. Uploads in progress do not
   * keep it (S3 deletes the bucket and them): returns the body ids of their parts.
   */
  deleteBucket(name: string): string[] {
    return this.transaction(() => {
      this.bucket(name);
      this.forgetConfigs(true);
      if (this.statement('SELECT 1 FROM objects WHERE bucket = ? LIMIT 1').get(name) || this.versions.hasAny(name)) throw new BucketNotEmpty(name, this.versioning(name) !== undefined);
      const partBodies = this.statement('DELETE FROM parts WHERE upload_id IN (SELECT upload_id FROM uploads WHERE bucket = ?) RETURNING body_id')
        .pluck()
        .all(name) as string[];
      this.statement('DELETE FROM uploads WHERE bucket = ?').run(name);
      this.statement('DELETE FROM completed_uploads WHERE bucket = ?').run(name);
      this.statement('DELETE FROM buckets WHERE name = ?').run(name);
      this.versions.forgetRemoved(name);
      return partBodies;
    });
  }

  listBuckets(): BucketInfo[] {
    return (this.statement('SELECT * FROM buckets ORDER BY name').all() as BucketRow[]).map(toBucketInfo);
  }

  /** The bucket's configuration, shared and frozen: change it with updateBucketConfig. */
  bucketConfig(name: string): Readonly<Partial<BucketConfig>> {
    const cached = this.bucketsChanging ? undefined : this.configs.get(name);
    if (cached) return cached;
    const config = deepFreeze(this.storedConfig(name));
    if (!this.bucketsChanging) this.configs.set(name, config);
    return config;
  }

  private storedConfig(name: string): Partial<BucketConfig> {
    const row = this.statement('SELECT config FROM buckets WHERE name = ?').get(name) as { config: string } | undefined;
    if (!row) throw new NoSuchBucket(name);
    return JSON.parse(row.config) as Partial<BucketConfig>;
  }

  /**
   * Sets (or, when empty, removes) the bucket's notification configuration and queues S3's
   * s3:TestEvent for each destination it names, in one transaction.
   */
  putNotificationConfiguration(name: string, configuration: NotificationConfiguration, test: { requestId: string; hostId: string }): void {
    this.transaction(() => {
      this.updateBucketConfig(name, (config) => {
        if (configuration.rules.length > 0 || configuration.eventBridge) config.notification = configuration;
        else delete config.notification;
      });
      this.journal.recordTestEvents(name, configuration, test);
    });
  }

  updateBucketConfig(name: string, change: (config: Partial<BucketConfig>) => void): void {
    this.transaction(() => {
      this.forgetConfigs(true);
      const config = this.storedConfig(name);
      change(config);
      this.statement('UPDATE buckets SET config = ? WHERE name = ?').run(JSON.stringify(config), name);
    });
  }

  bucketStats(): BucketStats[] {
    const rows = this.statement(
        `SELECT b.name, b.region, b.created_at, COUNT(o.key) AS object_count, COALESCE(SUM(o.size), 0) AS total_bytes
         FROM buckets b LEFT JOIN objects o ON o.bucket = b.name GROUP BY b.name ORDER BY b.name`,
      )
      .all() as (BucketRow & { object_count: number; total_bytes: number })[];
    return rows.map((row) => ({ ...toBucketInfo(row), objectCount: row.object_count, totalBytes: row.total_bytes }));
  }

  // Objects.

  /** undefined when the key is absent; NoSuchBucket when the bucket is. */
  object(bucket: string, key: string): ObjectRecord | undefined {
    const recent = this.recentObjects.get(bucket, key);
    if (recent) return recent;
    const row = this.statement('SELECT * FROM objects WHERE bucket = ? AND key = ?').get(bucket, key) as ObjectRow | undefined;
    if (!row) {
      this.bucket(bucket);
      return undefined;
    }
    const stored = { ...row, bucket };
    const record = recordOf(stored);
    // Inside a transaction the row may be one that has not committed, and may never.
    if (!this.db.inTransaction) this.recentObjects.remember(stored, record);
    return record;
  }

  /** Throws what S3 answers when `conditions` do not hold for the current object. */
  checkWriteConditions(bucket: string, key: string, conditions: WriteConditions): void {
    // An unconditional write has nothing to read here (writers check their bucket anyway).
    if (conditions.ifNoneMatch === undefined && conditions.ifMatch === undefined) return;
    const current = this.object(bucket, key);
    if (conditions.ifNoneMatch === '*' && current) throw new PreconditionFailed('If-None-Match');
    if (conditions.ifMatch !== undefined) {
      if (!current) throw new NoSuchKey(key);
      const wanted = conditions.ifMatch.replace(/"/g, '');
      if (wanted !== '*' && wanted !== current.info.etag) throw new PreconditionFailed('If-Match');
    }
  }

  /**
   * Makes `record` the object at its key if `conditions` still hold. Writers check the conditions
   * before they stream the body (checkWriteConditions), so conditions that fail only now were
   * broken by a concurrent write or delete: ConditionalRequestConflict. In a versioned bucket the
   * object is a new version (Enabled) or replaces the null version (Suspended); the bucket's
   * default retention applies to it.
   */
  commitObject(record: ObjectRecord, conditions: WriteConditions = {}, cause?: ChangeCause): Committed {
    return this.transaction(() => {
      const config = this.bucketConfig(record.info.bucket);
      const committed = this.writeObject(record, conditions, config);
      const { bucket, key, size, etag, versionId } = committed.info;
      this.journal.record({ eventName: cause?.eventName ?? 'ObjectCreated:Put', bucket, key, size, etag, versionId, origin: cause?.origin }, this.notifying(bucket, config));
      return committed;
    });
  }

  /**
   * commitObject for a writer that can wait a moment for its answer: the commits queued in one
   * turn of the event loop share one transaction (src/kit/group-commit.ts), each in a savepoint of
   * its own, so one that fails (a condition broken meanwhile) fails alone. Resolves once committed.
   */
  async commitObjectInGroup(record: ObjectRecord, conditions: WriteConditions = {}, cause?: ChangeCause): Promise<Committed> {
    let committed: Committed | undefined;
    await this.objectCommits.write(() => {
      committed = this.commitObject(record, conditions, cause);
    });
    return committed!;
  }

  /** The bucket as the change journal sees it. */
  private notifying(bucket: string, config: Partial<BucketConfig>): NotifyingBucket {
    return { notification: config.notification, ownerId: config.access?.owner ?? OWNER.ID, region: () => this.bucket(bucket).region };
  }

  private writeObject(record: ObjectRecord, conditions: WriteConditions, config: Partial<BucketConfig>): Committed {
    const { bucket, key } = record.info;
    try {
      this.checkWriteConditions(bucket, key, conditions);
    } catch (error) {
      if (error instanceof PreconditionFailed || error instanceof NoSuchKey) {
        throw new ConditionalRequestConflict(conditions.ifMatch !== undefined ? 'If-Match' : 'If-None-Match');
      }
      throw error;
    }
    const info = withDefaultRetention(record.info, config.objectLock);
    if (!config.versioning) {
      // INSERT OR REPLACE replaces the row: the body it pointed to is all that must be found out.
      const previous = this.recentObjects.bodyIdOf(bucket, key) ?? this.removeObject(bucket, key);
      this.writeCurrent({ info, bodyId: record.bodyId });
      return { info, obsolete: [previous] };
    }
    const versionId = config.versioning === 'Enabled' ? newVersionId() : NULL_VERSION_ID;
    const obsolete = config.versioning === 'Suspended' ? [this.dropVersion(bucket, key, NULL_VERSION_ID)] : [];
    const versioned: ObjectInfo = { ...info, versionId };
    this.versions.insert(bucket, versionRow(versioned, record.bodyId));
    this.syncCurrent(bucket, key);
    return { info: versioned, obsolete };
  }

  /** Returns the removed object's body id, if there was one (never-versioned buckets). */
  private removeObject(bucket: string, key: string): string | undefined {
    this.recentObjects.forget(bucket, key);
    const row = this.statement('DELETE FROM objects WHERE bucket = ? AND key = ? RETURNING body_id').get(bucket, key) as
      | { body_id: string }
      | undefined;
    return row?.body_id;
  }

  private writeCurrent(record: ObjectRecord): void {
    const { bucket, key, size, etag, lastModified } = record.info;
    const row = { bucket, key, body_id: record.bodyId, size, etag, last_modified: lastModified.getTime(), meta: metaOf(record.info) };
    this.recentObjects.forget(bucket, key);
    this.statement('INSERT OR REPLACE INTO objects (bucket, key, body_id, size, etag, last_modified, meta) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(bucket, key, row.body_id, row.size, row.etag, row.last_modified, row.meta);
    // The row, not the record given: a read of it makes the same record a read from SQLite would.
    this.recentObjects.wrote(row);
  }

  /** `objects` mirrors the key's latest version, or holds nothing when that is a delete marker. */
  private syncCurrent(bucket: string, key: string): void {
    const latest = this.versions.latest(bucket, key);
    if (latest && !latest.delete_marker) this.writeCurrent(versionRecord(bucket, latest));
    else {
      this.recentObjects.forget(bucket, key);
      this.statement('DELETE FROM objects WHERE bucket = ? AND key = ?').run(bucket, key);
    }
  }

  /** Removes one version row; returns its body id (none for a delete marker or a missing version). */
  private dropVersion(bucket: string, key: string, versionId: string): string | undefined {
    const row = this.versions.byId(bucket, key, versionId);
    if (!row) return undefined;
    this.versions.remove(bucket, key, versionId);
    return row.body_id ?? undefined;
  }

  /** The bucket's versioning state; undefined while it was never set. NoSuchBucket. */
  versioning(bucket: string): VersioningStatus | undefined {
    return this.bucketConfig(bucket).versioning;
  }

  /**
   * Sets the versioning state. The first time, the bucket's objects become its null versions.
   * An Object Lock bucket cannot be suspended (InvalidBucketState).
   */
  setVersioning(bucket: string, status: VersioningStatus): void {
    this.transaction(() => {
      const config = this.bucketConfig(bucket);
      if (config.objectLock && status !== 'Enabled') {
        throw new S3Error('InvalidBucketState', 'An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.');
      }
      if (!config.versioning) {
        this.statement(
            `INSERT INTO versions (bucket, key, seq, version_id, delete_marker, body_id, size, etag, last_modified, meta)
             SELECT bucket, key, 1, 'null', 0, body_id, size, etag, last_modified, json_set(meta, '$.versionId', 'null') FROM objects WHERE bucket = ?`,
          )
          .run(bucket);
        this.recentObjects.forgetAll();
        this.statement("UPDATE objects SET meta = json_set(meta, '$.versionId', 'null') WHERE bucket = ?").run(bucket);
      }
      this.updateBucketConfig(bucket, (stored) => {
        stored.versioning = status;
      });
    });
  }

  /**
   * What `versionId` names at `key`: nothing for an id the store issued and no longer has,
   * InvalidVersionId for one it could not have issued. A never-versioned bucket issued `null` alone.
   */
  objectVersion(bucket: string, key: string, versionId: string): VersionLookup {
    if (!this.versioning(bucket)) {
      if (versionId !== NULL_VERSION_ID) throw new InvalidVersionId(versionId);
      const record = this.object(bucket, key);
      return record && { kind: 'object', record };
    }
    const row = this.versions.byId(bucket, key, versionId);
    if (!row && !isIssuedVersionId(versionId)) throw new InvalidVersionId(versionId);
    if (!row) return undefined;
    return row.delete_marker ? { kind: 'deleteMarker', marker: deleteMarkerInfo(bucket, row) } : { kind: 'object', record: versionRecord(bucket, row) };
  }

  /** The delete marker that hides `key`, if its latest version is one. */
  latestDeleteMarker(bucket: string, key: string): DeleteMarkerInfo | undefined {
    const latest = this.versions.latest(bucket, key);
    return latest?.delete_marker ? deleteMarkerInfo(bucket, latest) : undefined;
  }

  /**
   * S3 DeleteObject. Without a version id: the object goes (never-versioned bucket) or a delete
   * marker becomes the latest version (a null one while suspended, replacing the null version).
   * With one: that version goes for good, unless Object Lock keeps it; a missing version is not
   * an error. Returns the outcome and the bodies that became obsolete.
   */
  deleteObject(bucket: string, key: string, options: DeleteOptions): DeleteOutcome & { obsolete: (string | undefined)[] } {
    return this.transaction(() => {
      const config = this.bucketConfig(bucket);
      if (options.conditions) assertDeleteConditions(options.conditions, bucket, key, this.deletedObject(bucket, key, options.versionId));
      const outcome = this.removeVersionOrKey(bucket, key, options, config.versioning);
      if (outcome.removed) {
        const eventName = outcome.deleteMarker && options.versionId === undefined ? 'ObjectRemoved:DeleteMarkerCreated' : 'ObjectRemoved:Delete';
        this.journal.record({ eventName, bucket, key, versionId: outcome.versionId, origin: options.origin }, this.notifying(bucket, config));
      }
      return { versionId: outcome.versionId, deleteMarker: outcome.deleteMarker, obsolete: outcome.obsolete };
    });
  }

  /** The object a delete would remove: the current one, or the version named (none for a delete marker). */
  private deletedObject(bucket: string, key: string, versionId: string | undefined): ObjectInfo | undefined {
    if (versionId === undefined) return this.object(bucket, key)?.info;
    const found = this.objectVersion(bucket, key, versionId);
    return found?.kind === 'object' ? found.record.info : undefined;
  }

  /** deleteObject's work; `removed` says whether anything was there (or a delete marker was written). */
  private removeVersionOrKey(
    bucket: string,
    key: string,
    options: DeleteOptions,
    status: VersioningStatus | undefined,
  ): DeleteOutcome & { obsolete: (string | undefined)[]; removed: boolean } {
    const { versionId } = options;
    if (versionId === undefined) {
      if (!status) {
        const removedBody = this.removeObject(bucket, key);
        return { deleteMarker: false, obsolete: [removedBody], removed: removedBody !== undefined };
      }
      const markerId = status === 'Enabled' ? newVersionId() : NULL_VERSION_ID;
      const obsolete = status === 'Suspended' ? [this.dropVersion(bucket, key, NULL_VERSION_ID)] : [];
      this.versions.insert(bucket, { key, version_id: markerId, delete_marker: 1, body_id: null, size: 0, etag: '', last_modified: nowToTheSecond().getTime(), meta: JSON.stringify({ owner: options.requester }) });
      this.syncCurrent(bucket, key);
      return { versionId: markerId, deleteMarker: true, obsolete, removed: true };
    }
    const found = this.objectVersion(bucket, key, versionId);
    if (!found) return { versionId, deleteMarker: false, obsolete: [], removed: false };
    if (found.kind === 'object') assertDeletable(found.record.info.lock, options.bypassGovernance === true);
    if (!status) return { versionId, deleteMarker: false, obsolete: [this.removeObject(bucket, key)], removed: true };
    const obsolete = [this.dropVersion(bucket, key, versionId)];
    this.syncCurrent(bucket, key);
    return { versionId, deleteMarker: found.kind === 'deleteMarker', obsolete, removed: true };
  }

  /** Changes one version's metadata in place (tags, retention, legal hold): no new version, same ETag. */
  updateObjectMeta(bucket: string, key: string, versionId: string | undefined, change: (info: ObjectInfo) => ObjectInfo, cause?: ChangeCause): ObjectInfo {
    return this.transaction(() => {
      const record = this.currentOrVersion(bucket, key, versionId);
      const info = change(record.info);
      const config = this.bucketConfig(bucket);
      if (!config.versioning) {
        this.writeCurrent({ info, bodyId: record.bodyId });
      } else {
        this.versions.updateMeta(bucket, key, info.versionId ?? NULL_VERSION_ID, metaOf(info));
        this.syncCurrent(bucket, key);
      }
      for (const eventName of cause ? [cause.eventName, ...(cause.followedBy ?? [])] : []) {
        const restore = eventName.startsWith('ObjectRestore:') && info.restoreExpiry ? { restore: { expiryTime: info.restoreExpiry, storageClass: info.storageClass ?? 'STANDARD' } } : {};
        this.journal.record({ eventName, bucket, key, size: info.size, etag: info.etag, versionId: info.versionId, origin: cause?.origin, ...restore }, this.notifying(bucket, config));
      }
      return info;
    });
  }

  /**
   * The latest object at `key`, or the version named; NoSuchKey / NoSuchVersion / MethodNotAllowed (a
   * delete marker). A missing key is NoSuchKey, whose x-amz-delete-marker says whether a delete
   * marker hides it (S3, ceph/s3-tests).
   */
  currentOrVersion(bucket: string, key: string, versionId: string | undefined): ObjectRecord {
    if (versionId === undefined) {
      const record = this.object(bucket, key);
      if (record) return record;
      const error = new NoSuchKey(key);
      const marker = this.versioning(bucket) && this.latestDeleteMarker(bucket, key);
      error.headers = marker ? { 'x-amz-delete-marker': 'true', 'x-amz-version-id': marker.versionId } : { 'x-amz-delete-marker': 'false' };
      throw error;
    }
    const found = this.objectVersion(bucket, key, versionId);
    if (!found) throw new NoSuchVersion(key, versionId);
    if (found.kind === 'deleteMarker') throw deleteMarkerError(found.marker);
    return found.record;
  }

  /**
   * ListObjectVersions: every version and delete marker, keys in S3 order and each key's versions
   * newest first. A never-versioned bucket lists its objects as null versions.
   */
  listVersions(query: VersionListQuery): VersionPage {
    const { bucket, keyMarker, versionIdMarker } = query;
    const prefix = query.prefix ?? '';
    if (!this.versioning(bucket)) {
      const page = this.listObjects({ bucket, prefix, delimiter: query.delimiter, startAfter: keyMarker, maxKeys: query.maxKeys });
      return {
        entries: page.objects.map((object) => ({ kind: 'version', object: { ...object, versionId: NULL_VERSION_ID }, isLatest: true })),
        commonPrefixes: page.commonPrefixes,
        isTruncated: page.isTruncated,
        nextKeyMarker: page.nextStartAfter,
        nextVersionIdMarker: page.isTruncated && page.objects.length > 0 ? NULL_VERSION_ID : undefined,
      };
    }
    // With a version-id-marker the walk resumes inside keyMarker, after that version (removed since, too).
    const markerSeq = keyMarker !== undefined && versionIdMarker ? this.versions.placeOf(bucket, keyMarker, versionIdMarker) : undefined;
    const from = keyMarker === undefined ? prefix : laterKey(prefix, markerSeq !== undefined ? keyMarker : keyAfter(keyMarker));
    const versions = this.versions;
    // The key's versions after the marker are older than it: none is the latest unless every newer one is gone.
    const latestSeq = keyMarker !== undefined && markerSeq !== undefined ? (versions.latest(bucket, keyMarker)?.seq ?? 0) : 0;
    let previousKey = markerSeq !== undefined && latestSeq >= markerSeq ? keyMarker : undefined;
    function* rowsFrom(lower: string): Generator<VersionRow & { isLatest: boolean }> {
      for (const row of versions.scan(bucket, lower)) {
        if (markerSeq !== undefined && row.key === keyMarker && row.seq >= markerSeq) continue;
        const isLatest = row.key !== previousKey;
        previousKey = row.key;
        yield { ...row, isLatest };
      }
    }
    const page = listWithRollUp({ prefix, delimiter: query.delimiter, marker: keyMarker, from, maxEntries: query.maxKeys, rowsFrom, keyOf: (row) => row.key });
    return {
      entries: page.rows.map((row): VersionEntry =>
        row.delete_marker
          ? { kind: 'deleteMarker', marker: deleteMarkerInfo(bucket, row), isLatest: row.isLatest }
          : { kind: 'version', object: { ...toSummary(versionRecord(bucket, row).info), versionId: row.version_id }, isLatest: row.isLatest },
      ),
      commonPrefixes: page.commonPrefixes,
      isTruncated: page.isTruncated,
      nextKeyMarker: page.isTruncated ? page.last?.key : undefined,
      nextVersionIdMarker: page.isTruncated ? page.last?.row?.version_id : undefined,
    };
  }

  listObjects(query: ListQuery): ListPage {
    // Only what a listing shows: SQLite reads the metadata fields it needs out of the JSON.
    const scan = this.statement(
      `SELECT key, size, etag, last_modified, meta ->> '$.storageClass' AS storage_class, meta ->> '$.checksumType' AS checksum_type, meta ->> '$.acl.owner' AS owner,
         (SELECT group_concat(key) FROM json_each(meta, '$.checksums')) AS checksum_algorithms
       FROM objects WHERE bucket = ? AND key >= ? ORDER BY key`,
    );
    return this.listRows<SummaryRow, ObjectSummary>(query, (lower) => scan.iterate(query.bucket, lower) as Iterable<SummaryRow>, rowSummary);
  }

  /** ListObjects with each object's full metadata (the admin listing). */
  listObjectInfos(query: ListQuery): ListPage<ObjectInfo> {
    const scan = this.statement('SELECT * FROM objects WHERE bucket = ? AND key >= ? ORDER BY key');
    return this.listRows<ObjectRow, ObjectInfo>(query, (lower) => scan.iterate(query.bucket, lower) as Iterable<ObjectRow>, (row) => toObjectInfo(query.bucket, row));
  }

  /** One ListObjects page over `objects` rows from `rowsFrom`, each shown by `present`. */
  private listRows<R extends { key: string }, O>(query: ListQuery, rowsFrom: (lower: string) => Iterable<R>, present: (row: R) => O): ListPage<O> {
    this.bucket(query.bucket);
    const prefix = query.prefix ?? '';
    const from = query.startAfter === undefined ? prefix : laterKey(prefix, keyAfter(query.startAfter));
    const page = listWithRollUp<R>({
      prefix,
      delimiter: query.delimiter,
      marker: query.startAfter,
      from,
      maxEntries: query.maxKeys ?? 1000,
      rowsFrom,
      keyOf: (row) => row.key,
    });
    return {
      objects: page.rows.map(present),
      commonPrefixes: page.commonPrefixes,
      isTruncated: page.isTruncated,
      nextStartAfter: page.last?.key,
    };
  }

  /** Every body id the index refers to (objects, versions and parts), for the start-up sweep. */
  referencedBodyIds(): Set<string> {
    const rows = this.statement(
        'SELECT body_id FROM objects UNION ALL SELECT body_id FROM versions WHERE body_id IS NOT NULL UNION ALL SELECT body_id FROM parts',
      )
      .pluck()
      .all() as string[];
    return new Set(rows);
  }

  /** Empties the index; returns the ids of the bodies it referred to. */
  clear(): string[] {
    return this.transaction(() => {
      this.forgetConfigs(true);
      this.recentObjects.forgetAll();
      this.versions.forgetRemoved();
      const bodyIds = [...this.referencedBodyIds()];
      this.db.exec('DELETE FROM parts; DELETE FROM uploads; DELETE FROM completed_uploads; DELETE FROM versions; DELETE FROM objects; DELETE FROM buckets;');
      this.outbox.clear();
      return bodyIds;
    });
  }

  close(): void {
    this.db.close();
  }
}

function toBucketInfo(row: BucketRow): BucketInfo {
  return { name: row.name, region: row.region, createdAt: new Date(row.created_at) };
}

function toObjectInfo(bucket: string, row: Omit<ObjectRow, 'body_id'>): ObjectInfo {
  const meta = JSON.parse(row.meta) as Omit<ObjectInfo, 'bucket' | 'key' | 'size' | 'etag' | 'lastModified'>;
  return { ...meta, bucket, key: row.key, size: row.size, etag: row.etag, lastModified: new Date(row.last_modified) };
}

/** An objects row as the record every reader shares (RecentObjects): frozen. */
function recordOf(row: StoredRow): ObjectRecord {
  return deepFreeze({ info: toObjectInfo(row.bucket, row), bodyId: row.body_id });
}

/** The JSON `meta` column: everything but the values that have columns of their own. */
function metaOf(info: ObjectInfo): string {
  const { bucket: _bucket, key: _key, size: _size, etag: _etag, lastModified: _lastModified, ...meta } = info;
  return JSON.stringify(meta);
}

function versionRow(info: ObjectInfo, bodyId: string): Omit<VersionRow, 'seq'> {
  return { key: info.key, version_id: info.versionId!, delete_marker: 0, body_id: bodyId, size: info.size, etag: info.etag, last_modified: info.lastModified.getTime(), meta: metaOf(info) };
}

function versionRecord(bucket: string, row: VersionRow): ObjectRecord {
  return { info: { ...toObjectInfo(bucket, row), versionId: row.version_id }, bodyId: row.body_id! };
}

function deleteMarkerInfo(bucket: string, row: VersionRow): DeleteMarkerInfo {
  const { owner } = JSON.parse(row.meta) as { owner?: string };
  return { bucket, key: row.key, versionId: row.version_id, lastModified: new Date(row.last_modified), owner };
}

/** S3 answers a request for a delete marker's version 405, saying it is one. */
export function deleteMarkerError(marker: DeleteMarkerInfo): S3Error {
  const error = new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', { Method: 'GET', ResourceType: 'DeleteMarker' });
  error.headers = deleteMarkerHeaders(marker);
  return error;
}

function deleteMarkerHeaders(marker: DeleteMarkerInfo): Record<string, string> {
  return { 'x-amz-delete-marker': 'true', 'x-amz-version-id': marker.versionId, 'Last-Modified': marker.lastModified.toUTCString() };
}

function rowSummary(row: SummaryRow): ObjectSummary {
  return {
    key: row.key,
    size: row.size,
    etag: row.etag,
    lastModified: new Date(row.last_modified),
    storageClass: row.storage_class ?? undefined,
    checksumType: row.checksum_type ?? undefined,
    checksumAlgorithms: (row.checksum_algorithms?.split(',') ?? []) as ChecksumAlgorithm[],
    owner: row.owner ?? undefined,
  };
}

function toSummary(info: ObjectInfo): ObjectSummary {
  return {
    key: info.key,
    size: info.size,
    etag: info.etag,
    lastModified: info.lastModified,
    storageClass: info.storageClass,
    checksumType: info.checksumType,
    checksumAlgorithms: Object.keys(info.checksums) as ChecksumAlgorithm[],
    owner: info.acl?.owner,
  };
}
