/**
 * A composite body: bodies already stored (the parts of a completed multipart upload) read back
 * in order as one, so completing an upload writes a short manifest instead of a second copy of
 * every byte. Both body stores keep their manifests by the composite's own id and use this to
 * read them (a range may start and end in any part) and to remove them.
 */
import type { Readable } from 'node:stream';
import type { ResolvedRange } from './object-store';
import { SendableBody, type SinkWriter } from './sendable-body';

/** One body of a composite, in order, with its size. */
export interface BodyPart {
  id: string;
  size: number;
}

/** A part a read covers, with the slice of it to read (none: all of it). */
interface PartSlice {
  id: string;
  range?: ResolvedRange;
}

/** The parts `range` (the whole composite when absent) covers, in order; empty parts are skipped. */
function slicesOf(parts: readonly BodyPart[], range: ResolvedRange | undefined): PartSlice[] {
  const slices: PartSlice[] = [];
  let partStart = 0;
  for (const part of parts) {
    const partEnd = partStart + part.size - 1;
    const start = Math.max(range?.start ?? 0, partStart);
    const end = Math.min(range?.end ?? Infinity, partEnd);
    if (start <= end) slices.push({ id: part.id, range: start === partStart && end === partEnd ? undefined : { start: start - partStart, end: end - partStart } });
    partStart += part.size;
  }
  return slices;
}

type OpenPart = (id: string, range?: ResolvedRange) => Promise<Readable>;

/**
 * The composites being read, so that removing one removes its parts only once its last read has
 * ended (a remove() must not cut a read short, and a read opens each part only when it gets
 * there, not thousands of files at once). A removal left waiting when the process dies is
 * finished by the start-up sweep: the manifest is gone by then, so its parts are unreferenced.
 */
export class CompositeReads {
  private readonly readers = new Map<string, number>();
  private readonly waitingRemovals = new Map<string, () => Promise<void>>();

  /** Reads composite `id` (its `parts`), whole or `range` of it, opening each part with `openPart`. */
  open(id: string, parts: readonly BodyPart[], range: ResolvedRange | undefined, openPart: OpenPart): Readable {
    this.readers.set(id, (this.readers.get(id) ?? 0) + 1);
    return new CompositeBody(slicesOf(parts, range), openPart, () => this.ended(id));
  }

  /** Runs `removeParts` now, or once the reads of composite `id` going on have ended. */
  async remove(id: string, removeParts: () => Promise<void>): Promise<void> {
    if (this.readers.has(id)) this.waitingRemovals.set(id, removeParts);
    else await removeParts();
  }

  private ended(id: string): void {
    const readers = this.readers.get(id)! - 1;
    if (readers > 0) {
      this.readers.set(id, readers);
      return;
    }
    this.readers.delete(id);
    const removal = this.waitingRemovals.get(id);
    this.waitingRemovals.delete(id);
    removal?.().catch(() => undefined); // what is left is unreferenced: the next start-up sweeps it
  }
}

/** The parts a read covers in turn, each opened when the read gets to it: streamed chunk by chunk, or sent to a socket. */
class CompositeBody extends SendableBody {
  private readonly chunks: AsyncGenerator<Buffer>;
  private released = false;

  constructor(
    private readonly slices: PartSlice[],
    private readonly openPart: OpenPart,
    private readonly release: () => void,
  ) {
    super();
    this.chunks = this.inOrder();
  }

  override _read(): void {
    this.chunks.next().then(({ done, value }) => this.push(done ? null : value), (error: Error) => this.destroy(error));
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    // Closes the part being read, if a read stopped inside one.
    this.chunks.return(undefined).then(() => this.end(), () => this.end());
    callback(error);
  }

  async writeTo(writer: SinkWriter): Promise<void> {
    for (const slice of this.slices) {
      const part = await this.openPart(slice.id, slice.range);
      try {
        if (part instanceof SendableBody) await part.writeTo(writer);
        else for await (const chunk of part) await writer.write(chunk as Buffer);
      } finally {
        part.destroy();
      }
    }
  }

  private async *inOrder(): AsyncGenerator<Buffer> {
    for (const slice of this.slices) {
      const part = await this.openPart(slice.id, slice.range);
      try {
        yield* part;
      } finally {
        part.destroy();
      }
    }
  }

  /** The read is over: its parts may go (once). */
  private end(): void {
    if (this.released) return;
    this.released = true;
    this.release();
  }
}

/**
 * Start-up sweep of composites: drops (through `drop`) each one `isReferenced` refuses and answers
 * which ids to keep, the referenced ids and the parts of every composite kept.
 */
export function keepComposites(
  composites: Iterable<[string, readonly BodyPart[]]>,
  isReferenced: (id: string) => boolean,
  drop: (id: string) => void,
): (id: string) => boolean {
  const parts = new Set<string>();
  for (const [id, composite] of composites) {
    if (!isReferenced(id)) drop(id);
    else for (const part of composite) parts.add(part.id);
  }
  return (id) => isReferenced(id) || parts.has(id);
}
