/**
 * The SQLite index of in-progress multipart uploads and their parts (same database as the object
 * index, so completing an upload and committing its object is one transaction).
 * Upload ids start with a creation stamp in hex, so (key, upload_id) order lists a key's uploads
 * oldest first, as S3's ListMultipartUploads does.
 */
import type Database from 'better-sqlite3';
import { timeOrderedId } from '../../kit/time-ordered-id';
import { InvalidArgument, NoSuchUpload } from './errors';
import { cachedStatements } from './metadata-index';
import { keyAfter, laterKey, listWithRollUp } from './ordered-listing';
import type { ListUploadsQuery, MultipartUpload, ObjectInfo, PartInfo, UploadsPage } from './object-store';

interface UploadRow {
  upload_id: string;
  bucket: string;
  key: string;
  initiated: number;
  meta: string;
}

interface PartRow {
  part_number: number;
  body_id: string;
  size: number;
  etag: string;
  last_modified: number;
  checksums: string;
}

/** A part's index row: what ListParts shows and the body it points to. */
export interface PartRecord {
  info: PartInfo;
  bodyId: string;
}

type UploadMeta = Omit<MultipartUpload, 'uploadId' | 'bucket' | 'key' | 'initiated'>;

/** A fresh upload id, ordered by creation time (while the clock goes forward), with 120 random bits. */
export const newUploadId = (): string => timeOrderedId(30);

export class UploadIndex {
  private readonly statement: (sql: string) => Database.Statement;

  constructor(db: Database.Database) {
    this.statement = cachedStatements(db);
  }

  createUpload(upload: MultipartUpload): void {
    const { uploadId, bucket, key, initiated, ...meta } = upload;
    this.statement('INSERT INTO uploads (upload_id, bucket, key, initiated, meta) VALUES (?, ?, ?, ?, ?)')
      .run(uploadId, bucket, key, initiated.getTime(), JSON.stringify(meta));
  }

  /** NoSuchUpload unless `uploadId` is in progress for this bucket and key. */
  upload(bucket: string, key: string, uploadId: string): MultipartUpload {
    const row = this.statement('SELECT * FROM uploads WHERE upload_id = ? AND bucket = ? AND key = ?')
      .get(uploadId, bucket, key) as UploadRow | undefined;
    if (!row) throw new NoSuchUpload(uploadId);
    return toUpload(row);
  }

  /** Records a part (replacing one with the same number); returns the replaced part's body id. */
  putPart(uploadId: string, part: PartRecord): string | undefined {
    const { partNumber, etag, size, lastModified, checksums } = part.info;
    const previous = this.statement('SELECT body_id FROM parts WHERE upload_id = ? AND part_number = ?')
      .pluck()
      .get(uploadId, partNumber) as string | undefined;
    this.statement(
        `INSERT OR REPLACE INTO parts (upload_id, part_number, body_id, size, etag, last_modified, checksums)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(uploadId, partNumber, part.bodyId, size, etag, lastModified.getTime(), JSON.stringify(checksums));
    return previous;
  }

  /** Parts in part-number order, after `afterPartNumber`, at most `limit` of them. */
  parts(uploadId: string, afterPartNumber = 0, limit = -1): PartRecord[] {
    const rows = this.statement('SELECT * FROM parts WHERE upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?')
      .all(uploadId, afterPartNumber, limit) as PartRow[];
    return rows.map((row) => ({
      bodyId: row.body_id,
      info: {
        partNumber: row.part_number,
        etag: row.etag,
        size: row.size,
        lastModified: new Date(row.last_modified),
        checksums: JSON.parse(row.checksums),
      },
    }));
  }

  /** Ends the upload (abort or complete); returns the body ids of all its parts. */
  removeUpload(uploadId: string): string[] {
    const bodyIds = this.statement('DELETE FROM parts WHERE upload_id = ? RETURNING body_id').pluck().all(uploadId) as string[];
    const removed = this.statement('DELETE FROM uploads WHERE upload_id = ?').run(uploadId);
    if (removed.changes === 0) throw new NoSuchUpload(uploadId);
    return bodyIds;
  }

  /**
   * Remembers what a completed upload became, so a retried Complete gets the same answer; only the
   * key's latest completion is kept, so the table holds at most one row per key.
   */
  recordCompleted(uploadId: string, object: ObjectInfo): void {
    this.statement('DELETE FROM completed_uploads WHERE bucket = ? AND key = ?').run(object.bucket, object.key);
    this.statement('INSERT INTO completed_uploads (upload_id, bucket, key, object) VALUES (?, ?, ?, ?)')
      .run(uploadId, object.bucket, object.key, JSON.stringify(object));
  }

  completed(bucket: string, key: string, uploadId: string): ObjectInfo | undefined {
    const text = this.statement('SELECT object FROM completed_uploads WHERE upload_id = ? AND bucket = ? AND key = ?')
      .pluck()
      .get(uploadId, bucket, key) as string | undefined;
    if (text === undefined) return undefined;
    const object = JSON.parse(text) as ObjectInfo;
    return { ...object, lastModified: new Date(object.lastModified) };
  }

  listUploads(query: ListUploadsQuery): UploadsPage {
    const prefix = query.prefix ?? '';
    const { keyMarker, uploadIdMarker } = query;
    if (keyMarker !== undefined && uploadIdMarker !== undefined) this.assertMarkerOfKey(query.bucket, keyMarker, uploadIdMarker);
    // key-marker alone: uploads of later keys; with upload-id-marker: also later uploads of key-marker.
    const from = keyMarker === undefined ? prefix : laterKey(prefix, uploadIdMarker ? keyMarker : keyAfter(keyMarker));
    const scan = this.statement('SELECT * FROM uploads WHERE bucket = ? AND key >= ? ORDER BY key, upload_id');
    function* rowsFrom(lower: string): Generator<UploadRow> {
      for (const row of scan.iterate(query.bucket, lower) as Iterable<UploadRow>) {
        if (row.key === keyMarker && uploadIdMarker !== undefined && row.upload_id <= uploadIdMarker) continue;
        yield row;
      }
    }
    const page = listWithRollUp<UploadRow>({
      prefix,
      delimiter: query.delimiter,
      marker: keyMarker,
      from,
      maxEntries: query.maxUploads ?? 1000,
      rowsFrom,
      keyOf: (row) => row.key,
    });
    return { uploads: page.rows.map(toUpload), commonPrefixes: page.commonPrefixes, isTruncated: page.isTruncated };
  }

  /**
   * S3 refuses an upload-id-marker naming an upload of another key than key-marker. One it does
   * not know (completed or aborted since the page that named it) lists on after key-marker's
   * uploads that are newer than it.
   */
  private assertMarkerOfKey(bucket: string, keyMarker: string, uploadIdMarker: string): void {
    const key = this.statement('SELECT key FROM uploads WHERE bucket = ? AND upload_id = ?').pluck().get(bucket, uploadIdMarker) as string | undefined;
    if (key !== undefined && key !== keyMarker) throw new InvalidArgument('Invalid uploadId marker', 'upload-id-marker', uploadIdMarker);
  }
}

function toUpload(row: UploadRow): MultipartUpload {
  const meta = JSON.parse(row.meta) as UploadMeta;
  return { ...meta, uploadId: row.upload_id, bucket: row.bucket, key: row.key, initiated: new Date(row.initiated) };
}
