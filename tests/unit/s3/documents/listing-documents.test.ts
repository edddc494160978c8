import { encodeContinuationToken, parseListParameters, renderListResult } from '../../../../src/s3/documents/listing-documents';
import { parseQueryString } from '../../../../src/s3/http-request';
import type { ListPage } from '../../../../src/s3/store';

const page: ListPage = {
  objects: [{ key: 'a b+c/ü.txt', size: 3, etag: 'e', lastModified: new Date('2026-01-01T00:00:00Z'), checksumAlgorithms: ['crc32'] }],
  commonPrefixes: ['x y/'],
  isTruncated: true,
  nextStartAfter: 'x y/',
};

describe('list parameters', () => {
  it('reads V2 parameters, a continuation token winning over start-after', () => {
    const params = parseListParameters('b', parseQueryString(`list-type=2&prefix=a&delimiter=%2F&max-keys=5000&start-after=z&continuation-token=${encodeContinuationToken('k')}`), 'v2');
    expect(params.store).toEqual({ bucket: 'b', prefix: 'a', delimiter: '/', startAfter: 'k', maxKeys: 1000 });
    expect(params.fetchOwner).toBe(false);
    expect(params.maxKeys).toBe(5000); // echoed as asked, as S3 does
  });

  it.each([
    ['max-keys=ten', 'v1'],
    ['max-keys=99999999999999999999', 'v2'],
    ['encoding-type=base64', 'v1'],
    ['continuation-token=%%%', 'v2'],
  ] as const)('refuses %s with InvalidArgument', (query, version) => {
    expect(() => parseListParameters('b', parseQueryString(query.replace('%%%', '%25%25')), version)).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
  });
});

describe('list result documents', () => {
  it('V2: KeyCount counts keys and prefixes, NextContinuationToken continues after the last', () => {
    const { root, body } = renderListResult('b', parseListParameters('b', parseQueryString('list-type=2&delimiter=/'), 'v2'), page);
    expect(root).toBe('ListBucketResult');
    expect(body).toMatchObject({ KeyCount: 2, IsTruncated: true, NextContinuationToken: encodeContinuationToken('x y/') });
  });

  it('encoding-type=url percent-encodes keys and prefixes, keeping slashes', () => {
    const { body } = renderListResult('b', parseListParameters('b', parseQueryString('encoding-type=url&delimiter=/'), 'v1'), page);
    expect(body.Contents).toEqual([expect.objectContaining({ Key: 'a%20b%2Bc/%C3%BC.txt', ChecksumAlgorithm: ['CRC32'] })]);
    expect(body.CommonPrefixes).toEqual([{ Prefix: 'x%20y/' }]);
    expect(body.NextMarker).toBe('x%20y/');
  });

  it('versions: every object is version null and latest', () => {
    const { root, body } = renderListResult('b', parseListParameters('b', parseQueryString('versions'), 'versions'), page);
    expect(root).toBe('ListVersionsResult');
    expect(body.Version).toEqual([expect.objectContaining({ VersionId: 'null', IsLatest: true })]);
    expect(body.NextVersionIdMarker).toBe('null');
  });
});
