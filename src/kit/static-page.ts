import path from 'node:path';
import type { Express, RequestHandler, Response } from 'express';
import { answerOptions, methodNotAllowed } from './method-answers';
import { publicDir } from './project-files';
import { isCorsPreflight } from './request-guard';

export interface StaticPage {
  /** The folder holding index.html and the files it loads, e.g. publicDir('webhooks'). */
  directory: string;
  /** The URL paths answered with index.html, e.g. ['/'] or ['/dashboard', '/dashboard/']. */
  pagePaths: string[];
  /** The URL prefix the folder's files are served under (index.html names them with it). */
  assetPrefix: string;
  /** Where images may come from besides the page itself and data: URLs (e.g. presigned S3 URLs). */
  extraImageSources?: string[];
  /**
   * Where public/shared/ is served; default /shared. A server whose top-level names belong to
   * its protocol (the S3 mock: any name may be a bucket) serves it under its page's own prefix.
   */
  sharedPrefix?: string;
}

/**
 * The policy of every page standin serves: only this origin's scripts, styles and requests. The
 * pages set whatever a server sends as textContent; this is the second line: no inline script,
 * no plugin, no framing, no base-URL or form-target hijack.
 */
export function pageSecurityPolicy(extraImageSources: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    ['img-src', "'self'", 'data:', ...extraImageSources].join(' '),
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * Serves a static page (plain HTML, CSS and ES modules from public/<server>/) ahead of the API
 * routes, with the policy above on the page and on every file it loads, and the files every page
 * shares (public/shared/: theme, DOM, format and fetch helpers) under /shared/ (or `sharedPrefix`). A file that does not
 * exist falls through to the API's routing, whose 404 is a problem+json like any other.
 */
export function mountStaticPage(app: Express, page: StaticPage): void {
  const setPageHeaders = (res: Response): void => pageHeaders(res, page.extraImageSources);
  const indexFile = path.join(page.directory, 'index.html');
  app.get(page.pagePaths, (_req, res) => {
    setPageHeaders(res);
    res.sendFile(indexFile);
  });
  refuseAllButReads(app, page.pagePaths);
  app.use(page.sharedPrefix ?? '/shared', staticFiles(publicDir('shared'), setPageHeaders));
  app.use(page.assetPrefix, staticFiles(page.directory, setPageHeaders));
}

/**
 * Answers any method but GET and HEAD on `paths` (a page, a document served ahead of the API
 * routes) with 405 and the Allow header (RFC 9110 §15.5.6), rather than the API's 404 for a path
 * it does not route. A CORS preflight goes on to the kit's answer to it, so OPTIONS is allowed
 * too, and a plain OPTIONS is a 204 with that Allow (RFC 9110 §9.3.7), as on the API's paths.
 */
export function refuseAllButReads(app: Express, paths: string[]): void {
  const allow = ['GET', 'HEAD', 'OPTIONS'];
  app.all(paths, (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || isCorsPreflight(req)) return next();
    if (req.method === 'OPTIONS') {
      answerOptions(res, allow);
      return;
    }
    next(methodNotAllowed(req.method, req.path, allow));
  });
}

/**
 * express.static for `directory`, taken from express when the first file is asked for: express
 * is loaded with the app (create-server.ts), not when the kit is imported.
 */
function staticFiles(directory: string, setHeaders: (res: Response) => void): RequestHandler {
  let serve: Promise<RequestHandler> | undefined;
  return (req, res, next) => {
    serve ??= import('express').then(({ default: express }) => express.static(directory, { index: false, setHeaders }));
    serve.then((handler) => handler(req, res, next), next);
  };
}

/** The headers of every page and page file: the policy above, no sniffing, no referrer, always revalidated. */
export function pageHeaders(res: Response, extraImageSources?: string[]): void {
  documentHeaders(res, pageSecurityPolicy(extraImageSources));
  // A developer tool is edited and reloaded often: always revalidate, never serve a stale module.
  res.setHeader('cache-control', 'no-cache');
}

/**
 * The headers of every document a server renders for browsers (its pages, /docs) besides the
 * policy it needs: no sniffing, and no referrer, so no URL of the page (a code or token in its
 * query) goes with the requests and links it makes.
 */
export function documentHeaders(res: Response, policy: string): void {
  res.setHeader('content-security-policy', policy);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
}
