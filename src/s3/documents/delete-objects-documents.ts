/**
 * DeleteObjects: the Delete request document and the DeleteResult answer.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html
 */
import { S3_ERRORS, S3Error } from '../errors';
import { isNullVersion } from '../version-id';
import { parseXml, type XmlTree } from '../xml';

const MAX_KEYS_PER_REQUEST = 1000;

export interface DeleteEntry {
  key: string;
  /** As the client named it; objects here only have the version `null`. */
  versionId?: string;
}

export interface DeleteRequest {
  objects: DeleteEntry[];
  quiet: boolean;
}

export function parseDeleteRequest(text: string): DeleteRequest {
  const document = parseXml(text, 'Delete', ['Object']);
  const objects = (document.Object ?? []) as Array<{ Key?: unknown; VersionId?: unknown }>;
  if (objects.length === 0 || objects.length > MAX_KEYS_PER_REQUEST) throw new S3Error('MalformedXML');
  return {
    objects: objects.map((object) => {
      if (typeof object?.Key !== 'string' || object.Key === '') throw new S3Error('MalformedXML');
      return { key: object.Key, ...(typeof object.VersionId === 'string' ? { versionId: object.VersionId.trim() } : {}) };
    }),
    quiet: String(document.Quiet ?? '').trim().toLowerCase() === 'true',
  };
}

/** The keys to delete: entries naming the current (`null`) version, or none. */
export function keysToDelete(request: DeleteRequest): string[] {
  return request.objects.filter((object) => isNullVersion(object.versionId)).map((object) => object.key);
}

/**
 * Each deleted entry, echoing its VersionId (S3 deletes missing keys without error); an entry
 * naming another version is an Error (NoSuchVersion). Quiet mode lists the errors only.
 */
export function deleteResult(request: DeleteRequest): XmlTree {
  const deleted = request.objects.filter((object) => isNullVersion(object.versionId));
  const failed = request.objects.filter((object) => !isNullVersion(object.versionId));
  return {
    Deleted: request.quiet ? undefined : deleted.map((object) => ({ Key: object.key, VersionId: object.versionId })),
    Error: failed.map((object) => ({ Key: object.key, VersionId: object.versionId, Code: 'NoSuchVersion', Message: S3_ERRORS.NoSuchVersion.message })),
  };
}
