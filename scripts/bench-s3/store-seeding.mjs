// Seeds a bucket of many empty objects straight through the S3 mock's store (the build's
// dist/src/s3/store), before the mock starts on the same data directory: ~4x faster than as
// many HTTP PUTs, and the listing measured afterwards is the same index either way.
import { Readable } from 'node:stream';
import { openObjectStore } from '../../dist/src/s3/store/index.js';

export const SEEDED_BUCKET = 'bench-list';
export const SEEDED_KEY_COUNT = 100_000;
/** 100 "folders" of 1000 keys each, so a delimiter listing has something to roll up. */
export const FOLDER_COUNT = 100;
export const seededKey = (i) => `photos/${String(i % FOLDER_COUNT).padStart(2, '0')}/${String(i).padStart(6, '0')}.jpg`;

export async function seedStore(dataDir, concurrency = 16) {
  const store = await openObjectStore({ storage: 'fs', dataDir });
  try {
    await store.createBucket(SEEDED_BUCKET);
    let next = 0;
    const worker = async () => {
      while (next < SEEDED_KEY_COUNT) {
        await store.putObject({ bucket: SEEDED_BUCKET, key: seededKey(next++), body: Readable.from([]), metadata: {} });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await store.close();
  }
}
