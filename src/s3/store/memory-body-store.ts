/** Bodies as Buffers in this process (STORAGE=memory): for tests and throwaway runs. */
import { randomUUID } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { BodyGone, WholeBody, type BodyStore } from './body-store';
import { CompositeReads, keepComposites, type BodyPart } from './composite-body';
import type { ResolvedRange } from './object-store';

const READ_CHUNK = 64 * 1024;

export class MemoryBodyStore implements BodyStore {
  private readonly bodies = new Map<string, Buffer>();
  private readonly composites = new Map<string, readonly BodyPart[]>();
  private readonly compositeReads = new CompositeReads();

  async write(fill: (sink: Writable) => Promise<void>): Promise<string> {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    });
    await fill(sink);
    const id = randomUUID();
    this.bodies.set(id, Buffer.concat(chunks));
    return id;
  }

  async writeWhole(bytes: Buffer): Promise<string> {
    const id = randomUUID();
    // A copy: the bytes may be a slice of a larger network buffer that must not stay alive.
    this.bodies.set(id, Buffer.from(bytes));
    return id;
  }

  async compose(parts: readonly BodyPart[]): Promise<string> {
    const id = randomUUID();
    this.composites.set(id, parts);
    return id;
  }

  async uncompose(id: string): Promise<void> {
    this.composites.delete(id);
  }

  async open(id: string, range?: ResolvedRange): Promise<Readable> {
    const body = this.bodies.get(id);
    if (!body) {
      const parts = this.composites.get(id);
      if (!parts) throw new BodyGone(id);
      return this.compositeReads.open(id, parts, range, (part, partRange) => this.open(part, partRange));
    }
    const slice = range ? body.subarray(range.start, range.end + 1) : body;
    return slice.length <= READ_CHUNK ? new WholeBody(slice) : Readable.from(chunksOf(slice));
  }

  async remove(id: string): Promise<void> {
    this.bodies.delete(id);
    const parts = this.composites.get(id);
    if (!parts) return;
    this.composites.delete(id);
    await this.compositeReads.remove(id, async () => {
      for (const part of parts) this.bodies.delete(part.id);
    });
  }

  async sweep(isReferenced: (id: string) => boolean): Promise<void> {
    const keep = keepComposites(this.composites, isReferenced, (id) => this.composites.delete(id));
    for (const id of this.bodies.keys()) if (!keep(id)) this.bodies.delete(id);
  }

  close(): void {
    this.bodies.clear();
    this.composites.clear();
  }
}

function* chunksOf(buffer: Buffer): Generator<Buffer> {
  for (let offset = 0; offset < buffer.length; offset += READ_CHUNK) yield buffer.subarray(offset, offset + READ_CHUNK);
}
