import { ConfigError } from '../../../src/kit';
import { readImageApiConfig } from '../../../src/image-api/config';

describe('readImageApiConfig', () => {
  it('uses the seed defaults', () => {
    expect(readImageApiConfig({})).toMatchObject({
      jwtSecret: 'dev-secret-change-in-production',
      maxUploadBytes: 10 * 1024 * 1024,
      maxInputPixels: 40_000_000,
      rateLimitPerHour: 50,
      awsEndpointUrl: 'http://localhost:9000',
      awsRegion: 'eu-west-1',
      awsAccessKeyId: 'test-key',
      awsSecretAccessKey: 'test-secret',
      s3Bucket: 'test-uploads',
      webhookUrl: 'http://localhost:4000/webhooks/{client}',
      webhookSecret: 'webhook-secret-123',
      processingDelayMs: 0,
      failureRate: 0,
      publicUrl: 'http://localhost:8002',
      storage: 'fs',
      dataDir: '.data',
    });
  });

  it('derives PUBLIC_URL from the port unless it is given', () => {
    expect(readImageApiConfig({ IMAGE_API_PORT: '9100' }).publicUrl).toBe('http://localhost:9100');
    expect(readImageApiConfig({ PORT: '9200' }).publicUrl).toBe('http://localhost:9200');
    expect(readImageApiConfig({ PORT: '9200', PUBLIC_URL: 'https://images.example.test/' }).publicUrl).toBe('https://images.example.test');
  });

  it('refuses a whsec_ WEBHOOK_SECRET that holds no base64 key, which would sign with an empty one, without repeating it', () => {
    for (const bad of ['whsec_', 'whsec_!!!', 'whsec_abc']) {
      expect(() => readImageApiConfig({ WEBHOOK_SECRET: bad })).toThrow(/^Invalid configuration:\n {2}- WEBHOOK_SECRET: a whsec_ secret is whsec_ and the padded base64 of its key, as the Standard Webhooks libraries read it; this one holds no such key$/);
    }
    expect(readImageApiConfig({ WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }).webhookSecret).toBe('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    expect(readImageApiConfig({ WEBHOOK_SECRET: 'whsec!!!' }).webhookSecret).toBe('whsec!!!');
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      readImageApiConfig({ FAILURE_RATE: '1.5', MAX_UPLOAD_BYTES: 'ten', AWS_ENDPOINT_URL: 'ftp://x', S3_PUBLIC_URL: 'localhost:9000' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual(['AWS_ENDPOINT_URL', 'FAILURE_RATE', 'MAX_UPLOAD_BYTES', 'S3_PUBLIC_URL']);
  });

  it("takes MAX_INPUT_PIXELS as a positive integer (0 would lift sharp's limit altogether)", () => {
    expect(readImageApiConfig({ MAX_INPUT_PIXELS: '1000000' }).maxInputPixels).toBe(1_000_000);
    for (const bad of ['0', '-1', '4e7', 'lots']) expect(() => readImageApiConfig({ MAX_INPUT_PIXELS: bad })).toThrow(/MAX_INPUT_PIXELS/);
  });

  it('accepts the tokens of the auth provider\'s default issuer for the audience image-api unless told otherwise', () => {
    expect(readImageApiConfig({})).toMatchObject({ authIssuer: 'http://localhost:8080/default', authAudience: ['image-api'], authProviderUrl: '', authTokenTyp: 'at+jwt', authJwksCooldownMs: 1000 });
  });

  it('keeps AUTH_ISSUER exactly as written, since tokens\' iss is compared with it as a string', () => {
    expect(readImageApiConfig({ AUTH_ISSUER: 'https://tenant.example.test/' }).authIssuer).toBe('https://tenant.example.test/');
    for (const bad of ['localhost:8080', 'ftp://x/default']) expect(() => readImageApiConfig({ AUTH_ISSUER: bad })).toThrow(/AUTH_ISSUER/);
    expect(() => readImageApiConfig({ AUTH_PROVIDER_URL: 'not a url' })).toThrow(/AUTH_PROVIDER_URL/);
  });
});
