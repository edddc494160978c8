/**
 * Runs the same behaviour suite against both backends: each test file calls
 * `describe.each(BACKENDS)` and `useStore(storage)` for a fresh store per test.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { openObjectStore, type ObjectStore, type ObjectStoreOptions, type PutObjectInput } from '../../../../src/s3/store';

export const BACKENDS = ['fs', 'memory'] as const;
export type Backend = (typeof BACKENDS)[number];

/** Small parts keep multipart tests fast; the 5 MiB default is S3's. */
export const TEST_MIN_PART_SIZE = 16;

export interface StoreHandle {
  store: ObjectStore;
  /** The fs backend's data directory (a temp dir; unused by the memory backend). */
  dataDir: string;
  /** Closes and reopens the store on the same data directory. */
  reopen(): Promise<ObjectStore>;
}

export function useStore(storage: Backend, options: Partial<ObjectStoreOptions> = {}): StoreHandle {
  const handle = {} as StoreHandle;
  const open = () => openObjectStore({ storage, dataDir: handle.dataDir, minPartSize: TEST_MIN_PART_SIZE, ...options });
  beforeEach(async () => {
    handle.dataDir = await mkdtemp(join(tmpdir(), 'standin-s3-store-'));
    handle.store = await open();
    handle.reopen = async () => {
      await handle.store.close();
      handle.store = await open();
      return handle.store;
    };
  });
  afterEach(async () => {
    await handle.store.close();
    await rm(handle.dataDir, { recursive: true, force: true });
  });
  return handle;
}

export async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

export function streamOf(content: string | Buffer): Readable {
  return Readable.from([Buffer.from(content)]);
}

/** PutObject of a small string or Buffer body. */
export function putText(
  store: ObjectStore,
  bucket: string,
  key: string,
  content: string | Buffer,
  extra: Partial<PutObjectInput> = {},
) {
  return store.putObject({ bucket, key, body: streamOf(content), metadata: {}, ...extra });
}

export async function getText(store: ObjectStore, bucket: string, key: string): Promise<string> {
  return (await readAll((await store.getObject(bucket, key)).body)).toString();
}

/** A stream that sends `content` and then fails, like a client that disconnects mid-upload. */
export function failingStream(content: string, error = new Error('client went away')): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (sent) return;
      sent = true;
      this.push(Buffer.from(content));
      setImmediate(() => this.destroy(error));
    },
  });
}
