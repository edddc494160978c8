/**
 * A composite body: bodies already stored (the parts of a completed multipart upload) read back
 * in order as one, so completing an upload writes a short manifest instead of a second copy of
 * every byte. Both body stores keep their manifests by the composite's own id and use this to
 * read them: a range may start and end in any part.
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

/**
 * Opens every part the read covers now, as BodyStore.open promises (a remove() after this does
 * not cut the read short), and reads them one after the other. If a part cannot be opened, the
 * parts opened so far are released and the error (BodyGone for a removed part) is thrown.
 */
export async function openComposite(
  parts: readonly BodyPart[],
  range: ResolvedRange | undefined,
  openPart: (id: string, range?: ResolvedRange) => Promise<Readable>,
): Promise<Readable> {
  const opened: Readable[] = [];
  try {
    for (const slice of slicesOf(parts, range)) opened.push(await openPart(slice.id, slice.range));
  } catch (error) {
    for (const stream of opened) stream.destroy();
    throw error;
  }
  return new CompositeBody(opened);
}

/** The opened parts in turn: streamed chunk by chunk, or each part sent to the socket as it sends itself. */
class CompositeBody extends SendableBody {
  private readonly chunks: AsyncGenerator<Buffer>;

  constructor(private readonly parts: Readable[]) {
    super();
    this.chunks = inOrder(parts);
  }

  override _read(): void {
    this.chunks.next().then(({ done, value }) => this.push(done ? null : value), (error: Error) => this.destroy(error));
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    for (const part of this.parts) part.destroy();
    callback(error);
  }

  async writeTo(writer: SinkWriter): Promise<void> {
    for (const part of this.parts) {
      if (part instanceof SendableBody) await part.writeTo(writer);
      else for await (const chunk of part) await writer.write(chunk as Buffer);
    }
  }
}

/** The chunks of each stream in turn. */
async function* inOrder(streams: Readable[]): AsyncGenerator<Buffer> {
  for (const stream of streams) yield* stream;
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
