import { createLogger, createServer, specPath, type ServerApp } from '../../kit';
import type { ImageApiConfig } from '../../image-api/config';
import { ImageService } from '../../image-api/image-service';
import { bearerAuth } from './bearer-auth';
import { dashboardHandlers, mountDashboardPage } from './dashboard';
import { healthExtras, healthHandlers, SERVICE_NAME } from './health';
import { jobHandlers } from './jobs';
import { imageApiProblem } from './problems';
import { uploadHandlers } from './upload';

/**
 * The image API stand-in (docs/ARCHITECTURE.md, "Image API"). close() stops the worker
 * (interrupted jobs resume at the next start) and closes the database.
 */
export async function createImageApiApp(config: ImageApiConfig): Promise<ServerApp> {
  const logger = createLogger(SERVICE_NAME, config.logLevel, config.logFormat);
  const service = await ImageService.open(config, logger);
  const startedAt = Date.now();
  try {
    return await createServer({
      name: SERVICE_NAME,
      specFile: specPath('image-api'),
      logger,
      allowedOrigins: config.allowedOrigins,
      allowedHosts: config.allowedHosts,
      handlers: { ...uploadHandlers(service), ...jobHandlers(service), ...healthHandlers(service, startedAt), ...dashboardHandlers(service) },
      securityHandlers: { bearerAuth: bearerAuth(service) },
      mapError: imageApiProblem,
      mountBefore: (app) => mountDashboardPage(app, service.resultImageOrigin),
      health: () => healthExtras(service),
      onClose: () => service.close(),
    });
  } catch (error) {
    await service.close();
    throw error;
  }
}
