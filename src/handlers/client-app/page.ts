import express, { type Express } from 'express';
import { publicDir } from '../../kit';

/**
 * The page loads only its own scripts and styles; images may come from the S3 endpoint the
 * image API presigns (any http(s) origin: it is configurable), and server text is only ever
 * set as textContent, so no inline script or style is needed.
 */
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: http: https:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Serves public/client-app (index.html, app.css, ES modules) at / with the CSP above. */
export function mountPage(app: Express): void {
  app.use(
    express.static(publicDir('client-app'), {
      index: 'index.html',
      setHeaders: (res) => {
        res.setHeader('content-security-policy', PAGE_CSP);
        res.setHeader('x-content-type-options', 'nosniff');
        res.setHeader('cache-control', 'no-cache');
      },
    }),
  );
}
