import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Once S3 has answered, the rest of a request body no handler read is discarded, as Node does for
 * a body nobody touched, so the connection can carry the client's next request (HTTP/1.1
 * keep-alive). An upload refused part way through (a malformed form, a file over its policy's
 * limit, a missing bucket) otherwise leaves the socket paused mid-body, and the next request
 * sent on it never gets an answer.
 */
export function discardUnreadBodyOnceAnswered(req: IncomingMessage, res: ServerResponse): void {
  const hasBody = req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';
  if (!hasBody) return;
  res.on('finish', () => {
    if (req.readableEnded || req.destroyed) return;
    req.unpipe();
    req.resume();
  });
}
