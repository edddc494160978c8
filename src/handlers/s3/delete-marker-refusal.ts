/**
 * Writes to a delete marker's sub-resources: S3 answers tagging (any method) and PutObjectAcl of a
 * delete marker, named by its version id or hiding its key as the latest version, 405
 * MethodNotAllowed naming the request's method, where a read of such a key is NoSuchKey (localstack's
 * recorded answers: test_object_tagging_versioned, test_put_object_acl_on_delete_marker). With
 * `latest: false` only a delete marker named by version id is refused so, the latest one left to
 * the operation (PutObjectRetention: test_object_lock_delete_markers).
 */
import { S3Error } from '../../s3/errors';
import type { S3Call } from './s3-call';

export async function refusingDeleteMarkers<T>(call: S3Call, operation: () => Promise<T>, { latest = true } = {}): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (!(error instanceof S3Error)) throw error;
    const hidden = latest && error.code === 'NoSuchKey' && error.headers['x-amz-delete-marker'] === 'true';
    if (!hidden && error.fields.ResourceType !== 'DeleteMarker') throw error;
    const refused = new S3Error('MethodNotAllowed', undefined, { Method: call.wire.method, ResourceType: 'DeleteMarker' });
    refused.headers = error.headers;
    throw refused;
  }
}
