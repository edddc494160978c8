/**
 * DeleteObjects: the Delete request document and the DeleteResult answer.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html
 */
import { S3Error } from '../errors';
import { parseXml, type XmlTree } from '../xml';

const MAX_KEYS_PER_REQUEST = 1000;

export interface DeleteRequest {
  keys: string[];
  quiet: boolean;
}

export function parseDeleteRequest(text: string): DeleteRequest {
  const document = parseXml(text, 'Delete', ['Object']);
  const objects = (document.Object ?? []) as Array<{ Key?: unknown }>;
  if (objects.length === 0 || objects.length > MAX_KEYS_PER_REQUEST) throw new S3Error('MalformedXML');
  const keys = objects.map((object) => {
    if (typeof object?.Key !== 'string' || object.Key === '') throw new S3Error('MalformedXML');
    return object.Key;
  });
  return { keys, quiet: String(document.Quiet ?? '').trim().toLowerCase() === 'true' };
}

/** Every key counts as deleted (S3 deletes missing keys without error); Quiet mode lists none. */
export function deleteResult(request: DeleteRequest): XmlTree {
  return { Deleted: request.quiet ? undefined : request.keys.map((key) => ({ Key: key })) };
}
