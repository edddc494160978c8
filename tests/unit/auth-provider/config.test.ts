import { readAuthProviderConfig } from '../../../src/auth-provider/config';
import { ConfigError } from '../../../src/kit';

describe('readAuthProviderConfig', () => {
  it('takes the registered clients of AUTH_CLIENTS', () => {
    expect(readAuthProviderConfig({ AUTH_CLIENTS: '[{"client_id": "web"}]' })).toMatchObject({ configFile: '', clients: '[{"client_id": "web"}]' });
  });

  it.each([
    ['an AUTH_CONFIG file that is missing', { AUTH_CONFIG: '/nonexistent/auth.json' }, /^Invalid configuration:\n {2}- AUTH_CONFIG \(\/nonexistent\/auth\.json\) is not readable JSON/],
    ['AUTH_CLIENTS that is not JSON', { AUTH_CLIENTS: 'web' }, /- AUTH_CLIENTS is not readable JSON/],
    ['a client without a client_id', { AUTH_CLIENTS: '[{}]' }, /- AUTH_CONFIG or AUTH_CLIENTS: a client's client_id must be a non-empty string/],
  ])('refuses %s as a configuration error naming it', (_, env, message) => {
    expect(() => readAuthProviderConfig(env)).toThrow(ConfigError);
    expect(() => readAuthProviderConfig(env)).toThrow(message);
  });
});
