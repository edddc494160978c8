/** Presigned URLs (the AWS presigner's and the mock's own) and the JSON extras. */
import { CreateBucketCommand, GetObjectCommand, HeadBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { errorCodeOf } from './raw-http';
import { useS3 } from './s3-fixture';
import { s3Client } from './sdk-client';

const s3 = useS3();

beforeAll(async () => {
  await s3.client.send(new PutObjectCommand({ Bucket: 'test-bucket', Key: 'photos/cat.jpg', Body: 'meow', ContentType: 'image/jpeg', Metadata: { owner: 'alice' } }));
});

describe('presigned URLs from @aws-sdk/s3-request-presigner', () => {
  it('GET works without any other credentials', async () => {
    const url = await getSignedUrl(s3.client, new GetObjectCommand({ Bucket: 'test-bucket', Key: 'photos/cat.jpg' }), { expiresIn: 60 });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('meow');
  });

  it('PUT stores the body', async () => {
    const url = await getSignedUrl(s3.client, new PutObjectCommand({ Bucket: 'test-bucket', Key: 'uploaded.txt' }), { expiresIn: 60 });
    expect((await fetch(url, { method: 'PUT', body: 'from a browser' })).status).toBe(200);
    expect(await (await fetch(`${s3.server.url}/test-bucket/uploaded.txt`)).text()).toBe('from a browser');
  });

  it('refuses an expired URL with AccessDenied "Request has expired"', async () => {
    const url = await getSignedUrl(s3.client, new GetObjectCommand({ Bucket: 'test-bucket', Key: 'photos/cat.jpg' }), {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 120_000),
    });
    const response = await fetch(url);
    expect(response.status).toBe(403);
    const body = await response.text();
    expect(body).toContain('<Code>AccessDenied</Code>');
    expect(body).toContain('<Message>Request has expired</Message>');
  });

  it('refuses a tampered URL with SignatureDoesNotMatch', async () => {
    const url = await getSignedUrl(s3.client, new GetObjectCommand({ Bucket: 'test-bucket', Key: 'photos/cat.jpg' }), { expiresIn: 60 });
    const response = await fetch(url.replace('cat.jpg', 'dog.jpg'));
    expect(response.status).toBe(403);
    const body = await response.text();
    expect(body).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(body).toContain('<CanonicalRequest>GET\n/test-bucket/photos/dog.jpg\n');
    expect(body).toContain('<StringToSign>AWS4-HMAC-SHA256\n');
  });
});

describe('GET /presigned-url', () => {
  it('returns a SigV4 URL based on PRESIGNED_URL_BASE that the server honours', async () => {
    const response = await fetch(`${s3.server.url}/presigned-url?bucket=test-bucket&key=photos/cat.jpg&expires_in=120`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-amz-request-id')).toMatch(/^[0-9A-F]{16}$/);
    const body = (await response.json()) as { url: string; method: string; expires_in: number; expires_at: string };
    expect(body).toMatchObject({ method: 'GET', expires_in: 120, bucket: 'test-bucket', key: 'photos/cat.jpg' });
    expect(body.url.startsWith(`${s3.server.url}/test-bucket/photos/cat.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&`)).toBe(true);
    expect(Date.parse(body.expires_at) - Date.now()).toBeGreaterThan(100_000);
    expect(await (await fetch(body.url)).text()).toBe('meow');
  });

  it('makes URLs that fetch keeps as they are for keys with . and .. segments, which URL parsers remove', async () => {
    for (const key of ['a/../b.txt', '../up.txt', 'docs/./readme.txt', 'dots/..', '..more/x']) {
      await s3.client.send(new PutObjectCommand({ Bucket: 'test-bucket', Key: key, Body: `body of ${key}` }));
      const { url } = (await (await fetch(`${s3.server.url}/presigned-url?${new URLSearchParams({ bucket: 'test-bucket', key })}`)).json()) as { url: string };
      const response = await fetch(url);
      expect({ key, status: response.status, body: await response.text() }).toEqual({ key, status: 200, body: `body of ${key}` });
    }
  });

  it('makes PUT URLs', async () => {
    const { url } = (await (await fetch(`${s3.server.url}/presigned-url?bucket=test-bucket&key=via-extra.txt&method=PUT`)).json()) as { url: string };
    expect((await fetch(url, { method: 'PUT', body: 'put through the extra' })).status).toBe(200);
    const asGet = await fetch(url);
    expect([asGet.status, errorCodeOf(await asGet.text())]).toEqual([403, 'SignatureDoesNotMatch']); // signed for PUT only
    expect(await (await fetch(`${s3.server.url}/test-bucket/via-extra.txt`)).text()).toBe('put through the extra');
  });

  it('refuses a lifetime above seven days with problem+json', async () => {
    const response = await fetch(`${s3.server.url}/presigned-url?bucket=test-bucket&key=k&expires_in=604801`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    await response.arrayBuffer();
  });
});

describe('admin extras', () => {
  it('lists buckets with object counts and sizes', async () => {
    const body = (await (await fetch(`${s3.server.url}/admin/buckets`)).json()) as { buckets: Array<{ name: string; object_count: number; total_bytes: number }> };
    expect(body.buckets.find((b) => b.name === 'test-bucket')).toMatchObject({ object_count: expect.any(Number), total_bytes: expect.any(Number) });
    expect(body.buckets.map((b) => b.name)).toContain('test-uploads');
  });

  it('lists the objects of a bucket with their metadata', async () => {
    const body = (await (await fetch(`${s3.server.url}/admin/objects/test-bucket`)).json()) as { objects: Array<Record<string, unknown>> };
    expect(body.objects.find((o) => o.key === 'photos/cat.jpg')).toMatchObject({ size: 4, content_type: 'image/jpeg', metadata: { owner: 'alice' } });
  });

  it('answers 404 problem+json for a bucket that does not exist', async () => {
    const response = await fetch(`${s3.server.url}/admin/objects/nope-bucket`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 404, title: 'No such bucket', detail: 'Bucket "nope-bucket" does not exist' });
  });

  it('reset deletes everything and recreates the S3_BUCKETS buckets, empty', async () => {
    const response = await fetch(`${s3.server.url}/admin/reset`, { method: 'DELETE' });
    expect(await response.json()).toEqual({ status: 'reset', buckets: ['test-bucket', 'test-uploads'] });
    const after = (await (await fetch(`${s3.server.url}/admin/buckets`)).json()) as { buckets: Array<{ name: string; object_count: number }> };
    expect(after.buckets.map((b) => [b.name, b.object_count])).toEqual([['test-bucket', 0], ['test-uploads', 0]]);
  });
});

describe('the reserved top-level names', () => {
  it('are served by the mock itself, with x-amz-request-id like every response', async () => {
    for (const path of ['/health', '/openapi.json', '/docs']) {
      const response = await fetch(`${s3.server.url}${path}`);
      expect([path, response.status]).toEqual([path, 200]);
      expect(response.headers.get('x-amz-request-id')).toMatch(/^[0-9A-F]{16}$/);
      expect(response.headers.get('x-amz-id-2')).toBeTruthy();
      await response.arrayBuffer();
    }
  });

  it('answer a query whose percent-encoding S3 cannot parse themselves, in problem+json, not with S3 InvalidURI', async () => {
    for (const path of ['/admin/buckets?x=%', '/presigned-url?bucket=test-bucket&%zz']) {
      const response = await fetch(`${s3.server.url}${path}`);
      expect({ path, status: response.status, type: response.headers.get('content-type') }).toEqual({ path, status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
      await response.arrayBuffer();
    }
  });

  it('cannot be created as buckets; their paths asked with another method get their own 405, other paths S3 answers', async () => {
    const created = await fetch(`${s3.server.url}/admin`, { method: 'PUT' });
    expect([created.status, errorCodeOf(await created.text())]).toEqual([400, 'InvalidBucketName']);
    for (const [method, path, allow] of [['PUT', '/admin/reset', 'DELETE, OPTIONS'], ['DELETE', '/admin/buckets', 'GET, HEAD, OPTIONS'], ['POST', '/admin/buckets/test-bucket', 'PUT, DELETE, OPTIONS']]) {
      const wrong = await fetch(`${s3.server.url}${path}`, { method, body: method === 'DELETE' ? undefined : 'x' });
      expect([path, wrong.status, wrong.headers.get('allow'), wrong.headers.get('content-type')]).toEqual([path, 405, allow, expect.stringMatching(/^application\/problem\+json/)]);
      expect(await wrong.json()).toMatchObject({ status: 405, title: 'Method Not Allowed' });
    }
    const stray = await fetch(`${s3.server.url}/admin/no-such-endpoint`, { method: 'PUT', body: 'x' });
    expect([stray.status, errorCodeOf(await stray.text())]).toEqual([404, 'NoSuchBucket']);
  });

  it('answer a plain OPTIONS on their paths with 204 and what they allow there, as the other servers do, not with S3\'s preflight', async () => {
    for (const [path, allow] of [['/admin/reset', 'DELETE, OPTIONS'], ['/admin/buckets', 'GET, HEAD, OPTIONS'], ['/presigned-url', 'GET, HEAD, OPTIONS'], ['/docs', 'GET, HEAD, OPTIONS']]) {
      const response = await fetch(`${s3.server.url}${path}`, { method: 'OPTIONS' });
      expect([path, response.status, response.headers.get('allow'), response.headers.get('x-standin-source')]).toEqual([path, 204, allow, null]);
    }
  });

  it.each(['docs', 'health', 'openapi.json'])('answer an S3 client that takes %s for a bucket in S3 terms: no such bucket, and one it may not create', async (Bucket) => {
    await expect(s3.client.send(new HeadBucketCommand({ Bucket }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    await expect(s3.client.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' }))).rejects.toMatchObject({ name: 'NoSuchBucket' });
    await expect(s3.client.send(new CreateBucketCommand({ Bucket }))).rejects.toMatchObject({ name: 'InvalidBucketName' });
  });

  it('leave a key below docs/ to S3, never to an example of the spec', async () => {
    const response = await fetch(`${s3.server.url}/docs/report.pdf`);
    expect([response.status, response.headers.get('x-standin-source'), errorCodeOf(await response.text())]).toEqual([404, null, 'NoSuchBucket']);
  });

  it('are ordinary keys in virtual-host style', async () => {
    const virtualHost = s3Client(s3.server, 'virtual-host');
    await virtualHost.send(new PutObjectCommand({ Bucket: 'test-bucket', Key: 'health', Body: 'a key, not the health check' }));
    const object = await virtualHost.send(new GetObjectCommand({ Bucket: 'test-bucket', Key: 'health' }));
    expect(await object.Body!.transformToString()).toBe('a key, not the health check');
    virtualHost.destroy();
  });
});
