/** start() (src/index.ts): where a started server's settings come from. */
import { start, type Standin } from '../../src';

const bucketsOf = async (standin: Standin) => [...(await (await fetch(`${standin.urls.s3}/`)).text()).matchAll(/<Name>([^<]+)<\/Name>/g)].map((match) => match[1]);

describe('start()', () => {
  const shell = process.env.S3_BUCKETS;
  beforeEach(() => { process.env.S3_BUCKETS = 'from-the-shell'; });
  afterEach(() => {
    if (shell === undefined) delete process.env.S3_BUCKETS;
    else process.env.S3_BUCKETS = shell;
  });

  it.each([
    ['reads process.env under the given env', {}, ['from-the-shell']],
    ['leaves process.env out when inheritEnv is false', { inheritEnv: false }, ['test-bucket', 'test-uploads']],
    ['still applies the given env when inheritEnv is false', { inheritEnv: false, env: { S3_BUCKETS: 'given' } }, ['given']],
  ])('%s', async (_, options, buckets) => {
    const standin = await start({ servers: ['s3'], port: 0, storage: 'memory', ...options });
    try {
      expect(await bucketsOf(standin)).toEqual(buckets);
    } finally {
      await standin.close();
    }
  });
});
