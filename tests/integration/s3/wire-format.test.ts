/**
 * The bytes of S3's answers, as conformance suites and strict XML clients read them: headers of
 * XML documents, element order as S3 sends it, error documents tied to their request id, and
 * answers that must have no body.
 */
import { rawRequest } from './raw-http';
import { useS3 } from './s3-fixture';

const s3 = useS3();
beforeAll(async () => {
  await rawRequest(s3.server.port, { method: 'PUT', path: '/test-bucket/dir/a.txt', body: 'a' });
  await rawRequest(s3.server.port, { method: 'PUT', path: '/test-bucket/dir/b.txt', body: 'b' });
});

const get = (path: string, headers: Record<string, string> = {}) => rawRequest(s3.server.port, { method: 'GET', path, headers });

/** The names of the root's child elements, in document order. */
function childOrder(xml: string, root: string): string[] {
  const inner = new RegExp(`<${root}[^>]*>([\\s\\S]*)</${root}>`).exec(xml)?.[1] ?? '';
  const names: string[] = [];
  let depth = 0;
  for (const [, closing, name, selfClosing] of inner.matchAll(/<(\/?)([A-Za-z0-9]+)[^>]*?(\/?)>/g)) {
    if (closing) depth -= 1;
    else {
      if (depth === 0) names.push(name);
      if (!selfClosing) depth += 1;
    }
  }
  return names;
}

describe('XML documents', () => {
  it('are application/xml in the S3 namespace, without a charset or an ETag of their own', async () => {
    const response = await get('/test-bucket?list-type=2');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/xml');
    expect(response.headers.etag).toBeUndefined();
    expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.body));
    expect(response.body).toContain('<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">');
  });

  it('ListBuckets lists Buckets before Owner', async () => {
    expect(childOrder((await get('/')).body, 'ListAllMyBucketsResult')).toEqual(['Buckets', 'Owner']);
  });

  it('ListObjectsV2 orders its elements as S3 does', async () => {
    const { body } = await get('/test-bucket?list-type=2&prefix=dir/&max-keys=1&start-after=dir/');
    expect(childOrder(body, 'ListBucketResult')).toEqual(['Name', 'Prefix', 'StartAfter', 'NextContinuationToken', 'KeyCount', 'MaxKeys', 'IsTruncated', 'Contents']);
  });

  it('ListObjects (v1) orders its elements as S3 does', async () => {
    const { body } = await get('/test-bucket?delimiter=/&encoding-type=url');
    expect(childOrder(body, 'ListBucketResult')).toEqual(['Name', 'Prefix', 'Marker', 'MaxKeys', 'Delimiter', 'IsTruncated', 'CommonPrefixes', 'EncodingType']);
  });

  it('ListMultipartUploads orders its elements as S3 does', async () => {
    await rawRequest(s3.server.port, { method: 'POST', path: '/test-bucket/dir/upload.bin?uploads' });
    const { body } = await get('/test-bucket?uploads&prefix=dir/&delimiter=/');
    expect(childOrder(body, 'ListMultipartUploadsResult')).toEqual(['Bucket', 'KeyMarker', 'UploadIdMarker', 'NextKeyMarker', 'NextUploadIdMarker', 'Delimiter', 'Prefix', 'MaxUploads', 'IsTruncated', 'Upload']);
  });

  it('ListObjectVersions orders its elements as S3 does', async () => {
    const { body } = await get('/test-bucket?versions&prefix=dir/');
    expect(childOrder(body, 'ListVersionsResult')).toEqual(['Name', 'Prefix', 'KeyMarker', 'VersionIdMarker', 'MaxKeys', 'IsTruncated', 'Version', 'Version']);
  });
});

describe('request ids', () => {
  it("are S3's own on S3 answers, which are logged under x-amz-request-id; the JSON extras keep the kit's x-request-id", async () => {
    for (const response of [await get('/test-bucket/dir/a.txt'), await get('/test-bucket/missing.txt')]) {
      expect(response.headers['x-amz-request-id']).toMatch(/^[0-9A-F]{16}$/);
      expect(response.headers['x-amz-id-2']).toBeDefined();
      expect(response.headers['x-request-id']).toBeUndefined();
    }
    const extra = await get('/admin/buckets');
    expect(extra.status).toBe(200);
    expect(extra.headers['x-request-id']).toBeDefined();
    expect(extra.headers['x-amz-request-id']).toMatch(/^[0-9A-F]{16}$/);
  });
});

describe('headers', () => {
  it("of S3 answers are AWS's, without the JSON APIs' X-Content-Type-Options; the JSON extras have it", async () => {
    for (const response of [await get('/test-bucket/dir/a.txt'), await get('/test-bucket/missing.txt'), await get('/test-bucket?list-type=2')]) {
      expect(response.headers['x-content-type-options']).toBeUndefined();
    }
    expect((await get('/admin/buckets')).headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('error documents', () => {
  it('carry the x-amz-request-id of their response as RequestId, and Key for NoSuchKey', async () => {
    const response = await get('/test-bucket/missing.txt');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/xml');
    expect(response.body).toContain(`<RequestId>${response.headers['x-amz-request-id']}</RequestId>`);
    expect(response.body).toContain('<Key>missing.txt</Key>');
  });

  it("hold S3's elements alone: no Resource, the key or bucket being the error's own field", async () => {
    expect(childOrder((await get('/test-bucket/missing.txt')).body, 'Error')).toEqual(['Code', 'Message', 'Key', 'RequestId', 'HostId']);
    expect(childOrder((await get('/no-such-bucket?list-type=2')).body, 'Error')).toEqual(['Code', 'Message', 'BucketName', 'RequestId', 'HostId']);
  });

  it('carry BucketName for NoSuchBucket', async () => {
    expect((await get('/no-such-bucket?list-type=2')).body).toContain('<BucketName>no-such-bucket</BucketName>');
  });

  it('name the method and resource type for MethodNotAllowed (a POST to an object without a flag)', async () => {
    const response = await rawRequest(s3.server.port, { method: 'POST', path: '/test-bucket/dir/a.txt', body: '' });
    expect(response.status).toBe(405);
    expect(response.body).toMatch(/<Code>MethodNotAllowed<\/Code>.*<Method>POST<\/Method><ResourceType>OBJECT<\/ResourceType>/);
  });

  it('are not sent to HEAD, nor with a 304', async () => {
    const head = await rawRequest(s3.server.port, { method: 'HEAD', path: '/test-bucket/missing.txt' });
    expect(head.status).toBe(404);
    expect(head.body).toBe('');
    const etag = (await get('/test-bucket/dir/a.txt')).headers.etag ?? '';
    const notModified = await get('/test-bucket/dir/a.txt', { 'If-None-Match': etag });
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBe('');
  });
});
