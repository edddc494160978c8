/**
 * ListObjects (v1), ListObjectsV2 and ListObjectVersions: request parameters and result documents.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjects.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html
 */
import { S3Error } from '../errors';
import { queryValue, type QueryPairs } from '../http-request';
import type { ListPage, ListQuery, ObjectSummary, VersionEntry, VersionPage } from '../store/object-store';
import { XmlSequence, type XmlTree } from '../xml';
import { keyEncoder, urlEncodingRequested } from './key-encoding';

export type ListVersion = 'v1' | 'v2' | 'versions';

/** The Owner element of an entry, from the canonical id stored with it (undefined: none stored). */
export type EntryOwner = (canonicalId: string | undefined) => XmlTree;

export interface ListParameters {
  version: ListVersion;
  store: ListQuery;
  /** As asked for (echoed); the store query holds the page size, at most 1000. */
  maxKeys: number;
  urlEncoded: boolean;
  fetchOwner: boolean;
  /** Echoed as given: Marker (v1), ContinuationToken / StartAfter (v2), KeyMarker (versions). */
  marker?: string;
  continuationToken?: string;
  startAfter?: string;
  /** ListObjectVersions' version-id-marker (only with a key-marker). */
  versionIdMarker?: string;
}

const MAX_KEYS = 1000;
const MAX_INT32 = 2 ** 31 - 1;

/** The max-keys asked for (echoed as MaxKeys, as S3 does); a page never holds more than 1000. */
function maxKeysOf(query: QueryPairs): number {
  const text = queryValue(query, 'max-keys');
  if (text === undefined || text === '') return MAX_KEYS;
  if (!/^\d+$/.test(text) || Number(text) > MAX_INT32) {
    throw new S3Error('InvalidArgument', 'Provided max-keys not an integer or within integer range', { ArgumentName: 'max-keys', ArgumentValue: text });
  }
  return Number(text);
}

/** V2 continuation tokens are opaque to clients: the base64 of the key to continue after. */
export const encodeContinuationToken = (key: string) => Buffer.from(key, 'utf8').toString('base64');

/** An empty token is no token S3 gave (localstack's recorded answer: test_list_objects_v2_continuation_start_after 'exc-continuation-token'). */
function decodeContinuationToken(token: string): string {
  if (token === '') throw new S3Error('InvalidArgument', 'The continuation token provided is incorrect', { ArgumentName: 'continuation-token' });
  const key = Buffer.from(token, 'base64').toString('utf8');
  if (encodeContinuationToken(key) !== token) {
    throw new S3Error('InvalidArgument', 'The continuation token provided is incorrect', { ArgumentName: 'continuation-token', ArgumentValue: token });
  }
  return key;
}

export function parseListParameters(bucket: string, query: QueryPairs, version: ListVersion): ListParameters {
  const urlEncoded = urlEncodingRequested(query);
  const maxKeys = maxKeysOf(query);
  const continuationToken = version === 'v2' ? queryValue(query, 'continuation-token') : undefined;
  const startAfter = version === 'v2' ? queryValue(query, 'start-after') : undefined;
  const marker = version === 'v1' ? queryValue(query, 'marker') : version === 'versions' ? queryValue(query, 'key-marker') : undefined;
  const from = continuationToken !== undefined ? decodeContinuationToken(continuationToken) : (startAfter ?? marker);
  const versionIdMarker = version === 'versions' ? queryValue(query, 'version-id-marker') || undefined : undefined;
  if (versionIdMarker !== undefined && !marker) {
    throw new S3Error('InvalidArgument', 'A version-id marker cannot be specified without a key marker.', { ArgumentName: 'version-id-marker', ArgumentValue: versionIdMarker });
  }
  return {
    version,
    maxKeys,
    urlEncoded,
    fetchOwner: version !== 'v2' || queryValue(query, 'fetch-owner') === 'true',
    marker,
    continuationToken,
    startAfter,
    versionIdMarker,
    store: {
      bucket,
      prefix: queryValue(query, 'prefix') || undefined,
      delimiter: queryValue(query, 'delimiter') || undefined,
      startAfter: from || undefined,
      maxKeys: Math.min(maxKeys, MAX_KEYS),
    },
  };
}

function objectEntry(object: ObjectSummary, params: ListParameters, encode: (text: string) => string, ownerOf: EntryOwner): XmlTree {
  return {
    Key: encode(object.key),
    LastModified: object.lastModified,
    ETag: `"${object.etag}"`,
    // S3 names the type of every checksum it lists; a single PUT's is always FULL_OBJECT, as HEAD says.
    ...(object.checksumAlgorithms.length > 0
      ? { ChecksumAlgorithm: object.checksumAlgorithms.map((a) => a.toUpperCase()), ChecksumType: object.checksumType ?? 'FULL_OBJECT' }
      : {}),
    Size: object.size,
    ...(params.fetchOwner ? { Owner: ownerOf(object.owner) } : {}),
    StorageClass: object.storageClass ?? 'STANDARD',
  };
}

/**
 * ListObjects and ListObjectsV2: the result document and its root element name (ListObjectVersions:
 * renderVersionsResult). Elements come in the order S3 sends them (the
 * API reference's examples): markers and counts, then MaxKeys, Delimiter, IsTruncated, the
 * entries, CommonPrefixes, and EncodingType last.
 */
export function renderListResult(bucket: string, params: ListParameters, page: ListPage, ownerOf: EntryOwner): { root: string; body: XmlTree } {
  const encode = keyEncoder(params.urlEncoded);
  const { prefix, delimiter } = params.store;
  const head: XmlTree = { Name: bucket, Prefix: encode(prefix ?? '') };
  const limits: XmlTree = {
    MaxKeys: params.maxKeys,
    Delimiter: delimiter !== undefined ? encode(delimiter) : undefined,
    IsTruncated: page.isTruncated,
  };
  const entries = page.objects.map((object) => objectEntry(object, params, encode, ownerOf));
  const tail: XmlTree = {
    CommonPrefixes: page.commonPrefixes.length > 0 ? page.commonPrefixes.map((p) => ({ Prefix: encode(p) })) : undefined,
    EncodingType: params.urlEncoded ? 'url' : undefined,
  };
  const next = page.isTruncated ? page.nextStartAfter : undefined;

  if (params.version === 'v2') {
    const markers: XmlTree = {
      // A continuation token overrides start-after, which S3 then does not echo (localstack's recorded
      // answer: test_list_objects_v2_continuation_start_after 'list-objects-start-after-token').
      StartAfter: params.startAfter !== undefined && params.continuationToken === undefined ? encode(params.startAfter) : undefined,
      ContinuationToken: params.continuationToken,
      NextContinuationToken: next !== undefined ? encodeContinuationToken(next) : undefined,
      KeyCount: page.objects.length + page.commonPrefixes.length,
    };
    return { root: 'ListBucketResult', body: { ...head, ...markers, ...limits, Contents: entries, ...tail } };
  }
  // S3 sends NextMarker only when a delimiter was given; clients otherwise use the last key. V1
  // echoes Prefix as given even with encoding-type=url (the AWS SDKs decode it only in V2).
  const markers: XmlTree = { Marker: encode(params.marker ?? ''), NextMarker: delimiter && next !== undefined ? encode(next) : undefined };
  return { root: 'ListBucketResult', body: { ...head, Prefix: prefix ?? '', ...markers, ...limits, Contents: entries, ...tail } };
}

function versionEntry(entry: VersionEntry, params: ListParameters, encode: (text: string) => string, ownerOf: EntryOwner): XmlTree {
  if (entry.kind === 'deleteMarker') {
    const { marker } = entry;
    return { Key: encode(marker.key), VersionId: marker.versionId, IsLatest: entry.isLatest, LastModified: marker.lastModified, Owner: ownerOf(marker.owner) };
  }
  const { Key, ...rest } = objectEntry(entry.object, params, encode, ownerOf);
  return { Key, VersionId: entry.object.versionId, IsLatest: entry.isLatest, ...rest };
}

/** ListVersionsResult: Version and DeleteMarker elements interleaved in listing order, as S3 sends them. */
export function renderVersionsResult(bucket: string, params: ListParameters, page: VersionPage, ownerOf: EntryOwner): XmlTree {
  const encode = keyEncoder(params.urlEncoded);
  const { prefix, delimiter } = params.store;
  const entries = page.entries.map((entry) => [entry.kind === 'version' ? 'Version' : 'DeleteMarker', versionEntry(entry, params, encode, ownerOf)] as const);
  return {
    Name: bucket,
    Prefix: encode(prefix ?? ''),
    KeyMarker: encode(params.marker ?? ''),
    VersionIdMarker: params.versionIdMarker ?? '',
    NextKeyMarker: page.nextKeyMarker !== undefined ? encode(page.nextKeyMarker) : undefined,
    NextVersionIdMarker: page.nextVersionIdMarker,
    MaxKeys: params.maxKeys,
    Delimiter: delimiter !== undefined ? encode(delimiter) : undefined,
    IsTruncated: page.isTruncated,
    Entries: new XmlSequence(entries),
    CommonPrefixes: page.commonPrefixes.length > 0 ? page.commonPrefixes.map((p) => ({ Prefix: encode(p) })) : undefined,
    EncodingType: params.urlEncoded ? 'url' : undefined,
  };
}
