/**
 * Where object and part bodies live, by opaque id (never by key). A body is written whole or not
 * at all: `write` hands a sink to the caller's pipeline and only keeps the body if that pipeline
 * succeeds. Bodies are immutable; an overwrite writes a new body and removes the old one. A
 * completed multipart object is a composite of its part bodies (composite-body.ts): it reads as
 * one body and is removed with them.
 */
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BodyPart } from './composite-body';
import { Digester, DigestStream, loadCrcs, type DigestOptions, type Digests } from './digest-stream';
import type { BodySource, ChecksumAlgorithm, ExpectedDigests, ResolvedRange } from './object-store';

export interface BodyStore {
  /** Runs `fill(sink)`; resolves with the new body's id once it completed, leaves nothing if it failed. */
  write(fill: (sink: Writable) => Promise<void>): Promise<string>;
  /** Stores a body already whole in memory; resolves with its id once it is durable. */
  writeWhole(bytes: Buffer): Promise<string>;
  /**
   * A body made of `parts` in order, without copying them; resolves with its id. From then on
   * removing it removes the parts; until its id is committed, `uncompose` undoes it.
   */
  compose(parts: readonly BodyPart[]): Promise<string>;
  /** Drops a composite that never became visible, leaving its parts as they were. */
  uncompose(id: string): Promise<void>;
  /** Opens the body now (so a later remove() does not cut the read short); BodyGone if removed already. */
  open(id: string, range?: ResolvedRange): Promise<Readable>;
  /** Removing a missing body is not an error; removing a composite removes its parts. */
  remove(id: string): Promise<void>;
  /**
   * Start-up cleanup: drops unfinished writes, and bodies and composites for which `isReferenced`
   * is false, except the parts of the composites kept.
   */
  sweep(isReferenced: (id: string) => boolean): Promise<void>;
  close(): void;
}

/** A body read whole (a small one): its bytes are at hand, so a reader may send them in one write. */
export class WholeBody extends Readable {
  constructor(readonly bytes: Buffer) {
    super();
  }

  override _read(): void {
    this.push(this.bytes);
    this.push(null);
  }
}

/** The body was removed (by a concurrent overwrite or delete) between reading its row and opening it. */
export class BodyGone extends Error {
  constructor(id: string) {
    super(`body ${id} is gone`);
  }
}

/** Stops reading a source its write did not consume (a write that failed before or during it). */
export function discardSource(source: BodySource): void {
  if (source instanceof Readable && !source.readableEnded) source.destroy();
}

/**
 * Digests `source` on its way into a new body: the body exists only if it verified.
 * `md5: false` leaves out the body's MD5 where its ETag comes from elsewhere (a multipart object);
 * `payloadSha256` is the SHA-256 the request was signed with, checked on the same pass.
 */
export async function writeDigestedBody(
  bodies: BodyStore,
  source: BodySource,
  algorithms: Iterable<ChecksumAlgorithm>,
  expect?: ExpectedDigests | (() => ExpectedDigests),
  options: DigestOptions = {},
): Promise<{ bodyId: string; digests: Digests }> {
  const digester = new Digester(await loadCrcs(), algorithms, expect, options);
  if (typeof source === 'function') {
    const bytes = await source();
    digester.update(bytes);
    const digests = await digester.finish();
    return { bodyId: await bodies.writeWhole(bytes), digests };
  }
  const stage = new DigestStream(digester);
  const bodyId = await bodies.write((sink) => pipeline(source, stage, sink));
  return { bodyId, digests: stage.digests! };
}

/**
 * Runs an index commit for a freshly written body: on failure the body is discarded (it was never
 * visible; by default removed); on success the bodies the commit made obsolete are removed.
 */
export async function commitOrDiscard(
  bodies: BodyStore,
  bodyId: string,
  commit: () => (string | undefined)[] | Promise<(string | undefined)[]>,
  discard: () => Promise<void> = () => bodies.remove(bodyId),
): Promise<void> {
  let obsolete: (string | undefined)[];
  try {
    obsolete = await commit();
  } catch (error) {
    await discard();
    throw error;
  }
  for (const id of obsolete) if (id) await bodies.remove(id);
}
