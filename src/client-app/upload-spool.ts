import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileTooLargeError } from './errors';

export interface SpooledFile {
  open(): Readable;
  remove(): Promise<void>;
}

/**
 * Writes a file part to a temporary file. Used only when a form sends its file before the
 * user_id that decides whose token goes upstream: the part has to wait somewhere, and disk
 * keeps memory flat. It holds at most `maxBytes`: a larger file fails with FileTooLargeError as
 * soon as it passes them, rather than filling the disk with what the image API would refuse.
 */
export async function spoolToDisk(content: Readable, maxBytes: number): Promise<SpooledFile> {
  const file = path.join(os.tmpdir(), `standin-client-upload-${randomUUID()}`);
  const remove = () => rm(file, { force: true });
  try {
    // Piped before anything is awaited: a part that fails in the meantime (a form that ends inside
    // the file) would emit its error to no listener, which ends the process. A new file (wx) that
    // only this user may read, as a folder of mkdtemp's would give.
    await pipeline(content, byteLimit(maxBytes), createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    await remove();
    throw error;
  }
  return { open: () => createReadStream(file), remove };
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
