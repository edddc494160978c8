/** start() (src/index.ts): where a started server's settings come from. */
import { randomUUID } from 'node:crypto';
import { start, type Standin } from '../../src';
import { freePort } from '../support/health-poll';

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

describe('start() on configured ports', () => {
  it('wires the servers by localhost, so the image API takes a token asked for at http://localhost:<port>/default', async () => {
    const [authPort, apiPort] = [await freePort(), await freePort()];
    const standin = await start({ servers: ['auth', 'image-api'], storage: 'memory', logLevel: 'silent', inheritEnv: false, env: { AUTH_PORT: String(authPort), IMAGE_API_PORT: String(apiPort) } });
    try {
      expect(standin.urls).toEqual({ auth: `http://localhost:${authPort}`, 'image-api': `http://localhost:${apiPort}` });
      const grant = await fetch(`http://localhost:${authPort}/default/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from('my-service:any-secret').toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'client_credentials', resource: `http://localhost:${apiPort}` }),
      });
      const { access_token: token } = (await grant.json()) as { access_token: string };
      const job = await fetch(`http://localhost:${apiPort}/api/v1/images/jobs/${randomUUID()}`, { headers: { authorization: `Bearer ${token}` } });
      expect(await job.json()).toMatchObject({ status: 404 });
    } finally {
      await standin.close();
    }
  });
});
