/**
 * S3_AUTH=strict covers the mock's own JSON endpoints that hand out or change things: they take
 * requests signed as the AWS SDKs sign S3 requests (or presigned), checked by the S3
 * authenticator, and refuse others with problem+json. /health, /docs and /openapi.json stay open.
 */
import type { RunningServer } from '../../../src/kit';
import { startServer } from '../../support/standin-harness';
import { rawRequest, type RawRequest, type RawResponse } from './raw-http';
import { useS3 } from './s3-fixture';
import { presignedPath, signedRequest } from './signed-request';

const s3 = useS3();

const EXTRAS: RawRequest[] = [
  { method: 'GET', path: '/presigned-url?bucket=test-bucket&key=a.jpg' },
  { method: 'GET', path: '/admin/buckets' },
  { method: 'GET', path: '/admin/objects/test-bucket' },
  { method: 'DELETE', path: '/admin/reset' },
];
const named = EXTRAS.map((request) => [`${request.method} ${request.path.split('?')[0]}`, request] as const);

const problemOf = (response: RawResponse) => {
  expect(response.headers['content-type']).toContain('application/problem+json');
  return JSON.parse(response.body) as { status: number; title: string; detail: string; code?: string };
};

describe('S3_AUTH=strict', () => {
  let strict: RunningServer;
  beforeAll(async () => {
    strict = await startServer('s3', {
      env: {
        S3_AUTH: 'strict',
        S3_CREDENTIALS: 'test-key:test-secret,alice-key:alice-secret,alt-key:alt-secret',
        S3_PRINCIPALS: JSON.stringify({ 'alice-key': { arn: 'arn:aws:iam::123456789012:user/alice' }, 'alt-key': { arn: 'arn:aws:iam::222222222222:root' } }),
      },
    });
  });
  afterAll(() => strict.close());
  beforeEach(async () => {
    await rawRequest(strict.port, await signedRequest(strict.port, { method: 'PUT', path: '/test-bucket/kept.txt', body: 'kept' }));
  });

  const keptIsThere = async () => (await rawRequest(strict.port, await signedRequest(strict.port, { method: 'GET', path: '/test-bucket/kept.txt' }))).body === 'kept';

  it.each(named)('refuses an unsigned %s with 401 problem+json, changing nothing', async (_, request) => {
    const response = await rawRequest(strict.port, request);
    expect([response.status, response.headers['www-authenticate']]).toEqual([401, 'AWS4-HMAC-SHA256']);
    expect(problemOf(response)).toMatchObject({ status: 401, detail: expect.stringContaining('S3_AUTH=strict') });
    expect(await keptIsThere()).toBe(true);
  });

  it.each(named)('serves %s signed with SigV4 as the AWS SDKs sign', async (_, request) => {
    const response = await rawRequest(strict.port, await signedRequest(strict.port, request));
    expect([response.status, response.headers['content-type']]).toEqual([200, expect.stringContaining('application/json')]);
  });

  it('serves a presigned URL of an extra', async () => {
    const path = await presignedPath(strict.port, { method: 'GET', path: '/admin/buckets' }, 60);
    const response = await rawRequest(strict.port, { method: 'GET', path });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ buckets: expect.arrayContaining([expect.objectContaining({ name: 'test-bucket' })]) });
  });

  it.each([
    ['a wrong secret', { credentials: { accessKeyId: 'test-key', secretAccessKey: 'wrong' } }, 'SignatureDoesNotMatch'],
    ['an unknown access key', { credentials: { accessKeyId: 'nobody', secretAccessKey: 'x' } }, 'InvalidAccessKeyId'],
    ['a signing time 20 minutes ago', { signingDate: new Date(Date.now() - 20 * 60_000) }, 'RequestTimeTooSkewed'],
  ])('refuses a reset signed with %s with 403 problem+json naming the S3 error, changing nothing', async (_, options, code) => {
    const response = await rawRequest(strict.port, await signedRequest(strict.port, { method: 'DELETE', path: '/admin/reset' }, options));
    expect(response.status).toBe(403);
    expect(problemOf(response)).toMatchObject({ status: 403, code, detail: expect.stringMatching(new RegExp(`^${code}: `)) });
    expect(await keptIsThere()).toBe(true);
  });

  it.each(named)('refuses %s signed by another account’s key with 403 problem+json, and serves the owner account’s IAM user', async (_, request) => {
    const otherAccount = await rawRequest(strict.port, await signedRequest(strict.port, request, { credentials: { accessKeyId: 'alt-key', secretAccessKey: 'alt-secret' } }));
    expect(problemOf(otherAccount)).toMatchObject({ status: 403, detail: expect.stringContaining('owner account') });
    expect(await keptIsThere()).toBe(true);
    const ownersUser = await rawRequest(strict.port, await signedRequest(strict.port, request, { credentials: { accessKeyId: 'alice-key', secretAccessKey: 'alice-secret' } }));
    expect(ownersUser.status).toBe(200);
  });

  it('refuses an expired presigned URL with 403 problem+json', async () => {
    const path = await presignedPath(strict.port, { method: 'GET', path: '/admin/buckets' }, 60, { signingDate: new Date(Date.now() - 120_000) });
    const response = await rawRequest(strict.port, { method: 'GET', path });
    expect(problemOf(response)).toMatchObject({ status: 403, code: 'AccessDenied', detail: 'AccessDenied: Request has expired' });
  });

  it.each(['/health', '/openapi.json', '/docs'])('keeps %s open', async (path) => {
    expect((await rawRequest(strict.port, { method: 'GET', path })).status).toBe(200);
  });
});

describe('S3_AUTH=open', () => {
  it.each(named)('serves an unsigned %s', async (_, request) => {
    expect((await rawRequest(s3.server.port, request)).status).toBe(200);
  });

  it('does not look at the Authorization header', async () => {
    const wrongSecret = await signedRequest(s3.server.port, { method: 'GET', path: '/admin/buckets' }, { credentials: { accessKeyId: 'test-key', secretAccessKey: 'wrong' } });
    expect((await rawRequest(s3.server.port, wrongSecret)).status).toBe(200);
    expect((await rawRequest(s3.server.port, { method: 'GET', path: '/admin/buckets', headers: { Authorization: 'Bearer a.b.c' } })).status).toBe(200);
  });
});
