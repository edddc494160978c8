import { commonSchema, env, readConfig, type ConfigOf, type Environment } from '../kit/config';

const MIB = 1024 * 1024;

/** The webhook receiver's settings; WEBHOOK_SECRET and its default are the seed's. */
const webhookSchema = {
  ...commonSchema,
  secret: env.string('WEBHOOK_SECRET', 'webhook-secret-123', 'Secret deliveries are verified with unless a client has its own (whsec_<base64> is decoded, anything else is used as UTF-8 bytes; Stripe uses it as written)'),
  requireSignature: env.bool('WEBHOOK_REQUIRE_SIGNATURE', false, 'true answers unsigned deliveries 401 instead of storing them as unverified'),
  maxBodyBytes: env.int('WEBHOOK_MAX_BODY', MIB, 'Largest delivery body accepted, in bytes (larger -> 413)', { min: 1 }),
  replayAllow: env.list('WEBHOOK_REPLAY_ALLOW', [], 'Hosts replays may be sent to besides loopback (comma list; *.example.com matches subdomains, * allows any host)'),
  replayTimeoutMs: env.int('WEBHOOK_REPLAY_TIMEOUT_MS', 10000, 'How long a replay may wait for the target, in milliseconds', { min: 1 }),
};

export type WebhookConfig = ConfigOf<typeof webhookSchema>;

/** Reads and validates the webhook receiver's configuration; throws one ConfigError naming every bad variable. */
export function readWebhookConfig(source: Environment = process.env): WebhookConfig {
  return readConfig(webhookSchema, source);
}
