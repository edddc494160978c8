import type { OperationHandlers } from '../../kit';
import type { operations } from '../../../generated/image-api';
import { packageVersion } from '../../kit';
import type { ImageService } from '../../image-api/image-service';

export const SERVICE_NAME = 'image-api';

/** What /health adds to the kit's report: the S3 dependency, and `degraded` when it is down. */
export async function healthExtras(service: ImageService): Promise<Record<string, unknown>> {
  const dependencies = await service.dependencies();
  return { status: dependencies.s3.status === 'ok' ? 'ok' : 'degraded', dependencies };
}

/** GET /api/v1/health(/): the same report as the kit's /health, under the API prefix. */
export function healthHandlers(service: ImageService, startedAt: number): OperationHandlers<operations> {
  return {
    getApiHealth: async (_c, _req, res) => {
      res.json({ status: 'ok', service: SERVICE_NAME, version: packageVersion, uptime_s: (Date.now() - startedAt) / 1000, ...(await healthExtras(service)) });
    },
  };
}
