/**
 * The S3 mock's storage domain. `openObjectStore` is the one way in; everything the protocol
 * layer needs (interface, domain types, errors, bucket name rules) is re-exported here.
 */
import type { BodyStore } from './body-store';
import { FsBodyStore } from './fs-body-store';
import { IndexedObjectStore } from './indexed-object-store';
import { MemoryBodyStore } from './memory-body-store';
import { MetadataIndex, openDatabase } from './metadata-index';
import { SmallBodyTable } from './small-body-table';
import type { ObjectStore, ObjectStoreOptions } from './object-store';

export * from './object-store';
export * from './errors';
export { bucketNameProblem, RESERVED_BUCKET_NAMES } from './bucket-name';
export { discardSource, WholeBody } from './body-store';
export { uploadChecksumType } from './multipart-uploads';
export { SendableBody } from './sendable-body';
export { verifyWholeBody } from './digest-stream';
export { assertRetentionChange } from './object-lock-rules';
export { NULL_VERSION_ID } from './version-index';

const S3_MIN_PART_SIZE = 5 * 1024 * 1024;

/** Opens (or creates) the store; for 'fs', sweeps what an earlier crash left behind. */
export async function openObjectStore(options: ObjectStoreOptions): Promise<ObjectStore> {
  let index: MetadataIndex;
  let bodies: BodyStore;
  if (options.storage === 'fs') {
    if (!options.dataDir) throw new Error("openObjectStore: storage 'fs' needs a dataDir");
    index = new MetadataIndex(openDatabase({ storage: 'fs', dataDir: options.dataDir }));
    const smallBodies = new SmallBodyTable(index.db);
    index.joinTransactions(smallBodies);
    bodies = new FsBodyStore(options.dataDir, smallBodies);
  } else {
    index = new MetadataIndex(openDatabase({ storage: 'memory', dataDir: '' }));
    bodies = new MemoryBodyStore();
  }
  const referenced = index.referencedBodyIds();
  await bodies.sweep((id) => referenced.has(id));
  return new IndexedObjectStore(index, bodies, {
    defaultRegion: options.defaultRegion ?? 'us-east-1',
    minPartSize: options.minPartSize ?? S3_MIN_PART_SIZE,
  });
}
