/**
 * A large body read from its file. As a stream it reads a new buffer per chunk (its consumer may
 * keep them); sent to a socket (GetObject) it reads into two buffers it reuses once the socket
 * has taken each. A new 1 MiB buffer per chunk is external memory V8 answers with a full garbage
 * collection every few dozen MiB: more than half of the server's CPU per byte of a large GET.
 */
import type { FileHandle } from 'node:fs/promises';
import { SendableBody, type SinkWriter } from './sendable-body';

/** Read size: a sixteenth of the reads, chunks and socket writes Node's 64 KiB default makes. */
const CHUNK_BYTES = 1024 * 1024;

export class FileBody extends SendableBody {
  private position: number;

  /** Serves bytes `start`..`end` (inclusive) of `file`, and closes it when done or destroyed. */
  constructor(
    private readonly file: FileHandle,
    start: number,
    private readonly end: number,
  ) {
    super({ highWaterMark: CHUNK_BYTES });
    this.position = start;
  }

  override _read(): void {
    this.readInto(Buffer.allocUnsafeSlow(this.nextLength())).then((chunk) => this.push(chunk ?? null), (error: Error) => this.destroy(error));
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.file.close().then(() => callback(error), () => callback(error));
  }

  /** At most two chunks in flight, each in a buffer of its own, reused once the sink has taken it. */
  async writeTo(writer: SinkWriter): Promise<void> {
    const buffers = [Buffer.allocUnsafeSlow(this.nextLength()), Buffer.allocUnsafeSlow(this.nextLength())];
    const taken: Promise<void>[] = [Promise.resolve(), Promise.resolve()];
    for (let i = 0; ; i ^= 1) {
      await taken[i];
      const chunk = await this.readInto(buffers[i].subarray(0, this.nextLength()));
      if (!chunk) break;
      taken[i] = writer.write(chunk);
      taken[i].catch(() => undefined); // awaited in turn; a failure meanwhile must not go unhandled
    }
    await Promise.all(taken);
  }

  private nextLength(): number {
    return Math.max(0, Math.min(CHUNK_BYTES, this.end - this.position + 1));
  }

  /** The next chunk, read into `buffer`; undefined once the body is done. A file shorter than its index row says is a fault. */
  private async readInto(buffer: Buffer): Promise<Buffer | undefined> {
    if (buffer.length === 0) return undefined;
    const { bytesRead } = await this.file.read(buffer, 0, buffer.length, this.position);
    if (bytesRead === 0) throw new Error(`body file ended at byte ${this.position}, before byte ${this.end}`);
    this.position += bytesRead;
    return buffer.subarray(0, bytesRead);
  }
}
