import type http from 'node:http';
import { HttpProblem } from './problem';

/**
 * A request target in absolute-form (`GET http://host:port/path`, as sent to a proxy) must be
 * accepted, and its host taken in place of the Host header (RFC 9112 §3.2.2). Every server reads
 * origin-form (`req.url` a path), so the target is rewritten to it before anything reads it.
 */
export function toOriginForm(req: http.IncomingMessage): void {
  const absolute = /^https?:\/\/([^/?#@]+)([^#]*)$/i.exec(req.url ?? '');
  if (!absolute) return;
  const [, authority, rest] = absolute;
  req.headers.host = authority;
  req.url = rest.startsWith('/') ? rest : `/${rest}`;
}

/** `OPTIONS *`: a question about the server as a whole, not about a resource (RFC 9110 §9.3.7). */
export function asksAboutServer(req: http.IncomingMessage): boolean {
  return req.method === 'OPTIONS' && req.url === '*';
}

/**
 * What makes a request unanswerable before any server looks at it: an HTTP/1.1 request without
 * Host, which Node would answer with an empty 400, and any request with more than one (RFC 9112
 * §3.2), which Node would serve by the first, so the host checks would judge it by one of its
 * hosts; more than one Authorization, a field that takes one value (RFC 9110 §5.3, §11.6.2), of
 * which Node keeps the first and drops the rest, where a proxy in front may have judged another;
 * the asterisk-form target with any method but OPTIONS (RFC 9112 §3.2.4); a target with a
 * fragment, which clients keep to themselves (RFC 9112 §3.2): routers disagree on where its path
 * ends, and one that took `/health#x` for no path of its own answered from the spec's examples;
 * a body in a transfer coding besides chunked (below).
 */
export function requestTargetProblem(req: http.IncomingMessage): HttpProblem | undefined {
  if (req.headers.host === undefined && req.httpVersion === '1.1') return new HttpProblem(400, 'Host Required', 'An HTTP/1.1 request must carry a Host header (RFC 9112 §3.2).');
  const hosts = fieldLines(req, 'host');
  if (hosts > 1) return new HttpProblem(400, 'Bad Host', `A request must carry one Host header, not ${hosts} (RFC 9112 §3.2).`);
  const credentials = fieldLines(req, 'authorization');
  if (credentials > 1) return new HttpProblem(400, 'Bad Request', `A request carries at most one Authorization header, not ${credentials} (RFC 9110 §5.3).`);
  if (req.url === '*' && req.method !== 'OPTIONS') return new HttpProblem(400, 'Bad Request', `Only OPTIONS may name the server as a whole ("*"), not ${req.method} (RFC 9112 §3.2.4).`);
  if (req.url?.includes('#')) return new HttpProblem(400, 'Bad Request', 'A request target carries no fragment ("#"; send it percent-encoded as %23 when it is part of a path or query) (RFC 9112 §3.2).');
  const unknown = transferCodings(req).filter((coding) => coding !== 'chunked');
  if (unknown.length > 0) return new HttpProblem(501, 'Not Implemented', `This server decodes no transfer coding but chunked, not ${unknown.join(', ')} (RFC 9112 §6.1).`);
  return undefined;
}

/**
 * The transfer codings of a request's body, from every Transfer-Encoding line (Node joins them
 * with commas). Node decodes chunked and refuses a request whose last coding is not chunked, but
 * hands on a body coded with another before it (`gzip, chunked`) still coded, so it would be
 * stored or parsed as if it were plain; a server answers a coding it does not know with 501
 * (RFC 9112 §6.1), as S3 does.
 */
function transferCodings(req: http.IncomingMessage): string[] {
  const codings = req.headers['transfer-encoding']?.split(',') ?? [];
  return codings.map((coding) => coding.trim().toLowerCase()).filter((coding) => coding !== '');
}

/** How many lines of the request's header block name `field` (lower case). */
function fieldLines(req: http.IncomingMessage, field: string): number {
  let count = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i].toLowerCase() === field) count += 1;
  return count;
}

/** CONNECT asks for a tunnel, which only a proxy opens (RFC 9110 §9.3.6); no server here is one. */
export function connectProblem(): HttpProblem {
  return new HttpProblem(501, 'Not Implemented', 'This server is not a proxy: it opens no tunnel (CONNECT).');
}
