/** The admin API's JSON shapes (openapi/s3-mock.yaml) of the store's objects and versions. */
import type { components } from '../../../generated/s3-mock';
import { quoteEtag } from '../../s3/object-headers';
import type { BucketStats, ObjectInfo, VersionEntry } from '../../s3/store';

type Schemas = components['schemas'];

export function adminBucket(stats: BucketStats): Schemas['AdminBucket'] {
  return { name: stats.name, region: stats.region, created_at: stats.createdAt.toISOString(), object_count: stats.objectCount, total_bytes: stats.totalBytes };
}

export function adminObject(object: ObjectInfo): Schemas['AdminObject'] {
  return {
    key: object.key,
    size: object.size,
    etag: quoteEtag(object.etag),
    last_modified: object.lastModified.toISOString(),
    content_type: object.contentType,
    content_encoding: object.contentEncoding,
    content_disposition: object.contentDisposition,
    cache_control: object.cacheControl,
    storage_class: object.storageClass ?? 'STANDARD',
    metadata: object.userMetadata ?? {},
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
