import { isIPv4 } from 'node:net';

/** `localhost` and the names under it (`app.localhost`), which name this machine (RFC 6761 §6.3). */
export function isLocalhostName(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost');
}

/**
 * A URL's hostname (`URL.hostname`, IPv6 in brackets) that names this machine: a localhost name,
 * an address in 127.0.0.0/8, or `[::1]`.
 */
export function isLoopbackHost(hostname: string): boolean {
  return isLocalhostName(hostname) || hostname === '[::1]' || (isIPv4(hostname) && hostname.startsWith('127.'));
}
