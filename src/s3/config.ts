import { commonSchema, ConfigError, env, readConfig, type ConfigOf, type Environment, type Field } from '../kit/config';
import { isHostName } from '../kit/request-guard';
import { standardWebhooksSecretProblem } from '../kit/standard-webhooks-secret';
import { ownPortSetting } from '../servers';
import { OBJECT_OWNERSHIPS } from './access/access-documents';
import { parsePrincipalSettings, type PrincipalSettings } from './access/principals';
import { parseCredentials, type Credentials } from './auth/credentials';
import type { CorsDefault } from './cors-rules';
import { readDestinations, type WebhookDestination } from './events/destinations';
import { bucketNameProblem } from './store/bucket-name';

const DEFAULT_CREDENTIALS = 'test-key:test-secret';

const credentialsField: Field<Credentials> = {
  name: 'S3_CREDENTIALS',
  defaultValue: parseCredentials(DEFAULT_CREDENTIALS),
  description: `Accepted access keys, comma-separated key:secret pairs (default ${DEFAULT_CREDENTIALS}); the first signs /presigned-url URLs`,
  parse: parseCredentials,
};

const principalsField: Field<PrincipalSettings> = {
  name: 'S3_PRINCIPALS',
  defaultValue: new Map(),
  description: 'Who each access key is, as JSON: {"<key>":{"arn":"arn:aws:iam::<account>:root|user/<name>","id":"<canonical id>","displayName":"..."}}. Keys not named are the root of S3_ACCOUNT_ID (the owner); an ARN in another account is a distinct, non-owner account',
  parse: parsePrincipalSettings,
};

/**
 * The S3 mock's settings. PRESIGNED_URL_BASE and PORT are the seed's; the AWS-side defaults
 * (test-key:test-secret, us-east-1) are what the image service's .env uses. Two defaults come
 * from other variables of `source`: the mock's own URL from its port, the notification secret
 * from the receiver's WEBHOOK_SECRET.
 */
export function s3Schema(source: Environment) {
  const defaultBaseUrl = `http://localhost:${ownPortSetting('s3', source)}`;
  const defaultNotifySecret = source.WEBHOOK_SECRET || 'webhook-secret-123';
  return {
    ...commonSchema,
    credentials: credentialsField,
    auth: env.oneOf('S3_AUTH', ['open', 'strict'] as const, 'open', "open: unsigned requests act as the owner (the seed curl examples work); strict: they are anonymous, allowed only where an ACL grant or the bucket policy allows, else AccessDenied. Signed requests are always verified"),
    accountId: {
      name: 'S3_ACCOUNT_ID',
      defaultValue: '123456789012',
      description: 'The owner account id (12 digits): bucket policies name it as arn:aws:iam::<id>:root',
      parse: (raw: string) => {
        if (!/^\d{12}$/.test(raw)) throw new Error(`expected 12 digits, got "${raw}"`);
        return raw;
      },
    } satisfies Field<string>,
    principals: principalsField,
    objectOwnership: env.oneOf('S3_OBJECT_OWNERSHIP', OBJECT_OWNERSHIPS, 'BucketOwnerEnforced', 'Object Ownership of buckets created without x-amz-object-ownership. BucketOwnerEnforced: ACLs disabled (as AWS); ObjectWriter: no ownership controls, ACLs enabled, objects owned by their writer; BucketOwnerPreferred'),
    domains: env.list('S3_DOMAINS', ['localhost', 's3.localhost'], 'Domains for virtual-host style: <bucket>.<domain> names a bucket (comma list)', (domain) =>
      isHostName(domain) ? undefined : 'is no domain name such as s3.localhost',
    ),
    buckets: env.list('S3_BUCKETS', ['test-bucket', 'test-uploads'], 'Buckets that exist at start and after /admin/reset (comma list)', (bucket) => {
      const problem = bucketNameProblem(bucket);
      return problem && `cannot be a bucket: it ${problem}`;
    }),
    presignedUrlBase: env.url('PRESIGNED_URL_BASE', defaultBaseUrl, 'Base URL of the presigned URLs that GET /presigned-url hands out'),
    region: env.string('S3_REGION', 'us-east-1', 'Region of buckets created without a LocationConstraint (GetBucketLocation); signatures for any region are accepted'),
    corsDefault: env.oneOf<CorsDefault>(
      'S3_CORS_DEFAULT',
      ['none', 'permissive'],
      'none',
      'CORS of a bucket without a CORS configuration. none: no CORS headers, preflights refused (403), unsigned writes from web pages refused, as on AWS; permissive: any origin (answered *, without credentials), method and header',
    ),
    webhookUrl: env.url('WEBHOOK_URL', 'http://localhost:4000/webhooks/{client}', "The webhook receiver's delivery URL ({client} becomes the client id): S3 event notifications to the destination `standin` go to its client s3"),
    notifySecret: env.string('S3_NOTIFY_SECRET', defaultNotifySecret, 'Secret S3 event notifications are signed with (Standard Webhooks headers; whsec_<base64> is decoded, anything else is used as UTF-8 bytes). Default: WEBHOOK_SECRET, else webhook-secret-123, which the webhook receiver verifies with'),
    notifyMaxAttempts: env.int('S3_NOTIFY_MAX_ATTEMPTS', 8, 'Delivery attempts per S3 event notification before it is marked failed', { min: 1, max: 100 }),
    notifyRetryBaseMs: env.int('S3_NOTIFY_RETRY_BASE_MS', 1000, 'Wait before the second delivery attempt of an S3 event notification, doubling for each later one (at most 5 minutes), in milliseconds', { min: 1 }),
    notifyTimeoutMs: env.int('S3_NOTIFY_TIMEOUT_MS', 5000, 'How long one delivery attempt of an S3 event notification may wait for an answer, in milliseconds', { min: 1 }),
  };
}

export type S3Config = ConfigOf<ReturnType<typeof s3Schema>> & {
  /** S3_NOTIFY_WEBHOOK_<ID> (and _FORMAT), plus the receiver as `standin` (src/s3/events/destinations.ts). */
  notifyDestinations: ReadonlyMap<string, WebhookDestination>;
};

/** Reads and validates the S3 mock's configuration; throws one ConfigError naming every bad variable. */
export function readS3Config(source: Environment = process.env): S3Config {
  const config = readConfig(s3Schema(source), source);
  const unknownKeys = [...config.principals.keys()].filter((key) => !config.credentials.has(key));
  if (unknownKeys.length > 0) throw new ConfigError([`S3_PRINCIPALS: ${unknownKeys.join(', ')} not in S3_CREDENTIALS`]);
  // Checked here rather than by its field, as its default, WEBHOOK_SECRET, is checked too.
  const secretProblem = standardWebhooksSecretProblem(config.notifySecret);
  if (secretProblem !== undefined) throw new ConfigError([`${source.S3_NOTIFY_SECRET ? 'S3_NOTIFY_SECRET' : 'WEBHOOK_SECRET (the default of S3_NOTIFY_SECRET)'}: ${secretProblem}`]);
  const destinations = readDestinations(source, config.webhookUrl.replace('{client}', 's3'));
  if (Array.isArray(destinations)) throw new ConfigError(destinations);
  return { ...config, notifyDestinations: destinations };
}
