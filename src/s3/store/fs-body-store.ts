/**
 * Bodies under a data directory, by random id so no key ever becomes a path: small ones as rows
 * of the index's SQLite file (small-body-table.ts), the rest as files `bodies/<id[0..1]>/<id>`. A large
 * write streams into `tmp/` on the same filesystem and is renamed into place only when complete;
 * a body that stays small is stored whole once it has ended (spilling-file-sink.ts). Either way
 * a failed write leaves nothing behind. A body file reads back as a FileBody (file-body.ts).
 * Composite bodies are manifests in `bodies.sqlite` too (composite-table.ts) over bodies stored
 * either way.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, rename, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type Database from 'better-sqlite3';
import { moveLegacySmallBodies, openBodyDatabase } from './body-database';
import { BodyGone, WholeBody, type BodyStore } from './body-store';
import { CompositeReads, keepComposites, type BodyPart } from './composite-body';
import { CompositeTable } from './composite-table';
import { FileBody } from './file-body';
import type { ResolvedRange } from './object-store';
import { isSequentialBodyId, sequentialBodyId, type SmallBodyTable } from './small-body-table';
import { SpillingFileSink } from './spilling-file-sink';

/** Bodies up to this size are rows of the small-body table. */
const SMALL_BODY_BYTES = 64 * 1024;
/** What a large write may hold while the file catches up: chunks that arrive meanwhile go down in one writev. */
const WRITE_BUFFER_BYTES = 1024 * 1024;

export class FsBodyStore implements BodyStore {
  private readonly bodiesDir: string;
  private readonly tmpDir: string;
  /** Shard folders known to exist, so a write makes its folder once, not on every body. */
  private readonly shards = new Set<string>();
  private readonly db: Database.Database;
  private readonly composites: CompositeTable;
  private readonly compositeReads = new CompositeReads();

  constructor(
    dataDir: string,
    private readonly smallBodies: SmallBodyTable,
  ) {
    this.bodiesDir = join(dataDir, 'bodies');
    this.tmpDir = join(dataDir, 'tmp');
    this.db = openBodyDatabase(dataDir);
    moveLegacySmallBodies(this.db, smallBodies);
    this.composites = new CompositeTable(this.db);
  }

  async write(fill: (sink: Writable) => Promise<void>): Promise<string> {
    const fileId = randomUUID();
    const tmpPath = join(this.tmpDir, fileId);
    let smallId: string | undefined;
    const storeSmall = (body: Buffer) => {
      smallId = sequentialBodyId();
      this.smallBodies.put(smallId, body);
    };
    const sink = new SpillingFileSink(storeSmall, () => createWriteStream(tmpPath, { flags: 'wx', highWaterMark: WRITE_BUFFER_BYTES }), SMALL_BODY_BYTES);
    try {
      await fill(sink);
      if (!sink.spilled) return smallId!;
      await this.ensureShard(fileId.slice(0, 2));
      await rename(tmpPath, this.pathOf(fileId));
      return fileId;
    } catch (error) {
      sink.destroy();
      await finished(sink).catch(() => undefined); // the file may still be opening: let it close first
      await rm(tmpPath, { force: true });
      throw error;
    }
  }

  async writeWhole(bytes: Buffer): Promise<string> {
    if (bytes.length > SMALL_BODY_BYTES) return this.write((sink) => finished(sink.end(bytes)));
    const id = sequentialBodyId();
    this.smallBodies.put(id, bytes);
    return id;
  }

  async compose(parts: readonly BodyPart[]): Promise<string> {
    const id = randomUUID();
    this.composites.put(id, parts);
    return id;
  }

  async uncompose(id: string): Promise<void> {
    this.composites.remove(id);
  }

  async open(id: string, range?: ResolvedRange): Promise<Readable> {
    const small = this.smallBodies.get(id);
    if (small) return new WholeBody(range ? small.subarray(range.start, range.end + 1) : small);
    let file: FileHandle | undefined;
    try {
      file = await open(this.pathOf(id), 'r');
      return new FileBody(file, range?.start ?? 0, range?.end ?? (await file.stat()).size - 1);
    } catch (error) {
      await file?.close();
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const parts = this.composites.get(id);
    if (!parts) throw new BodyGone(id);
    return this.compositeReads.open(id, parts, range, (part, partRange) => this.open(part, partRange));
  }

  async remove(id: string): Promise<void> {
    if (isSequentialBodyId(id) || this.smallBodies.has(id)) {
      this.smallBodies.remove(id);
      return;
    }
    try {
      await unlink(this.pathOf(id));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const parts = this.composites.get(id);
    if (!parts) return;
    // The manifest goes first: a crash before its parts are gone leaves them unreferenced, for the sweep.
    this.composites.remove(id);
    await this.compositeReads.remove(id, async () => {
      for (const part of parts) await this.remove(part.id);
    });
  }

  async sweep(isReferenced: (id: string) => boolean): Promise<void> {
    const keep = keepComposites(this.composites.all(), isReferenced, (id) => this.composites.remove(id));
    this.smallBodies.sweep(keep);
    await rm(this.tmpDir, { recursive: true, force: true });
    await mkdir(this.tmpDir, { recursive: true });
    await mkdir(this.bodiesDir, { recursive: true });
    for (const shard of await readdir(this.bodiesDir)) {
      for (const id of await readdir(join(this.bodiesDir, shard))) {
        if (!keep(id)) await unlink(join(this.bodiesDir, shard, id));
      }
    }
  }

  close(): void {
    this.smallBodies.close();
    this.db.close();
  }

  private async ensureShard(shard: string): Promise<void> {
    if (this.shards.has(shard)) return;
    await mkdir(join(this.bodiesDir, shard), { recursive: true });
    this.shards.add(shard);
  }

  private pathOf(id: string): string {
    return join(this.bodiesDir, id.slice(0, 2), id);
  }
}
