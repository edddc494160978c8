import { listen, type Environment, type RunningServer } from '../../../src/kit';
import { createClientApp } from '../../../src/handlers/client-app/app';
import { readClientAppConfig } from '../../../src/client-app/config';
import { createImageApiApp } from '../../../src/handlers/image-api/app';
import { readImageApiConfig } from '../../../src/image-api/config';

/** Nothing listens on the discard port: the image API's worker and webhooks fail fast there. */
const NOWHERE = 'http://127.0.0.1:9';

/**
 * The real image API on an ephemeral port, in memory. Without an S3 endpoint its jobs fail
 * after one attempt, which these API tests do not mind: they test what the client app passes
 * through. The whole flow with S3 and webhooks is the end-to-end test's.
 */
export function startImageApi(env: Environment = {}): Promise<RunningServer> {
  return listen(
    (url) => createImageApiApp(readImageApiConfig({
      STORAGE: 'memory', LOG_LEVEL: 'silent', PUBLIC_URL: url, AWS_ENDPOINT_URL: NOWHERE, WEBHOOK_URL: `${NOWHERE}/webhooks/{client}`,
      JOB_MAX_ATTEMPTS: '1', WEBHOOK_MAX_ATTEMPTS: '1', ...env,
    })),
    { port: 0 },
  );
}

export async function startClientApp(imageApiUrl: string, env: Environment = {}): Promise<RunningServer> {
  return listen(await createClientApp(readClientAppConfig({ STORAGE: 'memory', LOG_LEVEL: 'silent', IMAGE_API_URL: imageApiUrl, ...env })), { port: 0 });
}
