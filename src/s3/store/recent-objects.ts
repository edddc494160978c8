/**
 * The index rows of current objects read or written lately, by bucket and key, so that a HEAD or
 * GET of such a key skips SQLite, and so does the lookup of the body an overwrite replaces: in a
 * busy server a SQLite lookup costs tens of microseconds, mostly in CPU cache misses, a Map
 * lookup about one. MetadataIndex keeps it exact: it forgets a key before any write of its row,
 * remembers rows read only outside a transaction, and rows written only once their transaction
 * has committed (any rollback, of a savepoint too, drops the rows written so far: they are read
 * from SQLite again). Records are frozen, since every reader shares them.
 */
import type { ObjectRecord, ObjectRow } from './metadata-index';

/** An objects row as SQLite holds it, and the bucket it is in. */
export type StoredRow = ObjectRow & { bucket: string };

/** A kept row; its record is made when first asked for (an overwrite needs only the body id). */
interface Entry {
  row: StoredRow;
  record?: ObjectRecord;
}

/** Bucket names hold no '/', so bucket and key are one unambiguous string. */
const idOf = (bucket: string, key: string) => `${bucket}/${key}`;

export class RecentObjects {
  private readonly entries = new Map<string, Entry>();
  /** Rows the open transaction wrote, kept once it commits. */
  private readonly written = new Map<string, StoredRow>();

  constructor(
    private readonly capacity: number,
    /** The frozen record of a row, made as a read of it makes it. */
    private readonly recordOf: (row: StoredRow) => ObjectRecord,
  ) {}

  get(bucket: string, key: string): ObjectRecord | undefined {
    const entry = this.entries.get(idOf(bucket, key));
    if (entry) entry.record ??= this.recordOf(entry.row);
    return entry?.record;
  }

  bodyIdOf(bucket: string, key: string): string | undefined {
    return this.entries.get(idOf(bucket, key))?.row.body_id;
  }

  /** Keeps a committed row (and its record, when already made), dropping the one kept longest when full. */
  remember(row: StoredRow, record?: ObjectRecord): void {
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(idOf(row.bucket, row.key), { row, record });
  }

  /** Called before the key's row is written or deleted. */
  forget(bucket: string, key: string): void {
    const id = idOf(bucket, key);
    this.entries.delete(id);
    this.written.delete(id);
  }

  /** A row the open transaction wrote (after forget): remembered if that transaction commits. */
  wrote(row: StoredRow): void {
    if (this.written.size < this.capacity) this.written.set(idOf(row.bucket, row.key), row);
  }

  /** A savepoint rolled back: what it wrote cannot be told from what came before it, so none of it is kept. */
  rolledBack(): void {
    this.written.clear();
  }

  /** The outermost transaction is over. */
  settled(committed: boolean): void {
    if (committed) for (const row of this.written.values()) this.remember(row);
    this.written.clear();
  }

  forgetAll(): void {
    this.entries.clear();
    this.written.clear();
  }
}
