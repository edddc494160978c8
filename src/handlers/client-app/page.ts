import type { Express } from 'express';
import { mountStaticPage, publicDir } from '../../kit';

/**
 * Serves public/client-app (index.html, app.css, ES modules) at /. Its images come from the S3
 * endpoint the image API presigns, which is configurable: any http(s) origin.
 */
export function mountPage(app: Express): void {
  mountStaticPage(app, { directory: publicDir('client-app'), pagePaths: ['/'], assetPrefix: '/', extraImageSources: ['blob:', 'http:', 'https:'] });
}
