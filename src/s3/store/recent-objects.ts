/**
 * The index rows of current objects read or written lately, by bucket and key, so that a HEAD or
 * GET of such a key skips SQLite, and so does the lookup of the body an overwrite replaces: in a
 * busy server a SQLite lookup costs tens of microseconds, mostly in CPU cache misses, a Map
 * lookup about one. MetadataIndex keeps it exact: it forgets a key before any write of its row,
 * remembers rows read only outside a transaction, and rows written only once their transaction
 * has committed (any rollback, of a savepoint too, drops the rows written so far: they are read
 * from SQLite again). Records are frozen, since every reader shares them.
 */
import type { ObjectRecord } from './metadata-index';

/** Bucket names hold no '/', so bucket and key are one unambiguous string. */
const idOf = (bucket: string, key: string) => `${bucket}/${key}`;

export class RecentObjects {
  private readonly records = new Map<string, ObjectRecord>();
  /** Rows the open transaction wrote, kept once it commits. */
  private readonly written = new Map<string, ObjectRecord>();

  constructor(private readonly capacity: number) {}

  get(bucket: string, key: string): ObjectRecord | undefined {
    return this.records.get(idOf(bucket, key));
  }

  /** Keeps a committed `record`, dropping the one kept longest when full. */
  remember(record: ObjectRecord): void {
    if (this.records.size >= this.capacity) this.records.delete(this.records.keys().next().value!);
    this.records.set(idOf(record.info.bucket, record.info.key), record);
  }

  /** Called before the key's row is written or deleted. */
  forget(bucket: string, key: string): void {
    const id = idOf(bucket, key);
    this.records.delete(id);
    this.written.delete(id);
  }

  /** A row the open transaction wrote (after forget): remembered if that transaction commits. */
  wrote(record: ObjectRecord): void {
    if (this.written.size < this.capacity) this.written.set(idOf(record.info.bucket, record.info.key), record);
  }

  /** A savepoint rolled back: what it wrote cannot be told from what came before it, so none of it is kept. */
  rolledBack(): void {
    this.written.clear();
  }

  /** The outermost transaction is over. */
  settled(committed: boolean): void {
    if (committed) for (const record of this.written.values()) this.remember(record);
    this.written.clear();
  }

  forgetAll(): void {
    this.records.clear();
    this.written.clear();
  }
}
