import type { Readable } from 'node:stream';
import { BodyTooLargeError } from './errors';

/**
 * Reads a delivery body, which is small by contract (WEBHOOK_MAX_BODY), counting bytes as
 * they arrive: a declared Content-Length over the limit is refused before reading, and an
 * undeclared (chunked) body is refused as soon as it passes the limit. The rest of a refused
 * body is drained, not read, so the sender still gets the answer.
 */
export function readBody(stream: Readable, limit: number, declaredLength?: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const refuse = () => {
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onError);
      stream.on('error', () => undefined);
      stream.resume();
      reject(new BodyTooLargeError(limit));
    };
    if (declaredLength !== undefined && declaredLength > limit) {
      refuse();
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    function onData(chunk: Buffer) {
      received += chunk.length;
      if (received > limit) refuse();
      else chunks.push(chunk);
    }
    function onEnd() {
      resolve(Buffer.concat(chunks, received));
    }
    function onError(error: Error) {
      reject(error);
    }
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
  });
}
