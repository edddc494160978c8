/**
 * What the console shows of one object: the version asked for (or the latest), and the key's
 * versions and delete markers, newest first. Keys that merely begin with the key sort after it
 * (S3 order), so the key's own versions are the first entries of a version listing by prefix.
 */
import type { ObjectInfo, ObjectStore, VersionEntry } from '../store';

export const MAX_LISTED_VERSIONS = 100;

export interface ObjectDetails {
  object: ObjectInfo;
  versions: VersionEntry[];
  /** More versions exist than MAX_LISTED_VERSIONS. */
  versionsTruncated: boolean;
}

export async function objectDetails(store: ObjectStore, bucket: string, key: string, versionId?: string): Promise<ObjectDetails> {
  const { object } = await store.headObject(bucket, key, { versionId });
  const page = await store.listObjectVersions({ bucket, prefix: key, maxKeys: MAX_LISTED_VERSIONS + 1 });
  const versions = page.entries.filter((entry) => keyOf(entry) === key);
  return { object, versions: versions.slice(0, MAX_LISTED_VERSIONS), versionsTruncated: versions.length > MAX_LISTED_VERSIONS };
}

function keyOf(entry: VersionEntry): string {
  return entry.kind === 'version' ? entry.object.key : entry.marker.key;
}
