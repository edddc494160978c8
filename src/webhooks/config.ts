import { commonSchema, ConfigError, env, readConfig, type ConfigOf, type Environment } from '../kit/config';
import { standardWebhooksSecretProblem } from '../kit/standard-webhooks-secret';
import { ReplayTargetPolicy } from './replay-target-policy';

const MIB = 1024 * 1024;
/**
 * An event presents its body as one string, base64 when it is not UTF-8: past about 384 MiB that
 * text passes the longest string V8 makes (2^29 - 24 characters), and the event could not be shown.
 */
const LARGEST_BODY_LIMIT = 256 * MIB;

/** The webhook receiver's settings; WEBHOOK_SECRET and its default are the seed's. */
export const webhookSchema = {
  ...commonSchema,
  secret: env.string('WEBHOOK_SECRET', 'webhook-secret-123', 'Secret deliveries are verified with unless a client has its own (whsec_<base64> is decoded, anything else is used as UTF-8 bytes; Stripe uses it as written)', standardWebhooksSecretProblem),
  requireSignature: env.bool('WEBHOOK_REQUIRE_SIGNATURE', false, 'true answers unsigned deliveries 401 instead of storing them as unverified'),
  maxBodyBytes: env.int('WEBHOOK_MAX_BODY', MIB, 'Largest delivery body accepted, in bytes (larger -> 413), at most 256 MiB', { min: 1, max: LARGEST_BODY_LIMIT }),
  replayAllow: env.list('WEBHOOK_REPLAY_ALLOW', [], 'Hosts replays may be sent to besides loopback (comma list; *.example.com matches subdomains, * allows any host)'),
  replayTimeoutMs: env.int('WEBHOOK_REPLAY_TIMEOUT_MS', 10000, 'How long a replay, resend or test event may wait for the target, in milliseconds', { min: 1 }),
  forwardTo: env.exactUrl('WEBHOOK_FORWARD_TO', '', 'URL every delivery is also forwarded to, for clients without their own forward_url (empty: none); loopback or WEBHOOK_REPLAY_ALLOW hosts only'),
  forwardMaxAttempts: env.int('WEBHOOK_FORWARD_MAX_ATTEMPTS', 5, 'Attempts to forward one delivery before giving up', { min: 1, max: 100 }),
  forwardRetryBaseMs: env.int('WEBHOOK_FORWARD_RETRY_BASE_MS', 1000, 'Wait before the second forwarding attempt, doubling for each later one (at most 5 minutes), in milliseconds', { min: 1 }),
  forwardTimeoutMs: env.int('WEBHOOK_FORWARD_TIMEOUT_MS', 10000, 'How long one forwarding attempt may wait for the app, in milliseconds', { min: 1 }),
};

export type WebhookConfig = ConfigOf<typeof webhookSchema>;

/** Reads and validates the webhook receiver's configuration; throws one ConfigError naming every bad variable. */
export function readWebhookConfig(source: Environment = process.env): WebhookConfig {
  const config = readConfig(webhookSchema, source);
  if (config.forwardTo !== '') {
    // Forwards go where replays may go; a target outside that is a bad setting, named at start.
    try {
      new ReplayTargetPolicy(config.replayAllow).check(config.forwardTo);
    } catch (error) {
      throw new ConfigError([`WEBHOOK_FORWARD_TO: ${(error as Error).message}`]);
    }
  }
  return config;
}
