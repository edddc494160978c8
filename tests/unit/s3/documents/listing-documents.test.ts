import { encodeContinuationToken, parseListParameters, renderListResult, renderVersionsResult } from '../../../../src/s3/documents/listing-documents';
import { parseQueryString } from '../../../../src/s3/http-request';
import type { ListPage, VersionPage } from '../../../../src/s3/store';
import type { XmlSequence } from '../../../../src/s3/xml';

const page: ListPage = {
  objects: [{ key: 'a b+c/ü.txt', size: 3, etag: 'e', lastModified: new Date('2026-01-01T00:00:00Z'), checksumAlgorithms: ['crc32'] }],
  commonPrefixes: ['x y/'],
  isTruncated: true,
  nextStartAfter: 'x y/',
};

const ownerOf = (id: string | undefined) => ({ ID: id ?? 'bucket-owner' });

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
    const { root, body } = renderListResult('b', parseListParameters('b', parseQueryString('list-type=2&delimiter=/'), 'v2'), page, ownerOf);
    expect(root).toBe('ListBucketResult');
    expect(body).toMatchObject({ KeyCount: 2, IsTruncated: true, NextContinuationToken: encodeContinuationToken('x y/') });
  });

  it('encoding-type=url percent-encodes keys and prefixes, keeping slashes', () => {
    const { body } = renderListResult('b', parseListParameters('b', parseQueryString('encoding-type=url&delimiter=/&prefix=a%20'), 'v1'), page, ownerOf);
    expect(body.Contents).toEqual([expect.objectContaining({ Key: 'a%20b%2Bc/%C3%BC.txt', ChecksumAlgorithm: ['CRC32'] })]);
    expect(body.CommonPrefixes).toEqual([{ Prefix: 'x%20y/' }]);
    expect(body.NextMarker).toBe('x%20y/');
    expect(body.Prefix).toBe('a '); // V1 echoes its prefix unencoded; V2 encodes it
    const v2 = renderListResult('b', parseListParameters('b', parseQueryString('list-type=2&encoding-type=url&prefix=a%20'), 'v2'), page, ownerOf);
    expect(v2.body.Prefix).toBe('a%20');
  });

  it('versions: Version and DeleteMarker entries with their ids, IsLatest and the next markers, keys url-encoded', () => {
    const lastModified = new Date('2026-01-01T00:00:00Z');
    const versions: VersionPage = {
      entries: [
        { kind: 'deleteMarker', marker: { bucket: 'b', key: 'a b', versionId: 'm1', lastModified }, isLatest: true },
        { kind: 'version', object: { key: 'a b', size: 1, etag: 'e', lastModified, checksumAlgorithms: [], versionId: 'v1', owner: 'writer' }, isLatest: false },
      ],
      commonPrefixes: [],
      isTruncated: true,
      nextKeyMarker: 'a b',
      nextVersionIdMarker: 'v1',
    };
    const params = parseListParameters('b', parseQueryString('versions&encoding-type=url&key-marker=a&version-id-marker=v0'), 'versions');
    const body = renderVersionsResult('b', params, versions, ownerOf);
    expect(body).toMatchObject({ KeyMarker: 'a', VersionIdMarker: 'v0', NextKeyMarker: 'a%20b', NextVersionIdMarker: 'v1', IsTruncated: true });
    expect((body.Entries as XmlSequence).elements).toEqual([
      ['DeleteMarker', expect.objectContaining({ Key: 'a%20b', VersionId: 'm1', IsLatest: true, Owner: { ID: 'bucket-owner' } })],
      ['Version', expect.objectContaining({ Key: 'a%20b', VersionId: 'v1', IsLatest: false, ETag: '"e"', Size: 1, Owner: { ID: 'writer' } })],
    ]);
  });

  it('versions: a version-id-marker needs a key-marker', () => {
    expect(() => parseListParameters('b', parseQueryString('versions&version-id-marker=v0'), 'versions')).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
  });
});
