/**
 * Bodies GetObject can send to the socket more cheaply than by streaming them: a file body
 * (file-body.ts) reuses its read buffers once the socket has taken each chunk, which a stream
 * cannot do (its consumer may keep the chunks, as a copy's write does). A composite of them
 * (composite-body.ts) sends its parts in turn.
 */
import { Readable, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** Writes chunks to one sink, each awaited until the sink has taken it. */
export class SinkWriter {
  constructor(
    private readonly sink: Writable,
    /** Settles when the sink finishes or closes: a write still waited on then fails. */
    private readonly sinkDone: Promise<void>,
  ) {}

  /** Resolves once the sink has taken `chunk` (its buffer may be reused then); rejects if the sink closed first. */
  write(chunk: Buffer): Promise<void> {
    const taken = new Promise<void>((resolve, reject) => this.sink.write(chunk, (error) => (error ? reject(error) : resolve())));
    return Promise.race([taken, this.sinkDone]);
  }
}

export abstract class SendableBody extends Readable {
  /** Writes the body's bytes to `writer` (and not the end). */
  abstract writeTo(writer: SinkWriter): Promise<void>;

  /**
   * Writes the body to `sink` and ends it. Rejects if `sink` closes first (the client went away)
   * or the body fails; the body is released either way.
   */
  async sendTo(sink: Writable): Promise<void> {
    const sinkDone = finished(sink);
    sinkDone.catch(() => undefined); // a premature close fails the write waited on, and the await below
    try {
      await this.writeTo(new SinkWriter(sink, sinkDone));
      sink.end();
      await sinkDone;
    } finally {
      this.destroy();
    }
  }
}
