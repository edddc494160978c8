/**
 * The SQLite index of object versions and delete markers (same database as the object index).
 * A key's versions are ordered by `seq`, newest highest; the primary key (bucket, key, seq DESC)
 * is the order ListObjectVersions walks (keys in UTF-8 byte order, each key's versions newest
 * first). Version ids are random and opaque, as S3's; `null` is the null version's.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/versioning-workflows.html
 */
import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';

export const NULL_VERSION_ID = 'null';

const RANDOM_BYTES = 18;
const CHECK_BYTES = 6;

/** The check that ends an id: S3 tells a version id it never issued from one it no longer has. */
function checkOf(random: Buffer): Buffer {
  return createHash('sha256').update(random).digest().subarray(0, CHECK_BYTES);
}

/** 32 URL-safe characters: 18 random bytes and 6 bytes of their check. */
export function newVersionId(): string {
  const random = randomBytes(RANDOM_BYTES);
  return Buffer.concat([random, checkOf(random)]).toString('base64url');
}

/**
 * Whether this store could have issued `versionId`. Ids issued before they carried a check fail
 * it, so a version's id is looked up before it is judged.
 */
export function isIssuedVersionId(versionId: string): boolean {
  if (versionId === NULL_VERSION_ID) return true;
  if (!/^[A-Za-z0-9_-]{32}$/.test(versionId)) return false;
  const bytes = Buffer.from(versionId, 'base64url');
  return checkOf(bytes.subarray(0, RANDOM_BYTES)).equals(bytes.subarray(RANDOM_BYTES));
}

export interface VersionRow {
  key: string;
  seq: number;
  version_id: string;
  delete_marker: 0 | 1;
  body_id: string | null;
  size: number;
  etag: string;
  last_modified: number;
  meta: string;
}

export type NewVersion = Omit<VersionRow, 'seq'>;

/** Removed versions whose place in their key's order is kept: an entry costs about 100 bytes and its key. */
const REMOVED_PLACES_KEPT = 10_000;

export class VersionIndex {
  /**
   * The `seq` of the versions removed last, by bucket, key and version id. A listing resumes after
   * its version-id-marker; when that version was removed meanwhile (a cleanup that deletes each
   * page of ListObjectVersions before it asks for the next), S3 goes on with the versions after
   * it, so its place outlives its row.
   */
  private readonly removedPlaces = new Map<string, number>();

  /** `statement` is the object index's prepared-statement cache (one connection, one cache). */
  constructor(private readonly statement: (sql: string) => Database.Statement) {}

  latest(bucket: string, key: string): VersionRow | undefined {
    return this.statement('SELECT * FROM versions WHERE bucket = ? AND key = ? ORDER BY seq DESC LIMIT 1').get(bucket, key) as VersionRow | undefined;
  }

  byId(bucket: string, key: string, versionId: string): VersionRow | undefined {
    return this.statement('SELECT * FROM versions WHERE bucket = ? AND key = ? AND version_id = ?').get(bucket, key, versionId) as VersionRow | undefined;
  }

  /** Adds `row` as the key's newest version. */
  insert(bucket: string, row: NewVersion): void {
    this.statement(
        `INSERT INTO versions (bucket, key, seq, version_id, delete_marker, body_id, size, etag, last_modified, meta)
         VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM versions WHERE bucket = ? AND key = ?), ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(bucket, row.key, bucket, row.key, row.version_id, row.delete_marker, row.body_id, row.size, row.etag, row.last_modified, row.meta);
  }

  /** The place (`seq`) of the version in its key's order, also of one removed lately; undefined if unknown. */
  placeOf(bucket: string, key: string, versionId: string): number | undefined {
    return this.byId(bucket, key, versionId)?.seq ?? this.removedPlaces.get(placeId(bucket, key, versionId));
  }

  remove(bucket: string, key: string, versionId: string): void {
    const seq = this.statement('DELETE FROM versions WHERE bucket = ? AND key = ? AND version_id = ? RETURNING seq').pluck().get(bucket, key, versionId) as number | undefined;
    if (seq === undefined) return;
    if (this.removedPlaces.size >= REMOVED_PLACES_KEPT) this.removedPlaces.delete(this.removedPlaces.keys().next().value!);
    this.removedPlaces.set(placeId(bucket, key, versionId), seq);
  }

  /** Forgets the places of removed versions: of `bucket` (deleted), or of every bucket (the index emptied). */
  forgetRemoved(bucket?: string): void {
    if (bucket === undefined) this.removedPlaces.clear();
    else for (const id of this.removedPlaces.keys()) if (id.startsWith(`${bucket}/`)) this.removedPlaces.delete(id);
  }

  updateMeta(bucket: string, key: string, versionId: string, meta: string): void {
    this.statement('UPDATE versions SET meta = ? WHERE bucket = ? AND key = ? AND version_id = ?').run(meta, bucket, key, versionId);
  }

  /** Versions of keys >= `lower`, in listing order. */
  scan(bucket: string, lower: string): Iterable<VersionRow> {
    return this.statement('SELECT * FROM versions WHERE bucket = ? AND key >= ? ORDER BY key, seq DESC').iterate(bucket, lower) as Iterable<VersionRow>;
  }

  hasAny(bucket: string): boolean {
    return this.statement('SELECT 1 FROM versions WHERE bucket = ? LIMIT 1').get(bucket) !== undefined;
  }
}

/** Bucket names hold no '/', and a version id none either: one unambiguous string. */
const placeId = (bucket: string, key: string, versionId: string) => `${bucket}/${versionId}/${key}`;
