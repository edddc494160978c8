import type { Express, NextFunction, Request, Response } from 'express';
import type { AuthProvider } from '../../auth-provider/auth-provider';
import { IssuerNotCreatedError } from '../../auth-provider/errors';
import { isFromUntrustedSite, originMatcher } from '../../kit';
import { PATH_INSERTION } from './protocol-routes';

/** Paths that name an issuer: the control API's, RFC 8414's path insertion, and the issuer's own. */
const ISSUER_PATHS = [/^\/admin\/issuers\/([^/]+)/, PATH_INSERTION, /^\/([^/.][^/]*)\//];

/**
 * The issuer id a request names: in its path, percent-decoded as the routes decode it
 * ('/admin/issuers/%61b' names 'ab'), or for the control page at `/` in `?issuer=`, read as the
 * page reads it (public/auth-provider/control.js), which then asks the control API for that issuer
 * from its own origin: a page of another site that sent the browser there would make it.
 */
function issuerIdOf(req: Request): string | undefined {
  if (req.path === '/') return new URLSearchParams(req.originalUrl.split('?')[1] ?? '').get('issuer') || undefined;
  for (const pattern of ISSUER_PATHS) {
    const match = pattern.exec(req.path);
    if (match) return decoded(match[1]);
  }
  return undefined;
}

/** Malformed percent-encoding names no issuer: the kit answers such a path 400. */
function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * Issuers are made on first use, keys and all (README, "Auth provider"); a GET is enough. A
 * request a browser marks as coming from a page of another site (Sec-Fetch-Site: cross-site),
 * from an origin CORS_ORIGIN does not allow, never makes one: an <img> or <script> on any site
 * the developer visits, or a link to the control page at `/?issuer=<id>`, could otherwise make
 * issuers without end, each with new keys (README, "Security model"). Issuers that exist answer
 * it as before.
 */
export function mountIssuerCreationGuard(app: Express, core: AuthProvider, allowedOrigins: readonly string[]): void {
  const originAllowed = originMatcher(allowedOrigins);
  app.use((req: Request, _res: Response, next: NextFunction) => {
    if (!isFromUntrustedSite(req, originAllowed)) {
      next();
      return;
    }
    const issuerId = issuerIdOf(req);
    const absent = issuerId !== undefined && core.issuers.isValidId(issuerId) && core.issuers.find(issuerId) === undefined;
    next(absent ? new IssuerNotCreatedError(issuerId) : undefined);
  });
}
