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
 * Query parameters that carry credentials (OAuth 2.0 and OpenID Connect: RFC 6749, 7636, 7009,
 * 7662, 8693, 7521, 8628's device_code, which the device trades for the user's tokens as a client
 * trades a code, and its user_code, which the device page's own link carries
 * (verification_uri_complete): whoever reads it can approve the device before its user does, RFC
 * 8628 §5.5; OpenID Connect Core's id_token, which vouches for the user; RP-Initiated Logout's
 * id_token_hint). Clients send them in a body or a header, but one that wrongly puts
 * them in the URL must not have them written to the log.
 * A presigned S3 URL is a credential until it expires: its signature (SigV4's X-Amz-Signature,
 * SigV2's Signature) and session token are kept out too.
 */
const CREDENTIAL_PARAMETERS = new Set([
  'client_secret', 'code', 'device_code', 'user_code', 'refresh_token', 'access_token', 'id_token', 'id_token_hint', 'token', 'assertion', 'client_assertion',
  'subject_token', 'actor_token', 'password', 'code_verifier', 'x-amz-signature', 'x-amz-security-token', 'signature',
]);

const REDACTED = '[Redacted]';

/**
 * A request target as it is logged: the value of each credential parameter in its query is
 * replaced by `[Redacted]`, its name and every other byte kept. The one place a URL is made fit
 * for the log: the request log and the request guard's refusals both use it.
 */
export function loggedUrl(url: string | undefined): string | undefined {
  const queryAt = url?.indexOf('?') ?? -1;
  if (url === undefined || queryAt === -1) return url;
  const fields = url.slice(queryAt + 1).split('&').map((field) => {
    const nameEnd = field.indexOf('=');
    return nameEnd !== -1 && CREDENTIAL_PARAMETERS.has(parameterName(field.slice(0, nameEnd))) ? `${field.slice(0, nameEnd)}=${REDACTED}` : field;
  });
  return `${url.slice(0, queryAt)}?${fields.join('&')}`;
}

/**
 * A URL this server calls (a webhook target), as it is logged: scheme, host and path. A receiver
 * may take its secret in any query parameter (`?key=`, `?sig=`) or in the userinfo, names no list
 * can know, so the whole query and the userinfo go; `?[Redacted]` says a query was there.
 */
export function loggedOutboundUrl(url: string): string {
  const parsed = URL.parse(url);
  if (parsed === null) return REDACTED;
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}${parsed.search === '' ? '' : `?${REDACTED}`}`;
}

/** A query parameter's name as a server reads it (`+` is a space, percent-decoded), in lower case. */
function parameterName(raw: string): string {
  try {
    return decodeURIComponent(raw.replaceAll('+', ' ')).toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
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
  // The target as it arrived: a route may rewrite req.url (the auth provider hands an issuer's
  // requests to its oidc-provider instance with the issuer's path taken off).
  const url = req.url;
  res.once('close', () => {
    const sentStatus = res.headersSent ? res.statusCode : undefined;
    const level = levelOf(sentStatus, res.writableFinished);
    if (!logger.isLevelEnabled(level)) return;
    const line = { req: { id, method: req.method, url: loggedUrl(url) }, ...(sentStatus === undefined ? {} : { res: { status: sentStatus } }), responseTime: Math.round(performance.now() - started) };
    logger[level](line, res.writableFinished ? 'request completed' : 'request aborted');
  });
}
