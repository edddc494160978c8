import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StorageLocation } from '../kit/sqlite';
import { FileTooLargeError } from './errors';

export interface SpooledFile {
  open(): Readable;
  remove(): Promise<void>;
}

/**
 * Where a file part waits when a form sends it before the user_id that decides whose token goes
 * upstream: disk keeps memory flat. The folder is the app's own, `<DATA_DIR>/client-app-uploads`,
 * and emptied when the app starts, so what a crash (kill -9) left mid-upload goes then, as no one
 * will send it any more (STORAGE=memory: a temp folder removed on close). A file holds at most
 * `maxBytes`: a larger one fails with FileTooLargeError as soon as it passes them, rather than
 * filling the disk with what the image API would refuse.
 */
export class UploadSpool {
  private constructor(private readonly dir: string, private readonly temporary: boolean, private readonly maxBytes: number) {}

  /** Synchronous, as the app's history database opens: both are ready before the first request. */
  static open(location: StorageLocation, maxBytes: number): UploadSpool {
    if (location.storage === 'memory') {
      return new UploadSpool(mkdtempSync(path.join(os.tmpdir(), 'standin-client-app-')), true, maxBytes);
    }
    const dir = path.join(location.dataDir, 'client-app-uploads');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return new UploadSpool(dir, false, maxBytes);
  }

  async spool(content: Readable): Promise<SpooledFile> {
    const file = path.join(this.dir, randomUUID());
    const remove = () => rm(file, { force: true });
    try {
      // Piped before anything is awaited: a part that fails in the meantime (a form that ends inside
      // the file) would emit its error to no listener, which ends the process. A new file (wx) that
      // only this user may read.
      await pipeline(content, byteLimit(this.maxBytes), createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    } catch (error) {
      await remove();
      throw error;
    }
    return { open: () => createReadStream(file), remove };
  }

  close(): void {
    if (this.temporary) rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Passes at most `maxBytes` through, and fails with FileTooLargeError on the byte after them. */
function byteLimit(maxBytes: number): Transform {
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > maxBytes ? new FileTooLargeError(maxBytes) : null, chunk);
    },
  });
}
