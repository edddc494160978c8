import { assertCopySourceConditions, copyMetadata, copySourceRange, parseCopySource } from '../../../src/s3/copy-source';
import type { S3HttpRequest } from '../../../src/s3/http-request';
import type { ObjectInfo } from '../../../src/s3/store';

const request = (...rawHeaders: string[]): S3HttpRequest => ({ method: 'PUT', rawPath: '/b/k', query: [], rawHeaders });
const source: ObjectInfo = {
  bucket: 'b',
  key: 'src',
  size: 10,
  etag: 'abc',
  lastModified: new Date('2026-01-01T00:00:00Z'),
  checksums: {},
  contentType: 'text/plain',
  userMetadata: { a: '1' },
  tags: [{ key: 't', value: 'v' }],
};

describe('x-amz-copy-source', () => {
  it.each([
    ['b/dir/a.txt', { bucket: 'b', key: 'dir/a.txt' }],
    ['/b/dir/a.txt', { bucket: 'b', key: 'dir/a.txt' }],
    ['b/a%20b%2Bc.txt', { bucket: 'b', key: 'a b+c.txt' }],
    ['b/k?versionId=null', { bucket: 'b', key: 'k', versionId: 'null' }],
    ['b/k?versionId=3HL4kqtJlcpXroDTDmJ-rmSpXd3dIbrH', { bucket: 'b', key: 'k', versionId: '3HL4kqtJlcpXroDTDmJ-rmSpXd3dIbrH' }],
  ])('%s names %j', (header, expected) => {
    expect(parseCopySource(request('x-amz-copy-source', header))).toEqual(expected);
  });

  it.each(['wrongformat', 'b/'])('refuses %s as S3 does: InvalidArgument, the header named as its value', (header) => {
    expect(() => parseCopySource(request('x-amz-copy-source', header))).toThrow(
      expect.objectContaining({ code: 'InvalidArgument', message: 'Invalid copy source object key', fields: { ArgumentName: 'x-amz-copy-source', ArgumentValue: 'x-amz-copy-source' } }),
    );
  });

  it.each(['bucket-only', 'b/', '%zz/k', 'b/k?versionId='])('refuses %s with InvalidArgument', (header) => {
    expect(() => parseCopySource(request('x-amz-copy-source', header))).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
  });
});

describe('x-amz-copy-source-if-*', () => {
  // Values that fail for the source, last modified 2026-01-01T00:00:00Z with ETag abc.
  const failing = { 'If-Match': '"other"', 'If-None-Match': '"abc"', 'If-Modified-Since': 'Fri, 02 Jan 2026 00:00:00 GMT', 'If-Unmodified-Since': 'Wed, 31 Dec 2025 00:00:00 GMT' };
  it.each(Object.entries(failing))('a failing x-amz-copy-source-%s is PreconditionFailed naming that header as its Condition', (condition, value) => {
    const name = `x-amz-copy-source-${condition}`;
    expect(() => assertCopySourceConditions(request(name.toLowerCase(), value), source)).toThrow(expect.objectContaining({ code: 'PreconditionFailed', fields: { Condition: name } }));
  });
});

describe('copied metadata', () => {
  it("keeps the source's metadata and tags with the default directives", () => {
    expect(copyMetadata(request(), source, { contentType: 'ignored/type' }, { bucket: 'b', key: 'dst' })).toMatchObject({ contentType: 'text/plain', userMetadata: { a: '1' }, tags: source.tags });
  });

  it("takes the request's with REPLACE directives", () => {
    const copied = copyMetadata(request('x-amz-metadata-directive', 'REPLACE', 'x-amz-tagging-directive', 'REPLACE'), source, { contentType: 'new/type', tags: [] }, { bucket: 'b', key: 'dst' });
    expect(copied).toMatchObject({ contentType: 'new/type', tags: [] });
    expect(copied.userMetadata).toBeUndefined();
  });

  it('refuses to copy an object onto itself unchanged', () => {
    expect(() => copyMetadata(request(), source, {}, { bucket: 'b', key: 'src' })).toThrow(expect.objectContaining({ code: 'InvalidRequest' }));
    expect(copyMetadata(request(), source, { storageClass: 'STANDARD_IA' }, { bucket: 'b', key: 'src' }).storageClass).toBe('STANDARD_IA');
  });

  it('copies a named version onto its own key unchanged (a restore)', () => {
    expect(copyMetadata(request('x-amz-copy-source', 'b/src?versionId=null'), source, {}, { bucket: 'b', key: 'src' })).toMatchObject({ contentType: 'text/plain' });
  });
});

describe('x-amz-copy-source-range', () => {
  it('accepts bytes=first-last within the source', () => {
    expect(copySourceRange(request('x-amz-copy-source-range', 'bytes=2-5'), 10)).toEqual({ start: 2, end: 5 });
  });

  it('names the source size when the range ends beyond it', () => {
    expect(() => copySourceRange(request('x-amz-copy-source-range', 'bytes=0-10'), 10)).toThrow('Range specified is not valid for source object of size: 10');
  });

  it('refuses a range that starts beyond the source with InvalidRequest, naming no header, as S3 does', () => {
    expect(() => copySourceRange(request('x-amz-copy-source-range', 'bytes=100-200'), 10)).toThrow(
      expect.objectContaining({ code: 'InvalidRequest', status: 400, message: 'The specified copy range is invalid for the source object size', fields: {} }),
    );
  });

  it.each(['bytes=5-2', 'bytes=3-', 'items=0-1'])('refuses %s', (range) => {
    expect(() => copySourceRange(request('x-amz-copy-source-range', range), 10)).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
  });

  it('refuses a range beyond the source with 400 InvalidArgument naming the header, as S3 does (not GetObject\'s 416 InvalidRange)', () => {
    expect(() => copySourceRange(request('x-amz-copy-source-range', 'bytes=0-10'), 10)).toThrow(
      expect.objectContaining({ code: 'InvalidArgument', status: 400, fields: expect.objectContaining({ ArgumentName: 'x-amz-copy-source-range', ArgumentValue: 'bytes=0-10' }) }),
    );
  });
});
