/**
 * A body sink that keeps a small body in memory and hands it to `storeSmall` whole when it ends,
 * and spills a body that outgrows `limit` into a file stream. Most objects are small, and storing
 * a few KiB in one call costs far less than opening, writing, closing and renaming a file.
 */
import type { WriteStream } from 'node:fs';
import { Writable } from 'node:stream';

export class SpillingFileSink extends Writable {
  private chunks: Buffer[] = [];
  private size = 0;
  private file?: WriteStream;

  constructor(
    /** Keeps a small body, once it has ended; the sink finishes once it has returned. */
    private readonly storeSmall: (body: Buffer) => void,
    /** Opens the stream a large body spills into. */
    private readonly openSpill: () => WriteStream,
    private readonly limit: number,
  ) {
    super();
  }

  /** Whether the body outgrew `limit` and went to the spill stream instead of storeSmall. */
  get spilled(): boolean {
    return this.file !== undefined;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (!this.file && this.size + chunk.length <= this.limit) {
      this.chunks.push(chunk);
      this.size += chunk.length;
      callback();
      return;
    }
    if (!this.file) {
      this.file = this.openSpill();
      this.file.on('error', (error) => this.destroy(error));
      for (const held of this.chunks) this.file.write(held);
      this.chunks = [];
    }
    if (this.file.write(chunk)) callback();
    else this.file.once('drain', () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (!this.file) {
      try {
        this.storeSmall(Buffer.concat(this.chunks, this.size));
      } catch (error) {
        callback(error as Error);
        return;
      }
      callback();
      return;
    }
    this.file.end(() => callback());
  }

  /** A failed write closes the spill file before the sink reports closed, so it can be removed. */
  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.chunks = [];
    if (!this.file || this.file.closed) {
      callback(error);
      return;
    }
    this.file.once('close', () => callback(error));
    this.file.destroy();
  }
}
