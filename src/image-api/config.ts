import { alsoRead, commonSchema, env, readConfig, type ConfigOf, type Environment } from '../kit/config';
import { standardWebhooksSecretProblem } from '../kit/standard-webhooks-secret';
import { ownPortSetting } from '../servers';

const MIB = 1024 * 1024;

/**
 * The image API stand-in's settings. Names and defaults follow the seed (JWT_SECRET_KEY, the image
 * service's name for what the client app calls JWT_SECRET, which is read when it is unset;
 * WEBHOOK_SECRET) and the image service's own S3 settings (AWS_*), so the same `.env` drives both.
 * PUBLIC_URL's default is the API's own URL, from its port in `source`.
 */
export function imageApiSchema(source: Environment) {
  const defaultPublicUrl = `http://localhost:${ownPortSetting('image-api', source)}`;
  return {
    ...commonSchema,
    jwtSecret: alsoRead(env.string('JWT_SECRET_KEY', 'dev-secret-change-in-production', 'HS256 secret that upload tokens are signed with'), 'JWT_SECRET'),
    authIssuer: env.exactUrl('AUTH_ISSUER', 'http://localhost:8080/default', 'OAuth 2 / OIDC issuer whose RS256/ES256 access tokens are accepted besides the HS256 ones; its keys are found through its discovery document'),
    authAudience: env.list('AUTH_AUDIENCE', ['image-api'], 'Audiences that name this API (comma-separated): an issuer\'s access token must carry one of them, or PUBLIC_URL, in its aud'),
    authProviderUrl: env.url('AUTH_PROVIDER_URL', '', 'Where this server reaches the issuer when the issuer\'s own origin does not work from here (Docker: http://auth:8080); default: the issuer\'s origin'),
    authTokenTyp: env.string('AUTH_TOKEN_TYP', 'at+jwt', 'The typ header an issuer\'s access token must carry (RFC 9068), which tells it from the issuer\'s ID tokens; empty: any, for issuers that label theirs JWT'),
    authJwksCooldownMs: env.int('AUTH_JWKS_COOLDOWN_MS', 1000, 'Least time between two fetches of the issuer\'s keys (a token with an unknown kid fetches them again)', { min: 0 }),
    maxUploadBytes: env.int('MAX_UPLOAD_BYTES', 10 * MIB, 'Largest accepted image, in bytes (larger -> 413)', { min: 1 }),
    // sharp's own default is 268 Mpx (0x3FFF squared): 1 GB of pixels for one job. Zero would lift its limit, so 1 is the least.
    maxInputPixels: env.int('MAX_INPUT_PIXELS', 40_000_000, 'Largest image the worker decodes, in pixels (width x height); a larger one fails its job at once', { min: 1 }),
    rateLimitPerHour: env.int('RATE_LIMIT_PER_HOUR', 50, 'Uploads per user per rolling hour (more -> 429)', { min: 1 }),
    awsEndpointUrl: env.url('AWS_ENDPOINT_URL', 'http://localhost:9000', 'S3 endpoint the worker stores images in (the S3 mock)'),
    s3PublicUrl: env.url('S3_PUBLIC_URL', '', 'S3 endpoint put into the presigned result URLs, when clients reach S3 by another address than this API does (e.g. http://localhost:9000 in Docker); default AWS_ENDPOINT_URL'),
    awsRegion: env.string('AWS_REGION', 'eu-west-1', 'S3 region used for signing'),
    awsAccessKeyId: env.string('AWS_ACCESS_KEY_ID', 'test-key', 'S3 access key id'),
    awsSecretAccessKey: env.string('AWS_SECRET_ACCESS_KEY', 'test-secret', 'S3 secret access key'),
    s3Bucket: env.string('S3_BUCKET', 'test-uploads', 'Bucket used when an upload names none; created if missing'),
    webhookUrl: env.url(
      'WEBHOOK_URL',
      'http://localhost:4000/webhooks/{client}',
      'Where image.processed / image.failed are POSTed; {client} becomes the client id (JWT client_id claim, else sub)',
    ),
    webhookSecret: env.string('WEBHOOK_SECRET', 'webhook-secret-123', 'Webhook signing secret (whsec_<base64> is decoded, anything else is used as UTF-8 bytes)', standardWebhooksSecretProblem),
    webhookMaxAttempts: env.int('WEBHOOK_MAX_ATTEMPTS', 5, 'Delivery attempts per webhook before giving up', { min: 1, max: 20 }),
    webhookRetryBaseMs: env.int('WEBHOOK_RETRY_BASE_MS', 1000, 'First webhook retry delay; doubles per attempt, with jitter', { min: 1 }),
    webhookTimeoutMs: env.int('WEBHOOK_TIMEOUT_MS', 5000, 'How long one webhook delivery may take', { min: 1 }),
    processingDelayMs: env.int('PROCESSING_DELAY_MS', 0, 'Extra time each processing attempt takes (simulates a slow worker)', { min: 0 }),
    failureRate: env.number('FAILURE_RATE', 0, 'Probability (0..1) that a processing attempt fails (simulates a flaky worker)', { min: 0, max: 1 }),
    jobMaxAttempts: env.int('JOB_MAX_ATTEMPTS', 3, 'Processing attempts per job before it is failed', { min: 1, max: 20 }),
    jobRetryBaseMs: env.int('JOB_RETRY_BASE_MS', 1000, 'First processing retry delay; doubles per attempt, with jitter', { min: 1 }),
    workerConcurrency: env.int('WORKER_CONCURRENCY', 2, 'Jobs processed at the same time', { min: 1, max: 64 }),
    presignedUrlExpiresS: env.int('PRESIGNED_URL_EXPIRES_S', 3600, 'Lifetime of the presigned result URLs, in seconds', { min: 1, max: 604800 }),
    publicUrl: env.url('PUBLIC_URL', defaultPublicUrl, 'Base URL of this API, used in status_url'),
  };
}

export type ImageApiConfig = ConfigOf<ReturnType<typeof imageApiSchema>>;

/** Reads and validates the image API's configuration; throws one ConfigError naming every bad variable. */
export function readImageApiConfig(source: Environment = process.env): ImageApiConfig {
  return readConfig(imageApiSchema(source), source);
}
