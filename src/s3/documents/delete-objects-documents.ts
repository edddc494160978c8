/**
 * DeleteObjects: the Delete request document and the DeleteResult answer.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html
 */
import { deleteConditions } from '../delete-conditions';
import { S3Error, toS3Error } from '../errors';
import type { DeleteConditions } from '../store/object-store';
import type { DeleteEntryOutcome } from '../store/object-store';
import { parseXml, type XmlTree } from '../xml';

const MAX_KEYS_PER_REQUEST = 1000;

export interface DeleteEntry {
  key: string;
  /** As the client named it. */
  versionId?: string;
  /** ETag, LastModifiedTime and Size: what the object must be to be deleted. */
  conditions?: DeleteConditions;
}

export interface DeleteRequest {
  objects: DeleteEntry[];
  quiet: boolean;
}

export function parseDeleteRequest(text: string): DeleteRequest {
  const document = parseXml(text, 'Delete', ['Object']);
  const objects = (document.Object ?? []) as Array<Record<'Key' | 'VersionId' | 'ETag' | 'LastModifiedTime' | 'Size', unknown>>;
  if (objects.length === 0 || objects.length > MAX_KEYS_PER_REQUEST) throw new S3Error('MalformedXML');
  const textOf = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
  return {
    objects: objects.map((object) => {
      if (typeof object?.Key !== 'string' || object.Key === '') throw new S3Error('MalformedXML');
      const conditions = deleteConditions({ etag: textOf(object.ETag), lastModified: textOf(object.LastModifiedTime), size: textOf(object.Size) });
      return { key: object.Key, ...(typeof object.VersionId === 'string' ? { versionId: object.VersionId.trim() } : {}), ...(conditions ? { conditions } : {}) };
    }),
    quiet: String(document.Quiet ?? '').trim().toLowerCase() === 'true',
  };
}

/**
 * Each entry deleted, with the delete marker it wrote or removed (S3 deletes missing keys and
 * versions without error), and each refused one as an Error. Quiet mode lists the errors only.
 */
export function deleteResult(request: DeleteRequest, outcomes: DeleteEntryOutcome[]): XmlTree {
  const entries = request.objects.map((object, i) => ({ object, outcome: outcomes[i] }));
  return {
    Deleted: request.quiet
      ? undefined
      : entries
          .filter(({ outcome }) => !outcome.error)
          .map(({ object, outcome }) => ({
            Key: object.key,
            VersionId: object.versionId,
            DeleteMarker: outcome.deleteMarker ? true : undefined,
            DeleteMarkerVersionId: outcome.deleteMarker ? outcome.versionId : undefined,
          })),
    Error: entries
      .filter(({ outcome }) => outcome.error)
      .map(({ object, outcome }) => {
        const error = toS3Error(outcome.error);
        return { Key: object.key, VersionId: object.versionId, Code: error.code, Message: error.message };
      }),
  };
}
