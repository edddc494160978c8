import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { specPath } from '../../../src/kit';
import { dispatch, DISPATCH_TABLE, type DispatchInput } from '../../../src/s3/dispatch';
import { parseQueryString } from '../../../src/s3/http-request';

function operation(method: string, path: string, query = '', headers: string[] = [], contentType?: string) {
  const [, bucket, ...key] = path.split('/');
  const input: DispatchInput = {
    method,
    bucket: bucket || undefined,
    key: key.length > 0 ? key.join('/') : undefined,
    query: parseQueryString(query),
    hasHeader: (name) => headers.includes(name),
    contentType,
  };
  return dispatch(input);
}

describe('S3 dispatch (docs/ARCHITECTURE.md, "S3 dispatch")', () => {
  it.each([
    ['GET', '/', '', 'ListBuckets'],
    ['GET', '/b', 'list-type=2&prefix=a', 'ListObjectsV2'],
    ['GET', '/b', 'prefix=a&x-id=ListObjects', 'ListObjects'],
    ['GET', '/b', 'versions', 'ListObjectVersions'],
    ['GET', '/b', 'uploads=', 'ListMultipartUploads'],
    ['GET', '/b', 'location', 'GetBucketLocation'],
    ['PUT', '/b', 'tagging', 'PutBucketTagging'],
    ['DELETE', '/b', 'cors', 'DeleteBucketCors'],
    ['GET', '/b', 'encryption', 'GetBucketEncryption'],
    ['PUT', '/b', 'versioning', 'PutBucketVersioning'],
    ['POST', '/b', 'delete', 'DeleteObjects'],
    ['GET', '/b', 'acl', 'GetBucketAcl'],
    ['PUT', '/b', 'acl', 'PutBucketAcl'],
    ['GET', '/b', 'policy', 'GetBucketPolicy'],
    ['DELETE', '/b', 'policy', 'DeleteBucketPolicy'],
    ['PUT', '/b', 'lifecycle', 'PutBucketLifecycleConfiguration'],
    ['GET', '/b', 'object-lock', 'GetObjectLockConfiguration'],
    ['PUT', '/b', 'object-lock', 'PutObjectLockConfiguration'],
    ['PUT', '/b/k', 'retention&versionId=v', 'PutObjectRetention'],
    ['GET', '/b/k', 'retention', 'GetObjectRetention'],
    ['PUT', '/b/k', 'legal-hold', 'PutObjectLegalHold'],
    ['GET', '/b/k', 'legal-hold&versionId=v', 'GetObjectLegalHold'],
    ['POST', '/b/k', 'restore&versionId=v', 'RestoreObject'],
    ['GET', '/b/k', 'acl', 'GetObjectAcl'],
    ['PUT', '/b/k', 'acl', 'PutObjectAcl'],
    ['PUT', '/b', '', 'CreateBucket'],
    ['HEAD', '/b', '', 'HeadBucket'],
    ['DELETE', '/b', '', 'DeleteBucket'],
    ['OPTIONS', '/b', '', 'PreflightBucket'],
    ['PUT', '/b/k', 'partNumber=1&uploadId=u', 'UploadPart'],
    ['PUT', '/b/k', 'tagging', 'PutObjectTagging'],
    ['PUT', '/b/a/b/c.jpg', 'x-id=PutObject', 'PutObject'],
    ['GET', '/b/k', 'uploadId=u', 'ListParts'],
    ['GET', '/b/k', 'tagging', 'GetObjectTagging'],
    ['GET', '/b/k', 'attributes', 'GetObjectAttributes'],
    ['GET', '/b/k', 'response-content-type=text/plain&X-Amz-Signature=abc', 'GetObject'],
    ['HEAD', '/b/k', 'partNumber=1', 'HeadObject'],
    ['POST', '/b/k', 'uploads', 'CreateMultipartUpload'],
    ['POST', '/b/k', 'uploadId=u', 'CompleteMultipartUpload'],
    ['DELETE', '/b/k', 'uploadId=u', 'AbortMultipartUpload'],
    ['DELETE', '/b/k', 'tagging', 'DeleteObjectTagging'],
    ['DELETE', '/b/k', '', 'DeleteObject'],
    ['OPTIONS', '/b/k', '', 'PreflightObject'],
  ])('%s %s?%s is %s', (method, path, query, expected) => {
    expect(operation(method, path, query)).toBe(expected);
  });

  it('tells copies apart by the x-amz-copy-source header', () => {
    expect(operation('PUT', '/b/k', '', ['x-amz-copy-source'])).toBe('CopyObject');
    expect(operation('PUT', '/b/k', 'partNumber=2&uploadId=u', ['x-amz-copy-source'])).toBe('UploadPartCopy');
  });

  it('names the ownership controls and Block Public Access operations by their flags', () => {
    expect(['GET', 'PUT', 'DELETE'].map((method) => operation(method, '/b', 'ownershipControls'))).toEqual(['GetBucketOwnershipControls', 'PutBucketOwnershipControls', 'DeleteBucketOwnershipControls']);
    expect(['GET', 'PUT', 'DELETE'].map((method) => operation(method, '/b', 'publicAccessBlock'))).toEqual(['GetPublicAccessBlock', 'PutPublicAccessBlock', 'DeletePublicAccessBlock']);
  });

  it('treats a multipart/form-data POST to a bucket as a browser form upload', () => {
    expect(operation('POST', '/b', '', [], 'multipart/form-data; boundary=x')).toBe('PostObject');
  });

  it('names the event notification operations by ?notification', () => {
    expect(['GET', 'PUT'].map((method) => operation(method, '/b', 'notification'))).toEqual(['GetBucketNotificationConfiguration', 'PutBucketNotificationConfiguration']);
  });

  it.each(['website', 'logging', 'replication', 'accelerate'])(
    'answers NotImplemented for ?%s instead of a listing',
    (flag) => {
      expect(() => operation('GET', '/b', flag)).toThrow(expect.objectContaining({ code: 'NotImplemented', status: 501 }));
      expect(() => operation('PUT', '/b/k', flag)).toThrow(expect.objectContaining({ code: 'NotImplemented' }));
    },
  );

  it('refuses ?uploads and ?versions on a key with InvalidRequest, as S3 does, instead of serving the object', () => {
    expect(() => operation('GET', '/b/k', 'uploads')).toThrow(expect.objectContaining({ code: 'InvalidRequest', message: 'Key is not expected for the GET method ?uploads subresource' }));
    expect(() => operation('GET', '/b/k', 'versions')).toThrow(expect.objectContaining({ code: 'InvalidRequest', message: 'There is no such thing as the ?versions sub-resource for a key' }));
  });

  it('answers MethodNotAllowed for a method S3 does not serve on the resource', () => {
    expect(() => operation('PATCH', '/b/k')).toThrow(expect.objectContaining({ code: 'MethodNotAllowed', status: 405 }));
    expect(() => operation('DELETE', '/')).toThrow(expect.objectContaining({ code: 'MethodNotAllowed' }));
  });

  it('refuses a POST to a bucket that is no form with PreconditionFailed naming the enclosure type, as S3 does', () => {
    expect(() => operation('POST', '/b')).toThrow(
      expect.objectContaining({ code: 'PreconditionFailed', status: 412, fields: { Condition: 'Bucket POST must be of the enclosure-type multipart/form-data' } }),
    );
  });
});

describe('the S3 spec and the dispatch table', () => {
  it('declare the same S3 operations, so none is left to Prism and none is undocumented', () => {
    const spec = parse(readFileSync(specPath('s3-mock'), 'utf8')) as { paths: Record<string, Record<string, { operationId?: string; 'x-standin-dispatch'?: string }>> };
    const declared = Object.values(spec.paths).flatMap((item) => Object.values(item)).filter((op) => op?.['x-standin-dispatch'] === 's3').map((op) => op.operationId);
    expect(new Set(declared)).toEqual(new Set(DISPATCH_TABLE.map((route) => route.operation)));
  });
});
