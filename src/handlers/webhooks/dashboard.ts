import type { Express } from 'express';
import { mountStaticPage, publicDir } from '../../kit';

/** The dashboard: index.html at `/`, its modules and styles under `/dashboard/`. */
export function mountDashboard(app: Express): void {
  mountStaticPage(app, { directory: publicDir('webhooks'), pagePaths: ['/'], assetPrefix: '/dashboard' });
}
