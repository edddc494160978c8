import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Level } from 'pino';
import type { Logger } from './logger';

declare module 'http' {
  interface IncomingMessage {
    /** The request id (x-request-id), once the request log has assigned it. */
    id?: string;
    /** The server's logger bound to this request's id, made on first use. */
    log?: Logger;
  }
}

/** The caller's x-request-id when it is a sane token, else a new one; echoed on the response. */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/**
 * By the status sent: error for 5xx, warn for 4xx, else info. A client that left before the
 * answer was finished is the client's doing, not a fault of the server's: warn.
 */
function levelOf(sentStatus: number | undefined, finished: boolean): Level {
  if (sentStatus !== undefined && sentStatus >= 500) return 'error';
  if (!finished || (sentStatus !== undefined && sentStatus >= 400)) return 'warn';
  return 'info';
}

/**
 * One log line per request once it is answered ("request completed", or "request aborted" when
 * the client left first), at the level `levelOf` gives, with the status only once one was sent
 * (a request aborted before its answer began has none). Costs next to nothing when that
 * level is off: no per-request child logger is made unless a handler asks for `req.log`.
 * `id` is the request's id where its protocol gives it one (S3's x-amz-request-id, which S3
 * clients show and print in errors); otherwise the request gets an x-request-id.
 */
export function logRequest(logger: Logger, req: IncomingMessage, res: ServerResponse, id = assignRequestId(req, res)): void {
  req.id = id;
  let child: Logger | undefined;
  Object.defineProperty(req, 'log', { configurable: true, get: () => (child ??= logger.child({ reqId: id })) });
  // Every line is at error level or below: with that off (LOG_LEVEL=silent) there is nothing to wait for.
  if (!logger.isLevelEnabled('error')) return;
  const started = performance.now();
  res.once('close', () => {
    const sentStatus = res.headersSent ? res.statusCode : undefined;
    const level = levelOf(sentStatus, res.writableFinished);
    if (!logger.isLevelEnabled(level)) return;
    const line = { req: { id, method: req.method, url: req.url }, ...(sentStatus === undefined ? {} : { res: { status: sentStatus } }), responseTime: Math.round(performance.now() - started) };
    logger[level](line, res.writableFinished ? 'request completed' : 'request aborted');
  });
}
