import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * The ids of every body the S3 mock keeps under `dataDir`: files under `bodies/` and rows of the
 * small-body table in `bodies.sqlite` (src/s3/store/fs-body-store.ts), read without changing them.
 */
export async function storedBodyIds(dataDir: string): Promise<string[]> {
  const bodiesDir = join(dataDir, 'bodies');
  const files = existsSync(bodiesDir) ? await readdir(bodiesDir, { recursive: true, withFileTypes: true }) : [];
  const fileIds = files.filter((entry) => entry.isFile()).map((entry) => entry.name);
  const db = new Database(join(dataDir, 'bodies.sqlite'), { readonly: true });
  try {
    return [...fileIds, ...(db.prepare('SELECT id FROM small_bodies').pluck().all() as string[])];
  } finally {
    db.close();
  }
}
