import { createLogger, createServer, originMatcher, specPath, type ServerApp } from '../../kit';
import { openClientAppCore } from '../../client-app/client-app';
import type { ClientAppConfig } from '../../client-app/config';
import { historyHandlers } from './history-handlers';
import { mountLogStream } from './log-stream';
import { mountPage } from './page';
import { clientAppProblem } from './problems';
import { signInHandlers } from './sign-in-handlers';
import { stressTestHandlers } from './stress-test-handlers';
import { tokenHandlers } from './token-handlers';
import { uploadHandlers } from './upload-handlers';

/** The client app (docs/ARCHITECTURE.md, "Client app"): the page at /, the seed's JSON API under /api, the live log. */
export async function createClientApp(config: ClientAppConfig): Promise<ServerApp> {
  const core = openClientAppCore(config);
  try {
    return await createServer({
      name: 'client-app',
      specFile: specPath('client-app'),
      logger: createLogger('client-app', config.logLevel, config.logFormat),
      allowedOrigins: config.allowedOrigins,
      allowedHosts: config.allowedHosts,
      handlers: {
        ...tokenHandlers(core),
        ...uploadHandlers(core),
        ...stressTestHandlers(core),
        ...historyHandlers(core),
        ...signInHandlers(core, originMatcher(config.allowedOrigins)),
      },
      mapError: clientAppProblem,
      // An event stream never ends, so it cannot go through response validation.
      servedAhead: ['streamLogs'],
      mountBefore: (app) => {
        mountPage(app);
        mountLogStream(app, core.activity);
      },
      health: async () => {
        const imageApi = await core.imageApi.health();
        return { status: imageApi.status === 'ok' ? 'ok' : 'degraded', dependencies: { image_api: imageApi } };
      },
      onClose: () => core.close(),
    });
  } catch (error) {
    core.close();
    throw error;
  }
}
