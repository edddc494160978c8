import { ConfigError } from '../../../src/kit';
import { readWebhookConfig } from '../../../src/webhooks/config';

describe('webhook receiver configuration', () => {
  it("defaults to the seed's secret, optional signatures and a 1 MiB body limit", () => {
    expect(readWebhookConfig({})).toMatchObject({
      secret: 'webhook-secret-123',
      requireSignature: false,
      maxBodyBytes: 1024 * 1024,
      replayAllow: [],
      replayTimeoutMs: 10000,
      storage: 'fs',
      dataDir: '.data',
    });
  });

  it('reads every variable', () => {
    const config = readWebhookConfig({
      WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      WEBHOOK_REQUIRE_SIGNATURE: 'true',
      WEBHOOK_MAX_BODY: '2048',
      WEBHOOK_REPLAY_ALLOW: 'hooks.example.com, *.test',
      WEBHOOK_REPLAY_TIMEOUT_MS: '500',
      STORAGE: 'memory',
      DATA_DIR: '/tmp/somewhere',
    });
    expect(config).toMatchObject({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', requireSignature: true, maxBodyBytes: 2048, replayAllow: ['hooks.example.com', '*.test'], replayTimeoutMs: 500, storage: 'memory', dataDir: '/tmp/somewhere' });
  });

  it('refuses a whsec_ WEBHOOK_SECRET that holds no base64 key, which would verify with an empty one, without repeating it', () => {
    for (const bad of ['whsec_', 'whsec_!!!', 'whsec_abc']) {
      expect(() => readWebhookConfig({ WEBHOOK_SECRET: bad })).toThrow(/^Invalid configuration:\n {2}- WEBHOOK_SECRET: a whsec_ secret is whsec_ and the padded base64 of its key, as the Standard Webhooks libraries read it; this one holds no such key$/);
    }
  });

  it('refuses a WEBHOOK_MAX_BODY past 256 MiB, whose bodies, base64-encoded, could pass the longest string V8 makes', () => {
    expect(readWebhookConfig({ WEBHOOK_MAX_BODY: String(256 * 1024 * 1024) }).maxBodyBytes).toBe(256 * 1024 * 1024);
    expect(() => readWebhookConfig({ WEBHOOK_MAX_BODY: String(410 * 1024 * 1024) })).toThrow(/WEBHOOK_MAX_BODY: must be <= 268435456, got 429916160/);
  });

  it('names every bad variable at once', () => {
    expect(() => readWebhookConfig({ WEBHOOK_MAX_BODY: 'big', WEBHOOK_REQUIRE_SIGNATURE: 'maybe' })).toThrow(ConfigError);
    expect(() => readWebhookConfig({ WEBHOOK_MAX_BODY: 'big', WEBHOOK_REQUIRE_SIGNATURE: 'maybe' })).toThrow(/WEBHOOK_REQUIRE_SIGNATURE[\s\S]*WEBHOOK_MAX_BODY|WEBHOOK_MAX_BODY[\s\S]*WEBHOOK_REQUIRE_SIGNATURE/);
  });

  it('refuses a WEBHOOK_FORWARD_TO that is no URL, or names a host forwards may not reach, naming it', () => {
    expect(() => readWebhookConfig({ WEBHOOK_FORWARD_TO: 'localhost:5000/hook' })).toThrow(/^Invalid configuration:\n {2}- WEBHOOK_FORWARD_TO: expected an http\(s\) URL/);
    expect(() => readWebhookConfig({ WEBHOOK_FORWARD_TO: 'http://app.example.test/hook' })).toThrow(/WEBHOOK_FORWARD_TO: .*WEBHOOK_REPLAY_ALLOW; app\.example\.test is neither/);
    expect(readWebhookConfig({ WEBHOOK_FORWARD_TO: 'http://app.example.test/hook', WEBHOOK_REPLAY_ALLOW: '*.example.test' }).forwardTo).toBe('http://app.example.test/hook');
  });
});
