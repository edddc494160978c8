import type { IncomingMessage, ServerResponse } from 'node:http';

/** RFC 9457 problem details: the error body of every JSON API in standin. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

const PROBLEM_BASE = 'https://standin.dev/problems/';

/** Thrown by handlers and domain adapters; the kit turns it into problem+json. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extras: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'HttpProblem';
  }
}

/** A slug for the problem type URI, derived from the title ("Not Found" -> not-found). */
function problemType(title: string): string {
  return PROBLEM_BASE + title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * Every answer the kit writes tells browsers to take its Content-Type as given, not to sniff one:
 * a JSON answer that quotes a request (a problem's detail, an echoed name) is never run as HTML
 * or script (Fetch, "X-Content-Type-Options"). Express answers get it from the app's first
 * route (create-server.ts), problems written ahead of express here, a pre-route's own JSON
 * answers where it writes them; the S3 router's protocol answers do not, as AWS sends none.
 */
export function forbidSniffing(res: ServerResponse): void {
  res.setHeader('x-content-type-options', 'nosniff');
}

/** Plain node:http, so routes that run ahead of express answer problems the same way. */
export function sendProblem(req: IncomingMessage, res: ServerResponse, problem: HttpProblem): void {
  if (res.headersSent) {
    res.destroy(problem);
    return;
  }
  const url = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '';
  // A refusal made before the request got its id (an unmet Expect, a start-up 503) has none to give.
  const requestId = req.id ?? res.getHeader('x-request-id');
  const body: Problem = {
    type: problemType(problem.title),
    title: problem.title,
    status: problem.status,
    ...(problem.detail ? { detail: problem.detail } : {}),
    instance: url.split('?')[0],
    ...(requestId !== undefined ? { request_id: String(requestId) } : {}),
    ...problem.extras,
  };
  const json = JSON.stringify(body);
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  res.statusCode = problem.status;
  res.setHeader('content-type', 'application/problem+json; charset=utf-8');
  forbidSniffing(res);
  res.setHeader('content-length', Buffer.byteLength(json));
  res.end(json);
}
