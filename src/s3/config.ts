import { commonSchema, env, readConfig, type ConfigOf, type Environment, type Field } from '../kit/config';
import { parseCredentials, type Credentials } from './auth/credentials';
import type { CorsDefault } from './cors-rules';

const DEFAULT_CREDENTIALS = 'test-key:test-secret';

const credentialsField: Field<Credentials> = {
  name: 'S3_CREDENTIALS',
  defaultValue: parseCredentials(DEFAULT_CREDENTIALS),
  description: `Accepted access keys, comma-separated key:secret pairs (default ${DEFAULT_CREDENTIALS}); the first signs /presigned-url URLs`,
  parse: parseCredentials,
};

/**
 * The S3 mock's settings. PRESIGNED_URL_BASE and PORT are the seed's; the AWS-side defaults
 * (test-key:test-secret, us-east-1) are what the image service's .env uses.
 */
function s3Schema(defaultBaseUrl: string) {
  return {
    ...commonSchema,
    credentials: credentialsField,
    auth: env.oneOf('S3_AUTH', ['open', 'strict'] as const, 'open', 'open: unsigned requests are allowed (the seed curl examples work); strict: they get AccessDenied. Signed requests are always verified'),
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
  return readConfig(s3Schema(`http://localhost:${port}`), source);
}
