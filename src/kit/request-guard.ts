/**
 * What keeps a web page the developer visits from driving a server on their machine (README,
 * "Security model"): a Host check against DNS rebinding, as Vite and webpack-dev-server do, and
 * an Origin check that refuses state-changing requests from pages of other origins before any
 * side effect, simple requests (form posts) included. CORS headers go only to allowed origins.
 */
import { isIP } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpProblem } from './problem';

/** The origins every server trusts unless CORS_ORIGIN says otherwise: pages served from this machine. */
export const LOOPBACK_ORIGINS = ['http://localhost:*', 'http://*.localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*'];

/**
 * How a route treats the Origin header:
 * - `guard`: refuse a state-changing request or a preflight from an origin not allowed;
 * - `open`: take requests from any origin (webhook deliveries: their senders are servers);
 * - `protocol`: leave Origin and CORS to the protocol the route speaks (S3 buckets' CORS rules).
 */
export type OriginPolicy = 'guard' | 'open' | 'protocol';

export interface RequestGuardOptions {
  /** Origin patterns (`scheme://host:port`, `*` for any port or a leading `*.` label), or `*` for any origin. */
  allowedOrigins: readonly string[];
  /** Host names besides loopback and `*.localhost`: `name`, `.domain` (the domain and its subdomains), or `*` for any host. */
  allowedHosts: readonly string[];
  originPolicy?: (req: IncomingMessage) => OriginPolicy;
}

/** The problem that refuses a request, or undefined to let it through (with CORS headers for an allowed origin). */
export type RequestGuard = (req: IncomingMessage, res: ServerResponse) => HttpProblem | undefined;

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A browser's CORS preflight: OPTIONS naming the method the page means to send. */
export function isCorsPreflight(req: Pick<IncomingMessage, 'method' | 'headers'>): boolean {
  return req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
}

export function createRequestGuard(options: RequestGuardOptions): RequestGuard {
  const hostAllowed = hostMatcher(options.allowedHosts);
  const originAllowed = originMatcher(options.allowedOrigins);
  return (req, res) => {
    const host = req.headers.host;
    if (host !== undefined && host !== '' && !isHostField(host)) {
      return new HttpProblem(400, 'Bad Host', `The Host header ${JSON.stringify(host)} is not a host name or IP address with an optional port (RFC 9112 §3.2).`);
    }
    if (host !== undefined && !hostAllowed(hostnameOf(host))) {
      return new HttpProblem(403, 'Host Not Allowed', `This server does not answer for the host "${host}" (a guard against DNS rebinding). Add it to ALLOWED_HOSTS to allow it.`);
    }
    const origin = req.headers.origin;
    if (origin === undefined) return refuseCrossSiteWithoutOrigin(req, options);
    const policy = options.originPolicy?.(req) ?? 'guard';
    if (policy === 'protocol') return undefined;
    // Allowed or not, the answer depends on Origin: a cache must not give one page's to another.
    res.setHeader('vary', 'Origin');
    if (originAllowed(origin) || isSameOrigin(origin, host)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-expose-headers', '*');
      return undefined;
    }
    if (policy === 'guard' && (isCorsPreflight(req) || STATE_CHANGING.has(req.method ?? ''))) {
      return new HttpProblem(403, 'Origin Not Allowed', `Requests from pages of ${JSON.stringify(origin)} may not change anything here. Add the origin to CORS_ORIGIN to allow it.`);
    }
    return undefined;
  };
}

/**
 * A state-changing request a browser marks as sent by a page of another site (Fetch Metadata's
 * Sec-Fetch-Site, a header no page can set) but without Origin. Browsers send Origin with every
 * such request; should one not, the mark alone refuses it. Clients that are not browsers send
 * neither header, and pass.
 */
function refuseCrossSiteWithoutOrigin(req: IncomingMessage, options: RequestGuardOptions): HttpProblem | undefined {
  if (req.headers['sec-fetch-site'] !== 'cross-site' || !STATE_CHANGING.has(req.method ?? '')) return undefined;
  if ((options.originPolicy?.(req) ?? 'guard') !== 'guard') return undefined;
  return new HttpProblem(403, 'Origin Not Allowed', 'Requests from pages of other sites (Sec-Fetch-Site: cross-site) may not change anything here.');
}

/**
 * A request a browser marks as sent by a page of another site (Fetch Metadata's Sec-Fetch-Site,
 * which no page can set) whose origin `originAllowed` does not allow. A navigation (a link, a
 * script setting location) carries no Origin, so the mark alone decides it: GETs that make state
 * (an auth provider issuer, a client app sign-in) refuse such requests.
 */
export function isFromUntrustedSite(req: IncomingMessage, originAllowed: (origin: string) => boolean): boolean {
  return req.headers['sec-fetch-site'] === 'cross-site' && !originAllowed(req.headers.origin ?? 'null');
}

/**
 * A page of the server's own origin (its dashboard reached at a LAN address, say): its Host
 * already passed the check above, so a rebinding page cannot pose as one.
 */
function isSameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === new URL(`http://${host}`).host;
  } catch {
    return false;
  }
}

/**
 * Host = uri-host [ ":" port ] (RFC 9110 §7.2): a bracketed IP literal, or a reg-name (RFC 3986
 * §3.2.2). A server must refuse any other value with 400 (RFC 9112 §3.2); '/', '?', '#' or '@'
 * in it would otherwise pass as a `*.localhost` name ('evil.example/.localhost') and become part
 * of the URLs a server builds from its Host (the auth provider's issuer identifier).
 */
const HOST_FIELD = /^(?:\[[0-9A-Za-z:.%]+\]|(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*)(?::\d*)?$/;

/** Whether a Host header value is a host name or IP address with an optional port (see HOST_FIELD). */
export function isHostField(host: string): boolean {
  return HOST_FIELD.test(host);
}

/** The host name of a Host header (`name:port`, `[v6]:port`), lower-cased. */
function hostnameOf(host: string): string {
  const bracketed = /^\[([^\]]*)\](?::\d*)?$/.exec(host);
  if (bracketed) return bracketed[1].toLowerCase();
  return host.replace(/:\d*$/, '').toLowerCase();
}

/** IP literals cannot be rebound, so they always pass; names must be loopback or configured. */
function hostMatcher(allowedHosts: readonly string[]): (hostname: string) => boolean {
  if (allowedHosts.includes('*')) return () => true;
  const names = new Set(['localhost']);
  const domains = ['.localhost'];
  for (const entry of allowedHosts.map((h) => h.toLowerCase())) {
    if (entry.startsWith('.')) {
      domains.push(entry);
      names.add(entry.slice(1));
    } else {
      names.add(entry);
    }
  }
  return (hostname) => isIP(hostname) !== 0 || names.has(hostname) || domains.some((domain) => hostname.endsWith(domain));
}

interface OriginPattern {
  protocol: string;
  host: string;
  port: string;
}

function parseOriginPattern(pattern: string): OriginPattern | undefined {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(\[[^\]]+\]|[^:/]+)(?::(\d+|\*))?\/?$/i.exec(pattern.trim());
  if (!match) return undefined;
  return { protocol: match[1].toLowerCase(), host: match[2].toLowerCase(), port: match[3] ?? '' };
}

/** Whether a page's Origin is one of `allowedOrigins` (CORS_ORIGIN's patterns, or `*`). */
export function originMatcher(allowedOrigins: readonly string[]): (origin: string) => boolean {
  if (allowedOrigins.includes('*')) return (origin) => origin !== 'null';
  const patterns = allowedOrigins.map(parseOriginPattern).filter((p): p is OriginPattern => p !== undefined);
  return (origin) => {
    const given = parseOriginPattern(origin);
    if (!given || given.port === '*' || given.host.includes('*')) return false;
    return patterns.some((p) =>
      p.protocol === given.protocol &&
      (p.port === '*' || p.port === given.port) &&
      (p.host.startsWith('*.') ? given.host.endsWith(p.host.slice(1)) : p.host === given.host));
  };
}

const HOST_NAME = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/i;

/** Whether `entry` is a host name made of DNS labels (checked at start-up, so a typo stops the server). */
export function isHostName(entry: string): boolean {
  return HOST_NAME.test(entry);
}

/** Checks an ALLOWED_HOSTS entry: `*`, an IP address (always answered anyway), or a host name, `.` first for a domain and its subdomains. */
export function isHostPattern(entry: string): boolean {
  return entry === '*' || isIP(entry) !== 0 || isHostName(entry.replace(/^\./, ''));
}

/** Checks a CORS_ORIGIN entry at start-up, so a typo stops the server instead of refusing every page. */
export function isOriginPattern(entry: string): boolean {
  return entry === '*' || parseOriginPattern(entry) !== undefined;
}
