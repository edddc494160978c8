import { readFileSync } from 'node:fs';

/**
 * Redoc reference pages that work offline: the standalone bundle comes from the installed
 * `redoc` package and the spec is embedded in a script, so the page fetches nothing from the
 * internet (and also opens from file://). The same page serves /docs and `npm run docs`.
 */
const redocBundlePath = require.resolve('redoc/bundles/redoc.standalone.js');

/** Redoc's sidebar footer shows a logo from Redocly's CDN; an empty data: URL keeps the page offline. */
const CDN_LOGO = 'https://cdn.redoc.ly/redoc/logo-mini.svg';

let redocBundle: string | undefined;
export function readRedocBundle(): string {
  redocBundle ??= readFileSync(redocBundlePath, 'utf8').replaceAll(CDN_LOGO, 'data:,');
  return redocBundle;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** `assetBase` is where redoc.standalone.js and spec.js live relative to the page ('/docs/' or './'). */
export function redocPage(title: string, assetBase: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <link rel="icon" href="data:,">
  <style>body { margin: 0; font-family: system-ui, sans-serif; }</style>
</head>
<body>
  <div id="redoc"></div>
  <script src="${assetBase}redoc.standalone.js"></script>
  <script src="${assetBase}spec.js"></script>
</body>
</html>
`;
}

/** The script that hands the (already bundled) spec to Redoc. `<` is escaped so no spec text can close the script. */
export function redocInitScript(spec: unknown): string {
  const json = JSON.stringify(spec).replace(/</g, '\\u003c');
  return `Redoc.init(${json}, { hideDownloadButton: false, expandResponses: '200,201,202' }, document.getElementById('redoc'));\n`;
}

/**
 * Redoc styles with inline <style> and runs its search in a blob: worker. Like the servers' pages
 * (static-page.ts), no other site may frame it (clickjacking).
 */
export const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
