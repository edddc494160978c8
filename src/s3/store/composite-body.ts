/**
 * A composite body: bodies already stored (the parts of a completed multipart upload) read back
 * in order as one, so completing an upload writes a short manifest instead of a second copy of
 * every byte. Both body stores keep their manifests by the composite's own id and use this to
 * read them: a range may start and end in any part.
 */
import { Readable } from 'node:stream';
import type { ResolvedRange } from './object-store';

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
 * not cut the read short), and streams them one after the other. If a part cannot be opened, the
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
  return Readable.from(inOrder(opened), { objectMode: false });
}

/** The chunks of each stream in turn; a read ended early (or failed) releases the streams not yet read. */
async function* inOrder(streams: Readable[]): AsyncGenerator<Buffer> {
  try {
    for (const stream of streams) yield* stream;
  } finally {
    for (const stream of streams) stream.destroy();
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
