import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';

export interface BodyLimit {
  /** The most bytes the body may hold. */
  limit: number;
  /** The error a body over the limit is refused with (the server's own, which it maps to a 413). */
  tooLarge: () => Error;
}

/**
 * Reads a body that is small by contract (a webhook delivery, a form that becomes a URL),
 * counting bytes as they arrive: a request's declared Content-Length over the limit is refused
 * before reading, and an undeclared (chunked) body as soon as it passes the limit. The rest of a
 * refused body is drained, not read, so a client still sending it gets the answer: a connection
 * closed with its body unread is reset, and the client sees ECONNRESET instead of the 413.
 */
export function readBody(stream: Readable & { headers?: IncomingHttpHeaders }, { limit, tooLarge }: BodyLimit): Promise<Buffer> {
  const declared = stream.headers?.['content-length'];
  return new Promise((resolve, reject) => {
    const refuse = () => {
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onError);
      stream.on('error', () => undefined);
      stream.resume();
      reject(tooLarge());
    };
    if (declared !== undefined && Number(declared) > limit) {
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
