import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface SpooledFile {
  open(): Readable;
  remove(): Promise<void>;
}

/**
 * Writes a file part to a temporary file. Used only when a form sends its file before the
 * user_id that decides whose token goes upstream: the part has to wait somewhere, and disk
 * keeps memory flat whatever the file's size.
 */
export async function spoolToDisk(content: Readable): Promise<SpooledFile> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'standin-client-upload-'));
  const file = path.join(dir, 'file');
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await pipeline(content, createWriteStream(file));
  } catch (error) {
    await remove();
    throw error;
  }
  return { open: () => createReadStream(file), remove };
}
