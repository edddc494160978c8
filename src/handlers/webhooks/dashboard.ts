import path from 'node:path';
import express, { type Express } from 'express';
import { publicDir } from '../../kit';

/**
 * Only this origin's scripts and styles run; request content is rendered as text by the page
 * itself, and this policy is the second line: no inline script, no plugin, no framing.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** The dashboard: index.html at `/`, its modules and styles under `/dashboard/`. */
export function mountDashboard(app: Express): void {
  const files = publicDir('webhooks');
  const withPolicy: express.RequestHandler = (_req, res, next) => {
    res.setHeader('content-security-policy', DASHBOARD_CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    next();
  };
  app.get('/', withPolicy, (_req, res) => {
    res.sendFile(path.join(files, 'index.html'));
  });
  app.use('/dashboard', withPolicy, express.static(files, { index: false, fallthrough: false }));
}
