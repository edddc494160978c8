import { alsoRead, commonSchema, ConfigError, env, readConfig } from '../../../src/kit';

const schema = {
  port: env.int('PORT', 9000, 'port', { min: 0, max: 65535 }),
  secret: env.string('SECRET', 'dev', 'secret'),
  strict: env.bool('STRICT', false, 'strict mode'),
  buckets: env.list('BUCKETS', ['a', 'b'], 'buckets'),
  storage: env.oneOf('STORAGE', ['fs', 'memory'] as const, 'fs', 'storage'),
  rate: env.number('RATE', 0, 'rate', { min: 0, max: 1 }),
  base: env.url('BASE', 'http://localhost:9000', 'base url'),
};

describe('readConfig', () => {
  it('takes defaults for unset and empty variables', () => {
    expect(readConfig(schema, { SECRET: '' })).toEqual({
      port: 9000, secret: 'dev', strict: false, buckets: ['a', 'b'], storage: 'fs', rate: 0, base: 'http://localhost:9000',
    });
  });

  it('parses each kind of value', () => {
    const config = readConfig(schema, {
      PORT: '8080', SECRET: 's3cr3t', STRICT: 'true', BUCKETS: ' x, y ,,z', STORAGE: 'memory', RATE: '0.25', BASE: 'https://example.test/',
    });
    expect(config).toEqual({ port: 8080, secret: 's3cr3t', strict: true, buckets: ['x', 'y', 'z'], storage: 'memory', rate: 0.25, base: 'https://example.test' });
  });

  it('takes ALLOWED_HOSTS of host names, domains, IP addresses or *, and refuses anything else', () => {
    expect(readConfig(commonSchema, { ALLOWED_HOSTS: 'devbox, .example.test,s3,my-vm.local,10.0.0.5,::1,*' }).allowedHosts).toEqual(['devbox', '.example.test', 's3', 'my-vm.local', '10.0.0.5', '::1', '*']);
    for (const bad of ['bad host', 'http://devbox', 'devbox:8080', '-x', 'a..b']) {
      expect(() => readConfig(commonSchema, { ALLOWED_HOSTS: bad })).toThrow(`ALLOWED_HOSTS: "${bad}" is no host name such as devbox or .example.test`);
    }
  });

  it('refuses a URL with a user name or password, and says so without quoting them', () => {
    for (const bad of ['http://user:s3cret@localhost:8002', 'https://user@example.test/']) {
      const problem = () => readConfig(schema, { BASE: bad });
      expect(problem).toThrow('BASE: expected an http(s) URL without a user name or password, which no request made with it could send');
      expect(problem).not.toThrow(/s3cret|user@/);
    }
  });

  it('reads a field under its other names, in turn, when its own is unset or empty, and names the one read in an error', () => {
    const aliased = { secret: alsoRead(env.string('SECRET_KEY', 'dev', 'secret'), 'SECRET', 'OLD_SECRET') };
    expect(readConfig(aliased, {}).secret).toBe('dev');
    expect(readConfig(aliased, { OLD_SECRET: 'old' }).secret).toBe('old');
    expect(readConfig(aliased, { SECRET: 'plain', OLD_SECRET: 'old' }).secret).toBe('plain');
    expect(readConfig(aliased, { SECRET_KEY: 'own', SECRET: 'plain' }).secret).toBe('own');
    expect(readConfig(aliased, { SECRET_KEY: '', SECRET: 'plain' }).secret).toBe('plain');
    const port = { port: alsoRead(env.int('S3_PORT', 9000, 'port'), 'PORT') };
    expect(() => readConfig(port, { PORT: 'x' })).toThrow('PORT: expected an integer, got "x"');
  });

  it('refuses a LOG_FORMAT it does not know, rather than log as if it were unset', () => {
    expect(readConfig(commonSchema, {}).logFormat).toBe('auto');
    expect(readConfig(commonSchema, { LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => readConfig(commonSchema, { LOG_FORMAT: 'JSON' })).toThrow('LOG_FORMAT: expected one of auto, json, got "JSON"');
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      readConfig(schema, { PORT: '80x', STRICT: 'maybe', STORAGE: 'disk', RATE: '2', BASE: 'ftp://x' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'PORT: expected an integer, got "80x"',
      'STRICT: expected true or false, got "maybe"',
      'STORAGE: expected one of fs, memory, got "disk"',
      'RATE: must be <= 1, got 2',
      'BASE: expected an http(s) URL, got "ftp://x"',
    ]);
  });
});
