import type { Express } from 'express';
import type { operations } from '../../../generated/image-api';
import { mountStaticPage, publicDir, type OperationHandlers } from '../../kit';
import type { ImageService } from '../../image-api/image-service';

type DashboardQuery = NonNullable<operations['getDashboard']['parameters']['query']>;

/**
 * The operator dashboard's page (public/image-api) at /dashboard, its files under /dashboard/.
 * It shows the jobs' variants from their presigned URLs: images from `s3Origin` and nowhere else.
 */
export function mountDashboardPage(app: Express, s3Origin: string): void {
  mountStaticPage(app, { directory: publicDir('image-api'), pagePaths: ['/dashboard', '/dashboard/'], assetPrefix: '/dashboard', extraImageSources: [s3Origin] });
}

/** GET /api/v1/dashboard: the page's data; no security, as the spec says (a local tool). */
export function dashboardHandlers(service: ImageService): OperationHandlers<operations> {
  return {
    getDashboard: async (c, _req, res) => {
      // Validated against the spec already (an integer in 1..200); the query parser leaves it a string.
      const { limit } = c.request.query as { [K in keyof DashboardQuery]?: string };
      res.json(await service.dashboard(limit === undefined ? undefined : Number(limit)));
    },
  };
}
