import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { REMOVAL_BATCH_MS } from '../../src/s3/store/small-body-table';

/**
 * The ids of every body the S3 mock keeps under `dataDir`, read without changing them: files
 * under `bodies/`, rows of the small-body table in `index.sqlite` and composites in
 * `bodies.sqlite` (src/s3/store/fs-body-store.ts). A composite (a completed multipart object) counts as one body:
 * the part bodies it is made of are left out.
 */
export async function storedBodyIds(dataDir: string): Promise<string[]> {
  const bodiesDir = join(dataDir, 'bodies');
  const files = existsSync(bodiesDir) ? await readdir(bodiesDir, { recursive: true, withFileTypes: true }) : [];
  const fileIds = files.filter((entry) => entry.isFile()).map((entry) => entry.name);
  const index = new Database(join(dataDir, 'index.sqlite'), { readonly: true });
  const smallIds = index.prepare('SELECT id FROM small_bodies').pluck().all() as string[];
  index.close();
  const db = new Database(join(dataDir, 'bodies.sqlite'), { readonly: true });
  try {
    const composites = db.prepare('SELECT id, parts FROM composite_bodies').all() as { id: string; parts: string }[];
    const partIds = new Set(composites.flatMap(({ parts }) => (JSON.parse(parts) as { id: string }[]).map((part) => part.id)));
    return [...[...fileIds, ...smallIds].filter((id) => !partIds.has(id)), ...composites.map(({ id }) => id)];
  } finally {
    db.close();
  }
}

/**
 * `storedBodyIds` once the removals a store in this process has staged are committed: they are
 * committed in batches, on a REMOVAL_BATCH_MS timer (src/s3/store/small-body-table.ts) that
 * fires before this longer wait.
 */
export async function settledBodyIds(dataDir: string): Promise<string[]> {
  await sleep(REMOVAL_BATCH_MS + 100);
  return storedBodyIds(dataDir);
}
