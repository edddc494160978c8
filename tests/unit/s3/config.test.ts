import { readS3Config } from '../../../src/s3/config';
import type { ConfigError } from '../../../src/kit/config';

describe('S3 mock configuration', () => {
  it('has the seed defaults', () => {
    const config = readS3Config({});
    expect([...config.credentials]).toEqual([['test-key', 'test-secret']]);
    expect(config.auth).toBe('open');
    expect(config.domains).toEqual(['localhost', 's3.localhost']);
    expect(config.buckets).toEqual(['test-bucket', 'test-uploads']);
    expect(config.presignedUrlBase).toBe('http://localhost:9000');
    expect(config.region).toBe('us-east-1');
    expect(config.storage).toBe('fs');
    expect(config.corsDefault).toBe('none');
  });

  it('sends event notifications to the webhook receiver as `standin`, signed with its secret, by default', () => {
    const config = readS3Config({});
    expect(config.notifyDestinations.get('STANDIN')).toEqual({ id: 'STANDIN', url: 'http://localhost:4000/webhooks/s3', format: 'records' });
    expect(config.notifySecret).toBe('webhook-secret-123');
    expect(readS3Config({ WEBHOOK_SECRET: 'shared', WEBHOOK_URL: 'http://receiver:4000/webhooks/{client}' })).toMatchObject({ notifySecret: 'shared' });
    expect(readS3Config({ WEBHOOK_URL: 'http://receiver:4000/webhooks/{client}' }).notifyDestinations.get('STANDIN')?.url).toBe('http://receiver:4000/webhooks/s3');
    expect(readS3Config({ WEBHOOK_SECRET: 'shared', S3_NOTIFY_SECRET: 'own' }).notifySecret).toBe('own');
  });

  it('refuses a notification destination that is no http(s) URL, naming its variable', () => {
    expect(() => readS3Config({ S3_NOTIFY_WEBHOOK_IMAGES: 'localhost:5000' })).toThrow(expect.objectContaining({ problems: ['S3_NOTIFY_WEBHOOK_IMAGES: expected an http(s) URL, got "localhost:5000"'] }));
  });

  it('refuses an S3_NOTIFY_SECRET, or the WEBHOOK_SECRET it defaults to, of whsec_ holding no base64 key, naming the variable without repeating it', () => {
    const problem = 'a whsec_ secret is whsec_ and the padded base64 of its key, as the Standard Webhooks libraries read it; this one holds no such key';
    for (const bad of ['whsec_', 'whsec_!!!', 'whsec_abc']) {
      expect(() => readS3Config({ S3_NOTIFY_SECRET: bad })).toThrow(`Invalid configuration:\n  - S3_NOTIFY_SECRET: ${problem}`);
      expect(() => readS3Config({ WEBHOOK_SECRET: bad })).toThrow(`Invalid configuration:\n  - WEBHOOK_SECRET (the default of S3_NOTIFY_SECRET): ${problem}`);
    }
    expect(readS3Config({ WEBHOOK_SECRET: 'whsec_abc', S3_NOTIFY_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }).notifySecret).toBe('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
  });

  it('opts into a permissive CORS default for buckets without a configuration', () => {
    expect(readS3Config({ S3_CORS_DEFAULT: 'permissive' }).corsDefault).toBe('permissive');
  });

  it('reads credential pairs, strict auth, domains and the port-based presign base', () => {
    const config = readS3Config({ S3_CREDENTIALS: 'a:b, c:d:e', S3_AUTH: 'strict', S3_DOMAINS: 's3.test', PORT: '9100' });
    expect([...config.credentials]).toEqual([['a', 'b'], ['c', 'd:e']]);
    expect(config.auth).toBe('strict');
    expect(config.domains).toEqual(['s3.test']);
    expect(config.presignedUrlBase).toBe('http://localhost:9100');
  });

  it('refuses an S3_PRINCIPALS field it does not read, rather than ignore a typo or the e-mail S3 no longer takes', () => {
    const principals = (setting: object) => ({
      S3_CREDENTIALS: 'test-key:test-secret,alt-key:alt-secret',
      S3_PRINCIPALS: JSON.stringify({ 'alt-key': { arn: 'arn:aws:iam::111122223333:root', ...setting } }),
    });
    expect(() => readS3Config(principals({ displayname: 'alt' }))).toThrow('S3_PRINCIPALS: alt-key: "displayname" is no field of a principal (arn, id, displayName)');
    expect(() => readS3Config(principals({ email: 'alt@example.com' }))).toThrow(/S3_PRINCIPALS: alt-key: "email" is no longer read: S3 takes no e-mail grantees since October 2025/);
    expect(readS3Config(principals({ id: 'a'.repeat(64), displayName: 'alt' })).principals.get('alt-key')).toMatchObject({ displayName: 'alt' });
  });

  it('makes no bucket when S3_BUCKETS is a lone comma, as README says (empty means the default)', () => {
    expect(readS3Config({ S3_BUCKETS: ',' }).buckets).toEqual([]);
    expect(readS3Config({ S3_BUCKETS: '' }).buckets).toEqual(['test-bucket', 'test-uploads']);
  });

  it('refuses S3_BUCKETS that S3 would not name a bucket and S3_DOMAINS that are no domain names, naming each', () => {
    expect(() => readS3Config({ S3_BUCKETS: 'ok-bucket,Bad_Bucket,health', S3_DOMAINS: 's3.localhost,bad domain' })).toThrow(
      expect.objectContaining({
        problems: [
          'S3_DOMAINS: "bad domain" is no domain name such as s3.localhost',
          'S3_BUCKETS: "Bad_Bucket" cannot be a bucket: it may contain only lowercase letters, digits, dots and hyphens; "health" cannot be a bucket: it is reserved by this mock for its own endpoints',
        ],
      }),
    );
  });

  it.each([
    ['a secret with no key', 'test-key:test-secret,:hunter2', 'pair 2 has no access key'],
    ['a pair without a colon', 'hunter2', 'pair 1 has no ":"'],
    ['a key with no secret', 'test-key:hunter2,other:', 'pair 2 (access key "other") has no secret'],
  ])('refuses S3_CREDENTIALS with %s without printing any secret', (_what, value, reason) => {
    const problems = (() => {
      try {
        readS3Config({ S3_CREDENTIALS: value });
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    })();
    expect(problems).toEqual([expect.stringContaining(reason)]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('names every bad variable at once', () => {
    expect(() => readS3Config({ S3_CREDENTIALS: 'no-colon', S3_AUTH: 'maybe', PRESIGNED_URL_BASE: 'ftp://x', S3_CORS_DEFAULT: 'all' })).toThrow(
      expect.objectContaining({
        problems: [expect.stringContaining('S3_CREDENTIALS'), expect.stringContaining('S3_AUTH'), expect.stringContaining('PRESIGNED_URL_BASE'), expect.stringContaining('S3_CORS_DEFAULT')],
      }),
    );
  });
});
