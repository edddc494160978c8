/**
 * The index rows of objects read lately, by bucket and key, so that HEAD and GET of a key read
 * again skip SQLite: in a busy server its lookup costs tens of microseconds, mostly in CPU cache
 * misses, a Map lookup about one. MetadataIndex keeps it exact: it forgets a key before any write
 * of its row and remembers rows only as committed, read outside a transaction, so a write that
 * rolls back leaves nothing stale behind. Records are frozen, since every reader shares them.
 */
import type { ObjectRecord } from './metadata-index';

/** Bucket names hold no '/', so bucket and key are one unambiguous string. */
const idOf = (bucket: string, key: string) => `${bucket}/${key}`;

export class RecentObjects {
  private readonly records = new Map<string, ObjectRecord>();

  constructor(private readonly capacity: number) {}

  get(bucket: string, key: string): ObjectRecord | undefined {
    return this.records.get(idOf(bucket, key));
  }

  /** Keeps `record`, dropping the one kept longest when full. */
  remember(record: ObjectRecord): void {
    if (this.records.size >= this.capacity) this.records.delete(this.records.keys().next().value!);
    this.records.set(idOf(record.info.bucket, record.info.key), record);
  }

  forget(bucket: string, key: string): void {
    this.records.delete(idOf(bucket, key));
  }

  forgetAll(): void {
    this.records.clear();
  }
}
