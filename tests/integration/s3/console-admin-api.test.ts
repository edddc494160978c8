/**
 * The admin JSON API the console uses (openapi/s3-mock.yaml, `/admin/...`): folders and paging,
 * one object's details and versions, streamed upload, download, delete, bucket create and delete;
 * refusals as problem+json, and no page of another origin may change anything.
 */
import { PutBucketVersioningCommand, PutObjectCommand, PutObjectTaggingCommand } from '@aws-sdk/client-s3';
import { rawRequest } from './raw-http';
import { useS3 } from './s3-fixture';

const s3 = useS3();
const EVIL = 'https://evil.example';

const admin = (path: string, init?: RequestInit) => fetch(`${s3.server.url}${path}`, init);
const objectPath = (bucket: string, key: string, suffix = '') => `/admin/object/${bucket}${suffix}?key=${encodeURIComponent(key)}`;

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  return (await response.json()) as { status: number; title: string; detail: string; code?: string };
}

async function put(bucket: string, key: string, body: string, extra: Partial<ConstructorParameters<typeof PutObjectCommand>[0]> = {}) {
  await s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ...extra }));
}

describe('listing with folders and paging', () => {
  beforeAll(async () => {
    await admin('/admin/buckets/folders', { method: 'PUT' });
    for (const key of ['a.txt', 'docs/one.txt', 'docs/two.txt', 'docs/deep/three.txt', 'photos/cat.jpg', 'z.txt']) await put('folders', key, key);
  });

  it('rolls keys up into folders at the delimiter, as S3 lists', async () => {
    const page = await (await admin('/admin/objects/folders?delimiter=/')).json();
    expect(page).toMatchObject({ bucket: 'folders', delimiter: '/', count: 4, is_truncated: false, common_prefixes: ['docs/', 'photos/'] });
    expect(page.objects.map((o: { key: string }) => o.key)).toEqual(['a.txt', 'z.txt']);
  });

  it('lists one folder by prefix', async () => {
    const page = await (await admin('/admin/objects/folders?delimiter=/&prefix=docs/')).json();
    expect(page.common_prefixes).toEqual(['docs/deep/']);
    expect(page.objects.map((o: { key: string }) => o.key)).toEqual(['docs/one.txt', 'docs/two.txt']);
  });

  it('pages with next_start_after as the continuation token, a folder once only', async () => {
    const seen: string[] = [];
    let startAfter: string | undefined;
    do {
      const query = new URLSearchParams({ delimiter: '/', limit: '1', ...(startAfter ? { start_after: startAfter } : {}) });
      const page = await (await admin(`/admin/objects/folders?${query}`)).json();
      seen.push(...page.common_prefixes, ...page.objects.map((o: { key: string }) => o.key));
      startAfter = page.is_truncated ? page.next_start_after : undefined;
    } while (startAfter);
    expect(seen).toEqual(['a.txt', 'docs/', 'photos/', 'z.txt']);
  });

  it('refuses a page size out of range with a validation problem', async () => {
    const response = await admin('/admin/objects/folders?limit=0');
    expect(response.status).toBe(400);
    expect((await problemOf(response)).title).toMatch(/validation/i);
  });
});

describe('one object', () => {
  beforeAll(async () => {
    await admin('/admin/buckets/details', { method: 'PUT' });
    await s3.client.send(new PutBucketVersioningCommand({ Bucket: 'details', VersioningConfiguration: { Status: 'Enabled' } }));
    await put('details', 'report.json', '{"v":1}', { ContentType: 'application/json', Metadata: { owner: 'alice' }, ServerSideEncryption: 'AES256' });
    await put('details', 'report.json', '{"v":2}', { ContentType: 'application/json', Metadata: { owner: 'bob' }, ChecksumAlgorithm: 'SHA256' });
    await put('details', 'report.json.bak', 'not a version of report.json');
    await s3.client.send(new PutObjectTaggingCommand({ Bucket: 'details', Key: 'report.json', Tagging: { TagSet: [{ Key: 'project', Value: 'standin' }] } }));
  });

  it('shows metadata, checksums, tags and the key\'s versions, newest first', async () => {
    const details = await (await admin(objectPath('details', 'report.json'))).json();
    expect(details.object).toMatchObject({ key: 'report.json', size: 7, content_type: 'application/json', metadata: { owner: 'bob' }, checksums: { sha256: expect.any(String) } });
    expect(details.tags).toEqual([{ key: 'project', value: 'standin' }]);
    expect(details.versions).toHaveLength(2);
    expect(details.versions[0]).toMatchObject({ version_id: details.object.version_id, is_latest: true, delete_marker: false, size: 7 });
    expect(details.versions_truncated).toBe(false);
  });

  it('shows an older version when asked for its id', async () => {
    const { versions } = await (await admin(objectPath('details', 'report.json'))).json();
    const older = await (await admin(`${objectPath('details', 'report.json')}&version_id=${versions[1].version_id}`)).json();
    expect(older.object).toMatchObject({ metadata: { owner: 'alice' }, server_side_encryption: 'AES256' });
  });

  it('reads stored header bytes that are UTF-8 as UTF-8, as botocore sends them, others one character per byte, and encoded words decoded', async () => {
    const bytesOf = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
    const stored = await rawRequest(s3.server.port, {
      method: 'PUT', path: '/details/accents.txt', body: Buffer.from('x'), // a Buffer: with a string body, Node's end() re-encodes the headers as UTF-8 (nodejs/node#46528)
      headers: {
        'x-amz-meta-city': bytesOf('Zürich'), 'x-amz-meta-legacy': 'caf\u00e9', 'x-amz-meta-encoded': '=?UTF-8?Q?=C3=83=C2=A9_=E2=80=94?=',
        'content-disposition': bytesOf('attachment; filename="résumé.txt"'),
      },
    });
    expect(stored.status).toBe(200);
    const { object } = await (await admin(objectPath('details', 'accents.txt'))).json();
    expect([object.metadata, object.content_disposition]).toEqual([{ city: 'Zürich', legacy: 'café', encoded: 'Ã© —' }, 'attachment; filename="résumé.txt"']);
    const served = await rawRequest(s3.server.port, { method: 'GET', path: '/details/accents.txt' });
    // S3 reads a header one character per byte too, and answers what it read RFC 2047-encoded
    expect(served.headers['x-amz-meta-city']).toBe('=?UTF-8?Q?Z=C3=83=C2=BCrich?=');
  });

  it('downloads with Content-Disposition naming the key\'s last segment, sandboxed', async () => {
    await put('details', 'folder/<script>.html', '<script>alert(1)</script>', { ContentType: 'text/html' });
    const response = await admin(objectPath('details', 'folder/<script>.html', '/content'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="<script>\.html"/);
    expect(response.headers.get('content-security-policy')).toContain('sandbox');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('<script>alert(1)</script>');
  });

  it('sandboxes a stored page that a browser without Fetch Metadata opens (it asks for text/html), not what clients fetch', async () => {
    await put('details', 'page.html', '<script>fetch("/admin/reset", { method: "DELETE" })</script>', { ContentType: 'text/html' });
    const policyFor = async (headers: Record<string, string>) => (await rawRequest(s3.server.port, { method: 'GET', path: '/details/page.html', headers })).headers['content-security-policy'];
    const navigation = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'upgrade-insecure-requests': '1' };
    expect(await policyFor(navigation)).toMatch(/^sandbox /);
    expect(await policyFor({ ...navigation, 'sec-fetch-dest': 'image' })).toBeUndefined();
    expect(await policyFor({ accept: '*/*' })).toBeUndefined();
  });

  it('previews only the first max_bytes, inline, and says it cut them', async () => {
    const response = await admin(`${objectPath('details', 'report.json', '/content')}&disposition=inline&max_bytes=3`);
    expect([response.headers.get('content-disposition'), response.headers.get('x-standin-truncated'), await response.text()]).toEqual(['inline', 'true', '{"v']);
    const whole = await admin(`${objectPath('details', 'report.json', '/content')}&max_bytes=100`);
    expect([whole.headers.get('x-standin-truncated'), await whole.text()]).toEqual(['false', '{"v":2}']);
  });

  it('refuses to serve an SSE-C object, whose key it does not have', async () => {
    const key = Buffer.alloc(32, 7);
    const { createHash } = await import('node:crypto');
    await put('details', 'secret.bin', 'hidden', { SSECustomerAlgorithm: 'AES256', SSECustomerKey: key.toString('base64'), SSECustomerKeyMD5: createHash('md5').update(key).digest('base64') });
    const response = await admin(objectPath('details', 'secret.bin', '/content'));
    expect(response.status).toBe(400);
    expect((await problemOf(response)).detail).toContain('SSE-C');
  });

  it('answers 404 problem+json for a missing key', async () => {
    const response = await admin(objectPath('details', 'nothing-here'));
    expect(response.status).toBe(404);
    expect(await problemOf(response)).toMatchObject({ code: 'NoSuchKey' });
  });

  it('deletes with a delete marker in a versioned bucket, then removes a version for good', async () => {
    await put('details', 'gone.txt', 'bye');
    const marker = await (await admin(objectPath('details', 'gone.txt'), { method: 'DELETE' })).json();
    expect(marker).toMatchObject({ key: 'gone.txt', delete_marker: true, version_id: expect.any(String) });
    expect((await admin(objectPath('details', 'gone.txt'))).status).toBe(404);
    const removed = await (await admin(`${objectPath('details', 'gone.txt')}&version_id=${marker.version_id}`, { method: 'DELETE' })).json();
    expect(removed).toMatchObject({ delete_marker: true, version_id: marker.version_id });
    expect(await (await admin(objectPath('details', 'gone.txt', '/content'))).text()).toBe('bye');
  });
});

describe('upload', () => {
  it('streams the raw body into the object with its Content-Type', async () => {
    const body = Buffer.alloc(3 * 1024 * 1024, 'x');
    const response = await admin(objectPath('test-bucket', 'uploads/big.bin', '/content'), { method: 'PUT', body, headers: { 'content-type': 'application/x-test' } });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ key: 'uploads/big.bin', size: body.length, content_type: 'application/x-test', checksums: { crc32: expect.any(String) } });
    const stored = await fetch(`${s3.server.url}/test-bucket/uploads/big.bin`);
    expect(Buffer.from(await stored.arrayBuffer()).equals(body)).toBe(true);
  });

  it('answers 404 problem+json for a bucket that does not exist', async () => {
    const response = await admin(objectPath('no-such-bucket', 'a.txt', '/content'), { method: 'PUT', body: 'x', headers: { 'content-type': 'text/plain' } });
    expect(response.status).toBe(404);
    expect(await problemOf(response)).toMatchObject({ code: 'NoSuchBucket' });
  });
});

describe('buckets', () => {
  it('creates a bucket, refuses it again and refuses to delete it while it holds objects', async () => {
    const created = await admin('/admin/buckets/made-here', { method: 'PUT' });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ name: 'made-here', object_count: 0 });
    expect(await problemOf(await admin('/admin/buckets/made-here', { method: 'PUT' }))).toMatchObject({ status: 409, code: 'BucketAlreadyOwnedByYou' });
    await put('made-here', 'x.txt', 'x');
    expect(await problemOf(await admin('/admin/buckets/made-here', { method: 'DELETE' }))).toMatchObject({ status: 409, code: 'BucketNotEmpty' });
    await admin(objectPath('made-here', 'x.txt'), { method: 'DELETE' });
    expect((await admin('/admin/buckets/made-here', { method: 'DELETE' })).status).toBe(204);
    expect((await admin('/admin/buckets/made-here', { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses a name S3 refuses', async () => {
    expect(await problemOf(await admin('/admin/buckets/Bad_Name', { method: 'PUT' }))).toMatchObject({ status: 400, code: 'InvalidBucketName' });
  });
});

describe('a page of another origin', () => {
  it.each([
    ['upload', 'PUT', objectPath('test-bucket', 'evil.txt', '/content')],
    ['delete an object', 'DELETE', objectPath('test-bucket', 'kept.txt')],
    ['create a bucket', 'PUT', '/admin/buckets/evil-bucket'],
    ['delete a bucket', 'DELETE', '/admin/buckets/test-uploads'],
  ])('may not %s', async (_, method, path) => {
    await put('test-bucket', 'kept.txt', 'kept');
    const response = await admin(path, { method, body: method === 'PUT' ? 'evil' : undefined, headers: { origin: EVIL, 'content-type': 'text/plain' } });
    expect(response.status).toBe(403);
    expect((await problemOf(response)).title).toBe('Origin Not Allowed');
    expect(await (await admin(objectPath('test-bucket', 'kept.txt', '/content'))).text()).toBe('kept');
    expect((await admin(objectPath('test-bucket', 'evil.txt'))).status).toBe(404);
    const buckets = (await (await admin('/admin/buckets')).json()).buckets.map((b: { name: string }) => b.name);
    expect(buckets).toEqual(expect.arrayContaining(['test-uploads']));
    expect(buckets).not.toContain('evil-bucket');
  });

  it('gets no CORS headers to read what the console reads', async () => {
    const response = await admin('/admin/objects/test-bucket', { headers: { origin: EVIL } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the console page', () => {
  it('is served at /_console with the pages\' CSP, its files and the shared theme under /_console/', async () => {
    const page = await admin('/_console');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toMatch(/^<!doctype html>/i);
    for (const file of ['/_console/console.js', '/_console/console.css', '/_console/shared/base.css', '/_console/shared/dom.js']) {
      expect([file, (await admin(file)).status]).toEqual([file, 200]);
    }
  });

  it('leaves /shared to S3: a bucket may be called that', async () => {
    const response = await admin('/shared/base.css');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('<Code>NoSuchBucket</Code>');
  });
});

describe('the change stream', () => {
  /** Reads server-sent events from GET /admin/events until `count` `change` events came. */
  async function changes(query: string, count: number, act: () => Promise<void>) {
    const controller = new AbortController();
    const response = await admin(`/admin/events${query}`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    await act();
    const events = () => text.split('\n\n').filter((block) => block.includes('event: change'));
    while (events().length < count) text += decoder.decode((await reader.read()).value);
    controller.abort();
    return events().map((block) => JSON.parse(block.split('\n').find((line) => line.startsWith('data: '))!.slice(6)));
  }

  it('tells of each object an AWS SDK puts or deletes, with S3\'s event names', async () => {
    const seen = await changes('', 2, async () => {
      await put('test-bucket', 'streamed/a.txt', 'abc');
      await admin(objectPath('test-bucket', 'streamed/a.txt'), { method: 'DELETE' });
    });
    expect(seen).toEqual([
      expect.objectContaining({ event_name: 'ObjectCreated:Put', bucket: 'test-bucket', key: 'streamed/a.txt', size: 3, etag: '"900150983cd24fb0d6963f7d28e17f72"' }),
      expect.objectContaining({ event_name: 'ObjectRemoved:Delete', bucket: 'test-bucket', key: 'streamed/a.txt' }),
    ]);
    expect(seen[0].sequencer < seen[1].sequencer).toBe(true);
  });

  it('keeps only one bucket\'s changes when asked', async () => {
    const seen = await changes('?bucket=test-uploads', 1, async () => {
      await put('test-bucket', 'elsewhere.txt', 'x');
      await put('test-uploads', 'here.txt', 'x');
    });
    expect(seen.map((change) => change.key)).toEqual(['here.txt']);
  });
});

describe('under S3_AUTH=strict', () => {
  const strict = useS3({ env: { S3_AUTH: 'strict' } });

  it.each([
    ['the change stream', 'GET', '/admin/events'],
    ['an upload', 'PUT', objectPath('test-bucket', 'a.txt', '/content')],
    ['a delete', 'DELETE', objectPath('test-bucket', 'a.txt')],
    ['a bucket creation', 'PUT', '/admin/buckets/strict-made'],
  ])('refuses %s from the unsigned console with 401 problem+json', async (_, method, path) => {
    const response = await fetch(`${strict.server.url}${path}`, { method, body: method === 'PUT' ? 'x' : undefined, headers: { 'content-type': 'text/plain' } });
    expect([response.status, response.headers.get('www-authenticate')]).toEqual([401, 'AWS4-HMAC-SHA256']);
    expect((await problemOf(response)).detail).toContain('S3_AUTH=strict');
  });
});
