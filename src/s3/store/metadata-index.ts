/**
 * The SQLite index of buckets and objects (better-sqlite3, WAL). Keys are TEXT in UTF-8 with the
 * BINARY collation, so `ORDER BY key` is S3's UTF-8 byte order and (bucket, key) is the ordered
 * index every listing scans. All methods are synchronous: each one is atomic within the process.
 */
import type Database from 'better-sqlite3';
import { openSqlite, type StorageLocation } from '../../kit/sqlite';
import type { Migration } from '../../kit/sqlite-migrations';
import { BucketAlreadyOwnedByYou, BucketNotEmpty, ConditionalRequestConflict, NoSuchBucket, NoSuchKey, PreconditionFailed } from './errors';
import { keyAfter, laterKey, listWithRollUp } from './ordered-listing';
import type {
  BucketConfig,
  BucketInfo,
  BucketStats,
  ChecksumAlgorithm,
  ListPage,
  ListQuery,
  ObjectInfo,
  ObjectSummary,
  WriteConditions,
} from './object-store';

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
];

interface ObjectRow {
  key: string;
  body_id: string;
  size: number;
  etag: string;
  last_modified: number;
  meta: string;
}

interface BucketRow {
  name: string;
  region: string;
  created_at: number;
  config: string;
}

/** An object's index row: its metadata and the body it points to. */
export interface ObjectRecord {
  info: ObjectInfo;
  bodyId: string;
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

export class MetadataIndex {
  private readonly statement: (sql: string) => Database.Statement;

  constructor(readonly db: Database.Database) {
    this.statement = cachedStatements(db);
  }

  /** Runs `work` in one SQLite transaction (all or nothing). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  // Buckets.

  createBucket(name: string, region: string, createdAt: Date): BucketInfo {
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
   * BucketNotEmpty while objects remain. Incomplete multipart uploads go with the bucket, as on
   * S3 (only directory buckets refuse them); returns their part bodies for the caller to remove.
   */
  deleteBucket(name: string): string[] {
    return this.transaction(() => {
      this.bucket(name);
      if (this.statement('SELECT 1 FROM objects WHERE bucket = ? LIMIT 1').get(name)) throw new BucketNotEmpty(name);
      const partBodies = this.statement('DELETE FROM parts WHERE upload_id IN (SELECT upload_id FROM uploads WHERE bucket = ?) RETURNING body_id')
        .pluck()
        .all(name) as string[];
      this.statement('DELETE FROM uploads WHERE bucket = ?').run(name);
      this.statement('DELETE FROM buckets WHERE name = ?').run(name);
      return partBodies;
    });
  }

  listBuckets(): BucketInfo[] {
    return (this.statement('SELECT * FROM buckets ORDER BY name').all() as BucketRow[]).map(toBucketInfo);
  }

  bucketConfig(name: string): Partial<BucketConfig> {
    const row = this.statement('SELECT config FROM buckets WHERE name = ?').get(name) as { config: string } | undefined;
    if (!row) throw new NoSuchBucket(name);
    return JSON.parse(row.config) as Partial<BucketConfig>;
  }

  updateBucketConfig(name: string, change: (config: Partial<BucketConfig>) => void): void {
    this.transaction(() => {
      const config = this.bucketConfig(name);
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
    const row = this.statement('SELECT * FROM objects WHERE bucket = ? AND key = ?').get(bucket, key) as ObjectRow | undefined;
    if (!row) {
      this.bucket(bucket);
      return undefined;
    }
    return { info: toObjectInfo(bucket, row), bodyId: row.body_id };
  }

  /** Throws what S3 answers when `conditions` do not hold for the current object. */
  checkWriteConditions(bucket: string, key: string, conditions: WriteConditions): void {
    const current = this.object(bucket, key);
    if (conditions.ifNoneMatch === '*' && current) throw new PreconditionFailed('If-None-Match');
    if (conditions.ifMatch !== undefined) {
      if (!current) throw new NoSuchKey(bucket, key);
      const wanted = conditions.ifMatch.replace(/"/g, '');
      if (wanted !== '*' && wanted !== current.info.etag) throw new PreconditionFailed('If-Match');
    }
  }

  /**
   * Makes `record` the object at its key if `conditions` still hold; returns the replaced body's id.
   * Writers check the conditions before they stream the body (checkWriteConditions), so conditions
   * that fail only now were broken by a concurrent write or delete: ConditionalRequestConflict.
   */
  commitObject(record: ObjectRecord, conditions: WriteConditions = {}): string | undefined {
    return this.transaction(() => {
      const { bucket, key, size, etag, lastModified, ...meta } = record.info;
      try {
        this.checkWriteConditions(bucket, key, conditions);
      } catch (error) {
        if (error instanceof PreconditionFailed || error instanceof NoSuchKey) {
          throw new ConditionalRequestConflict(conditions.ifMatch !== undefined ? 'If-Match' : 'If-None-Match');
        }
        throw error;
      }
      const previous = this.removeObject(bucket, key);
      this.statement('INSERT INTO objects (bucket, key, body_id, size, etag, last_modified, meta) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(bucket, key, record.bodyId, size, etag, lastModified.getTime(), JSON.stringify(meta));
      return previous;
    });
  }

  /** Returns the removed object's body id, if there was one. */
  removeObject(bucket: string, key: string): string | undefined {
    const row = this.statement('DELETE FROM objects WHERE bucket = ? AND key = ? RETURNING body_id').get(bucket, key) as
      | { body_id: string }
      | undefined;
    if (!row) this.bucket(bucket);
    return row?.body_id;
  }

  updateObjectMeta(bucket: string, key: string, change: (info: ObjectInfo) => ObjectInfo): void {
    this.transaction(() => {
      const current = this.object(bucket, key);
      if (!current) throw new NoSuchKey(bucket, key);
      this.commitObject({ info: change(current.info), bodyId: current.bodyId });
    });
  }

  listObjects(query: ListQuery): ListPage {
    this.bucket(query.bucket);
    const prefix = query.prefix ?? '';
    const from = query.startAfter === undefined ? prefix : laterKey(prefix, keyAfter(query.startAfter));
    const scan = this.statement('SELECT * FROM objects WHERE bucket = ? AND key >= ? ORDER BY key');
    const page = listWithRollUp<ObjectRow>({
      prefix,
      delimiter: query.delimiter,
      marker: query.startAfter,
      from,
      maxEntries: query.maxKeys ?? 1000,
      rowsFrom: (lower) => scan.iterate(query.bucket, lower) as Iterable<ObjectRow>,
      keyOf: (row) => row.key,
    });
    return {
      objects: page.rows.map((row) => toSummary(toObjectInfo(query.bucket, row))),
      commonPrefixes: page.commonPrefixes,
      isTruncated: page.isTruncated,
      nextStartAfter: page.last?.key,
    };
  }

  objectInfos(bucket: string, startAfter: string | undefined, limit: number): ObjectInfo[] {
    this.bucket(bucket);
    const rows = this.statement('SELECT * FROM objects WHERE bucket = ? AND key >= ? ORDER BY key LIMIT ?')
      .all(bucket, startAfter === undefined ? '' : keyAfter(startAfter), limit) as ObjectRow[];
    return rows.map((row) => toObjectInfo(bucket, row));
  }

  /** Every body id the index refers to (objects and parts), for the start-up sweep. */
  referencedBodyIds(): Set<string> {
    const rows = this.statement('SELECT body_id FROM objects UNION ALL SELECT body_id FROM parts').pluck().all() as string[];
    return new Set(rows);
  }

  /** Empties the index; returns the ids of the bodies it referred to. */
  clear(): string[] {
    return this.transaction(() => {
      const bodyIds = [...this.referencedBodyIds()];
      this.db.exec('DELETE FROM parts; DELETE FROM uploads; DELETE FROM objects; DELETE FROM buckets;');
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

function toObjectInfo(bucket: string, row: ObjectRow): ObjectInfo {
  const meta = JSON.parse(row.meta) as Omit<ObjectInfo, 'bucket' | 'key' | 'size' | 'etag' | 'lastModified'>;
  return { ...meta, bucket, key: row.key, size: row.size, etag: row.etag, lastModified: new Date(row.last_modified) };
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
  };
}
