import { createLogger, createServer, specPath, type ServerApp } from '../../kit';
import type { WebhookConfig } from '../../webhooks/config';
import { WebhookReceiver } from '../../webhooks/webhook-receiver';
import { clientHandlers } from './clients';
import { mountDashboard } from './dashboard';
import { deliveryPreRoute, isDelivery } from './deliveries';
import { eventStream } from './event-stream';
import { eventHandlers } from './events';
import { forwardHandlers } from './forwards';
import { webhookProblem } from './problems';
import { replayHandlers } from './replays';
import { statsHandlers } from './stats';
import { testEventHandlers } from './test-events';

/** Client settings are the only JSON the kit parses; deliveries are routed first and read as raw bytes. */
const SETTINGS_JSON_LIMIT = 64 * 1024;

/** The webhook receiver (port 4000): delivery endpoint, event log API, replay, live dashboard. */
export async function createWebhookApp(config: WebhookConfig): Promise<ServerApp> {
  const receiver = new WebhookReceiver(config);
  const logger = createLogger('webhook-receiver', config.logLevel, config.logFormat);
  for (const refused of receiver.clients.refused()) logger.error({ clientId: refused.clientId }, refused.message);
  try {
    return await createServer({
      name: 'webhook-receiver',
      specFile: specPath('webhook-receiver'),
      logger,
      allowedOrigins: config.allowedOrigins,
      allowedHosts: config.allowedHosts,
      originPolicy: (req) => (isDelivery(req) ? 'open' : 'guard'),
      jsonLimit: SETTINGS_JSON_LIMIT,
      handlers: {
        ...eventHandlers(receiver),
        ...replayHandlers(receiver),
        ...statsHandlers(receiver),
        ...clientHandlers(receiver),
        ...forwardHandlers(receiver),
        ...testEventHandlers(receiver),
      },
      mapError: webhookProblem,
      // The dashboard page and the event stream are mounted before the router; deliveries are the pre-route.
      servedAhead: ['getDashboard', 'streamEvents', 'receiveWebhook'],
      preRoute: deliveryPreRoute(receiver, { maxBodyBytes: config.maxBodyBytes }, logger),
      mountBefore: (app) => {
        mountDashboard(app);
        app.get('/webhooks/stream', eventStream(receiver));
      },
      health: () => ({ storage: config.storage }),
      onClose: () => receiver.close(),
    });
  } catch (error) {
    await receiver.close();
    throw error;
  }
}
