import type { ServerResponse } from 'node:http';
import { HttpProblem } from './problem';

/** A method the resource at `path` does not take: 405 with the ones it does in Allow (RFC 9110 §15.5.6). */
export function methodNotAllowed(method: string | undefined, path: string, allow: readonly string[]): HttpProblem {
  return new HttpProblem(405, 'Method Not Allowed', `${method} is not allowed on ${path}`, {}, { allow: allow.join(', ') });
}

/** A plain OPTIONS (no CORS preflight) to a resource: 204 with the methods it takes in Allow (RFC 9110 §9.3.7). */
export function answerOptions(res: ServerResponse, allow: readonly string[]): void {
  res.writeHead(204, { allow: allow.join(', ') }).end();
}
