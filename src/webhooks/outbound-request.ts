import http from 'node:http';
import https from 'node:https';
import { localhostLookup } from './localhost-names';

/** Header name/value pairs in the order and case they are sent or were received. */
export type HeaderPairs = Array<[string, string]>;

/** What a target answered: everything a person debugging their app needs, the body capped. */
export interface OutboundAnswer {
  status: number;
  headers: HeaderPairs;
  /** The first ANSWER_BODY_LIMIT bytes of the answer. */
  body: Buffer;
  latencyMs: number;
}

/** Why a request got no answer: unreachable, or too slow. */
export class OutboundFailure extends Error {
  constructor(message: string, readonly timedOut: boolean, readonly latencyMs: number) {
    super(message);
    this.name = 'OutboundFailure';
  }
}

/** How much of an answer's body is kept. */
export const ANSWER_BODY_LIMIT = 64 * 1024;

/** The characters of an answer a replay or resend attempt records (the spec's response_excerpt). */
const EXCERPT_CHARS = 500;

export function answerExcerpt(answer: OutboundAnswer): string {
  return answer.body.toString('utf8').slice(0, EXCERPT_CHARS);
}

/**
 * Headers that describe one connection, not the message (RFC 9110 §7.6.1), and so are never
 * passed on: each hop sets its own. `host` and `content-length` are set for the new request;
 * `expect` would make this sender wait for a 100 it does not ask for.
 */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'content-length', 'expect']);

/** The headers as they go to the next hop: hop-by-hop ones dropped, with those Connection names. */
export function endToEndHeaders(headers: HeaderPairs): HeaderPairs {
  const named = new Set(headers.filter(([name]) => name.toLowerCase() === 'connection')
    .flatMap(([, value]) => value.split(',').map((token) => token.trim().toLowerCase())));
  return headers.filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase()) && !named.has(name.toLowerCase()));
}

/**
 * The Via field lines of a request that asks this receiver to send one of its own (a replay, a
 * resend, a test event), which that request carries on after its own headers, as an
 * intermediary passes Via on (RFC 9110 §7.6.3). A forward is such a request when its URL is one
 * of those operations: the delivery it makes then still names this receiver, which stores it but
 * does not forward it again (forwarding-hop.ts), so a forward URL pointing at the receiver's
 * replay or trigger cannot loop either.
 */
export function passedOnVia(rawHeaders: string[]): HeaderPairs {
  return pairsOf(rawHeaders).filter(([name]) => name.toLowerCase() === 'via');
}

function pairsOf(rawHeaders: string[]): HeaderPairs {
  const pairs: HeaderPairs = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) pairs.push([rawHeaders[index], rawHeaders[index + 1]]);
  return pairs;
}

/**
 * POSTs `body` to `target` with exactly `headers` (order and case kept; node:http, unlike fetch,
 * adds and rewrites nothing else), plus Host and Content-Length. Redirects are not followed:
 * they are the answer. Resolves with the answer, or rejects with an OutboundFailure.
 */
export function postExactly(target: URL, headers: HeaderPairs, body: Buffer, timeoutMs: number): Promise<OutboundAnswer> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const flat = [...endToEndHeaders(headers), ['Host', target.host], ['Content-Length', String(body.length)]].flat();
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(target, { method: 'POST', headers: flat, lookup: localhostLookup, signal: AbortSignal.timeout(timeoutMs) }, (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      response.on('data', (chunk: Buffer) => {
        if (kept >= ANSWER_BODY_LIMIT) return;
        chunks.push(chunk.subarray(0, ANSWER_BODY_LIMIT - kept));
        kept += Math.min(chunk.length, ANSWER_BODY_LIMIT - kept);
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: pairsOf(response.rawHeaders), body: Buffer.concat(chunks), latencyMs: elapsed() }));
      response.on('error', (error) => reject(new OutboundFailure(error.message, false, elapsed())));
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      const timedOut = error.name === 'AbortError' || error.name === 'TimeoutError';
      const message = timedOut ? `no answer within ${timeoutMs} ms` : `${error.code ? `${error.code}: ` : ''}${error.message}`;
      reject(new OutboundFailure(message, timedOut, elapsed()));
    });
    request.end(body);
  });
}
