import type { IncomingMessage } from 'node:http';

/**
 * The base URL the client used to reach this server: the issuer identifier is built on it, so a
 * client that discovered `http://localhost:8080/default` sees exactly that issuer. The Host
 * header has passed the request guard (loopback, an IP literal or ALLOWED_HOSTS).
 */
export function requestBase(req: IncomingMessage): string {
  return `http://${req.headers.host ?? 'localhost'}`;
}
