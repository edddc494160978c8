import type { Environment } from '../../../src/kit';

/** Nothing listens on the discard port: the image API's worker and webhooks fail fast there. */
const NOWHERE = 'http://127.0.0.1:9';

/**
 * The real image API without an S3 mock or a webhook receiver: its jobs fail after one attempt,
 * which these API tests do not mind: they test what the client app passes through. The whole
 * flow with S3 and webhooks is the end-to-end test's.
 */
export const IMAGE_API_ALONE: Environment = {
  AWS_ENDPOINT_URL: NOWHERE,
  WEBHOOK_URL: `${NOWHERE}/webhooks/{client}`,
  JOB_MAX_ATTEMPTS: '1',
  WEBHOOK_MAX_ATTEMPTS: '1',
};
