import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readAuthProviderConfig } from '../../../src/auth-provider/config';
import { ConfigError } from '../../../src/kit';

let dir: string;
beforeAll(() => { dir = mkdtempSync(path.join(os.tmpdir(), 'auth-config-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An AUTH_CONFIG file holding `text`. */
function configFile(text: string): string {
  const file = path.join(dir, `auth-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, text);
  return file;
}

describe('readAuthProviderConfig', () => {
  it('takes the registered clients of AUTH_CLIENTS', () => {
    expect(readAuthProviderConfig({ AUTH_CLIENTS: '[{"client_id": "web"}]' })).toMatchObject({ configFile: '', clients: '[{"client_id": "web"}]' });
  });

  it.each([
    ['an AUTH_CONFIG file that is missing', { AUTH_CONFIG: '/nonexistent/auth.json' }, /^Invalid configuration:\n {2}- AUTH_CONFIG \(\/nonexistent\/auth\.json\) is not readable JSON/],
    ['AUTH_CLIENTS that is not JSON', { AUTH_CLIENTS: 'web' }, /- AUTH_CLIENTS is not readable JSON/],
    ['a client without a client_id', { AUTH_CLIENTS: '[{}]' }, /- AUTH_CLIENTS\[0\]: client_id must be a non-empty string/],
    ['a client that is not an object', { AUTH_CLIENTS: '[{"client_id": "web"}, null]' }, /- AUTH_CLIENTS\[1\]: must be a JSON object$/],
  ])('refuses %s as a configuration error naming it', (_, env, message) => {
    expect(() => readAuthProviderConfig(env)).toThrow(ConfigError);
    expect(() => readAuthProviderConfig(env)).toThrow(message);
  });

  it.each([
    ['that is not an object', 'null', /- AUTH_CONFIG \(.*\) must be a JSON object with "users" and "clients"$/],
    ['that is a list', '[]', /- AUTH_CONFIG \(.*\) must be a JSON object/],
    ['whose users are not an object', '{"users": ["carol"]}', /- AUTH_CONFIG "users" must be a JSON object of claims by subject$/],
    ['whose clients are not a list', '{"clients": {"client_id": "web"}}', /- AUTH_CONFIG "clients" must be a JSON array of clients$/],
    ['with a client that is not an object', '{"clients": [5]}', /- AUTH_CONFIG "clients"\[0\]: must be a JSON object$/],
  ])('refuses an AUTH_CONFIG file %s as a configuration error saying what is wrong', (_, text, message) => {
    const env = { AUTH_CONFIG: configFile(text) };
    expect(() => readAuthProviderConfig(env)).toThrow(ConfigError);
    expect(() => readAuthProviderConfig(env)).toThrow(message);
  });

  it('takes AUTH_ISSUER_BASE as an origin, without its trailing slash', () => {
    expect(readAuthProviderConfig({ AUTH_ISSUER_BASE: 'http://localhost:8080/' }).issuerBase).toBe('http://localhost:8080');
  });

  it.each(['http://localhost:8080/?env=dev', 'http://localhost:8080/#top', 'http://localhost:8080/auth', 'http://me:secret@localhost:8080'])(
    'refuses AUTH_ISSUER_BASE %s, which is no origin, as a configuration error that does not repeat it',
    (base) => {
      expect(() => readAuthProviderConfig({ AUTH_ISSUER_BASE: base })).toThrow(ConfigError);
      expect(() => readAuthProviderConfig({ AUTH_ISSUER_BASE: base })).toThrow('AUTH_ISSUER_BASE: expected an origin such as http://localhost:8080');
      expect(() => readAuthProviderConfig({ AUTH_ISSUER_BASE: base })).not.toThrow(base);
    },
  );

  it('never prints the text of AUTH_CLIENTS that is not JSON: it holds client secrets', () => {
    for (const text of ['TOPSECRET', '[{"client_id": "web", "client_secret": TOPSECRET}]', "[{'client_id': 'web', 'client_secret': 'TOPSECRET'}]"]) {
      expect(() => readAuthProviderConfig({ AUTH_CLIENTS: text })).toThrow(/AUTH_CLIENTS is not readable JSON/);
      expect(() => readAuthProviderConfig({ AUTH_CLIENTS: text })).not.toThrow(/TOPSECRET/);
    }
    // Not even the character where it breaks: only where.
    expect(() => readAuthProviderConfig({ AUTH_CLIENTS: '[{"client_id": "web", "client_secret": TOPSECRET}]' })).toThrow(/AUTH_CLIENTS is not readable JSON: Unexpected token at position 39$/m);
  });
});
