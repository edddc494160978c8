import { createLogger, createServer, specPath, type ServerApp } from '../../kit';
import type { ImageApiConfig } from '../../image-api/config';
import { ImageService } from '../../image-api/image-service';
import { bearerOperations } from './bearer-operations';
import { healthExtras, healthHandlers, SERVICE_NAME } from './health';
import { jobHandlers } from './jobs';
import { uploadHandlers } from './upload';

const UPLOAD_PATH = '/api/v1/images/upload';

/**
 * The image API stand-in (DESIGN.md §4). close() stops the worker (interrupted jobs resume at
 * the next start) and closes the database.
 */
export async function createImageApiApp(config: ImageApiConfig): Promise<ServerApp> {
  const logger = createLogger(SERVICE_NAME, config.logLevel);
  const service = await ImageService.open(config, logger);
  const startedAt = Date.now();
  try {
    return await createServer({
      name: SERVICE_NAME,
      specFile: specPath('image-api'),
      logger,
      corsOrigin: config.corsOrigin,
      handlers: { ...uploadHandlers(service), ...jobHandlers(service), ...healthHandlers(service, startedAt), ...bearerOperations },
      // The upload's multipart body is streamed by its handler. The validator only checks bodies
      // it is given, so it gets an empty form to check (the binary `file` is never required there).
      mountBefore: (app) => {
        app.post(UPLOAD_PATH, (req, _res, next) => {
          req.body ??= {};
          next();
        });
      },
      health: () => healthExtras(service),
      onClose: () => service.close(),
    });
  } catch (error) {
    await service.close();
    throw error;
  }
}
