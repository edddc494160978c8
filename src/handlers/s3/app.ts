import { createLogger, createServer, originMatcher, specPath, type ServerApp } from '../../kit';
import { DISPATCH_TABLE } from '../../s3/dispatch';
import { AccessControl } from '../../s3/access/access-control';
import { PrincipalDirectory } from '../../s3/access/principals';
import { createAuthenticator } from '../../s3/auth/authenticator';
import type { S3Config } from '../../s3/config';
import { NotificationDelivery } from '../../s3/events';
import { openObjectStore } from '../../s3/store';
import { ADMIN_EVENTS_PATH, adminEventStream } from './admin-event-stream';
import { adminHandlers } from './admin-handlers';
import { mountConsolePage } from './console-page';
import { extrasSecurityHandlers } from './extras-auth';
import { createConfiguredBuckets, extrasHandlers } from './extras-handlers';
import { notificationAdminHandlers } from './notification-admin-handlers';
import { OPERATION_HANDLERS } from './operation-handlers';
import { s3ExtrasProblem } from './problems';
import { s3ProtocolAnswer } from './protocol-answers';
import { answerStalledS3Request, isMockExtra, s3Router } from './s3-router';

const SERVICE_NAME = 's3-mock';
const S3_OPERATIONS = [...new Set(DISPATCH_TABLE.map((route) => route.operation))];

/**
 * The S3 mock (docs/ARCHITECTURE.md, "S3 mock"). The S3 router is the kit's pre-route (plain
 * node:http, ahead of express) and takes every request that is not for one of the reserved
 * top-level names (health, docs, openapi.json, presigned-url, admin); openapi-backend serves only
 * those JSON extras.
 * Bodies are never parsed by the kit: S3 operations stream them.
 */
export async function createS3App(config: S3Config): Promise<ServerApp> {
  const logger = createLogger(SERVICE_NAME, config.logLevel, config.logFormat);
  const store = await openObjectStore({ storage: config.storage, dataDir: config.dataDir, defaultRegion: config.region });
  try {
    await createConfiguredBuckets(store, config);
    const directory = new PrincipalDirectory(config.accountId, config.credentials.keys(), config.principals);
    const delivery = new NotificationDelivery(store.outbox, {
      destinations: config.notifyDestinations,
      secret: config.notifySecret,
      accountId: config.accountId,
      maxAttempts: config.notifyMaxAttempts,
      retryBaseMs: config.notifyRetryBaseMs,
      timeoutMs: config.notifyTimeoutMs,
      logger,
    });
    const services = {
      store,
      config,
      authenticate: createAuthenticator({ credentials: config.credentials }),
      access: new AccessControl(store, directory, { strict: config.auth === 'strict', defaultOwnership: config.objectOwnership }),
      trustedOrigin: originMatcher(config.allowedOrigins),
    };
    const app = await createServer({
      name: SERVICE_NAME,
      specFile: specPath('s3-mock'),
      logger,
      allowedOrigins: config.allowedOrigins,
      // A virtual-host request names its bucket in the Host header (`bucket.localhost`).
      allowedHosts: [...config.allowedHosts, ...config.domains.map((domain) => `.${domain}`)],
      originPolicy: (req) => (isMockExtra(req, config.domains) ? 'guard' : 'protocol'),
      parseJson: false,
      handlers: { ...extrasHandlers(store, config, () => services.access.forgetAll()), ...adminHandlers(services), ...notificationAdminHandlers(store, config) },
      securityHandlers: extrasSecurityHandlers(services),
      mapError: s3ExtrasProblem,
      // Every S3 operation goes through the S3 router and its dispatch table, ahead of express.
      servedAhead: [...S3_OPERATIONS, 'getConsole', 'streamAdminEvents'],
      preRoute: s3Router(services, OPERATION_HANDLERS, logger),
      // AWS serves `Expect: 200` or an empty Expect as if the header were absent.
      ignoreUnknownExpectations: true,
      answerStalledRequest: answerStalledS3Request,
      protocolAnswer: s3ProtocolAnswer(config.domains),
      mountBefore: (app) => {
        mountConsolePage(app);
        app.get(ADMIN_EVENTS_PATH, adminEventStream(services));
      },
      onClose: async () => {
        await delivery.stop();
        await store.close();
      },
    });
    // Events a crash or a stop left pending go out now (docs/ARCHITECTURE.md, "S3 event notifications").
    delivery.start();
    return app;
  } catch (error) {
    await store.close();
    throw error;
  }
}
