/** The admin API's JSON shapes (openapi/s3-mock.yaml) of the store's objects and versions. */
import { isUtf8 } from 'node:buffer';
import type { components } from '../../../generated/s3-mock';
import { quoteEtag } from '../../s3/object-headers';
import type { BucketStats, ObjectInfo, VersionEntry } from '../../s3/store';

type Schemas = components['schemas'];

export function adminBucket(stats: BucketStats): Schemas['AdminBucket'] {
  return { name: stats.name, region: stats.region, created_at: stats.createdAt.toISOString(), object_count: stats.objectCount, total_bytes: stats.totalBytes };
}

/**
 * A stored header value as text: the store keeps the bytes sent, one character per byte (README,
 * "S3 mock: reserved names and known differences", user metadata beyond ASCII). botocore and
 * curl send UTF-8, so bytes that are UTF-8 are read as UTF-8 ("Zürich", not "ZÃ¼rich");
 * others (the JS SDK's Latin-1 "é") stay one character per byte.
 */
function headerText(value: string): string;
function headerText(value: string | undefined): string | undefined;
function headerText(value: string | undefined): string | undefined {
  // ASCII, or text that did not come as header bytes (a decoded encoded word, a form's field)
  if (value === undefined || !/[\x80-\xff]/.test(value) || /[\u0100-\uffff]/.test(value)) return value;
  const bytes = Buffer.from(value, 'latin1');
  return isUtf8(bytes) ? bytes.toString('utf8') : value;
}

export function adminObject(object: ObjectInfo): Schemas['AdminObject'] {
  return {
    key: object.key,
    size: object.size,
    etag: quoteEtag(object.etag),
    last_modified: object.lastModified.toISOString(),
    content_type: headerText(object.contentType),
    content_encoding: headerText(object.contentEncoding),
    content_disposition: headerText(object.contentDisposition),
    cache_control: headerText(object.cacheControl),
    storage_class: object.storageClass ?? 'STANDARD',
    metadata: Object.fromEntries(Object.entries(object.userMetadata ?? {}).map(([name, value]) => [name, headerText(value)])),
    server_side_encryption: object.sse?.algorithm as Schemas['AdminObject']['server_side_encryption'],
    kms_key_id: object.sse?.kmsKeyId,
    sse_customer_algorithm: object.sse?.customerAlgorithm,
    checksums: object.checksums as Record<string, string>,
    checksum_type: object.checksumType,
    version_id: object.versionId,
    object_lock_mode: object.lock?.mode,
    object_lock_retain_until: isoDate(object.lock?.retainUntil),
    legal_hold: object.lock?.legalHold,
  };
}

export function adminVersion(entry: VersionEntry): Schemas['AdminVersion'] {
  if (entry.kind === 'deleteMarker') {
    return { version_id: entry.marker.versionId, is_latest: entry.isLatest, delete_marker: true, last_modified: entry.marker.lastModified.toISOString() };
  }
  const { object } = entry;
  return {
    version_id: object.versionId,
    is_latest: entry.isLatest,
    delete_marker: false,
    size: object.size,
    etag: quoteEtag(object.etag),
    last_modified: object.lastModified.toISOString(),
  };
}

/** A stored ISO 8601 date in the spec's date-time form (the store keeps it as given). */
function isoDate(value: string | undefined): string | undefined {
  const date = value === undefined ? undefined : new Date(value);
  return date === undefined || Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
