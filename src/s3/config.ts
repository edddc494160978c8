import { commonSchema, ConfigError, env, readConfig, type ConfigOf, type Environment, type Field } from '../kit/config';
import { OBJECT_OWNERSHIPS } from './access/access-documents';
import { parsePrincipalSettings, type PrincipalSettings } from './access/principals';
import { parseCredentials, type Credentials } from './auth/credentials';
import type { CorsDefault } from './cors-rules';

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
  description: 'Who each access key is, as JSON: {"<key>":{"arn":"arn:aws:iam::<account>:root|user/<name>","id":"<canonical id>","displayName":"...","email":"..."}}. Keys not named are the root of S3_ACCOUNT_ID (the owner); an ARN in another account is a distinct, non-owner account',
  parse: parsePrincipalSettings,
};

/**
 * The S3 mock's settings. PRESIGNED_URL_BASE and PORT are the seed's; the AWS-side defaults
 * (test-key:test-secret, us-east-1) are what the image service's .env uses.
 */
function s3Schema(defaultBaseUrl: string) {
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
    domains: env.list('S3_DOMAINS', ['localhost', 's3.localhost'], 'Domains for virtual-host style: <bucket>.<domain> names a bucket (comma list)'),
    buckets: env.list('S3_BUCKETS', ['test-bucket', 'test-uploads'], 'Buckets that exist at start and after /admin/reset (comma list)'),
    presignedUrlBase: env.url('PRESIGNED_URL_BASE', defaultBaseUrl, 'Base URL of the presigned URLs that GET /presigned-url hands out'),
    region: env.string('S3_REGION', 'us-east-1', 'Region of buckets created without a LocationConstraint (GetBucketLocation); signatures for any region are accepted'),
    corsDefault: env.oneOf<CorsDefault>(
      'S3_CORS_DEFAULT',
      ['none', 'permissive'],
      'none',
      'CORS of a bucket without a CORS configuration. none: no CORS headers, preflights refused (403), unsigned writes from web pages refused, as on AWS; permissive: any origin (answered *, without credentials), method and header',
    ),
  };
}

export type S3Config = ConfigOf<ReturnType<typeof s3Schema>>;

/** Reads and validates the S3 mock's configuration; throws one ConfigError naming every bad variable. */
export function readS3Config(source: Environment = process.env): S3Config {
  const port = source.S3_PORT || source.PORT || '9000';
  const config = readConfig(s3Schema(`http://localhost:${port}`), source);
  const unknownKeys = [...config.principals.keys()].filter((key) => !config.credentials.has(key));
  if (unknownKeys.length > 0) throw new ConfigError([`S3_PRINCIPALS: ${unknownKeys.join(', ')} not in S3_CREDENTIALS`]);
  return config;
}
