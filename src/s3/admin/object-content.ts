/**
 * An object's bytes for the console's download and preview: the whole object, or its first
 * `maxBytes` for a preview. An object encrypted with a customer key (SSE-C) is served only to a
 * request that brings that key (S3), which the console never has.
 */
import { S3Error } from '../errors';
import type { ObjectRead, ObjectStore } from '../store';

export interface ObjectContent extends ObjectRead {
  /** maxBytes cut the body short. */
  truncated: boolean;
}

export async function readObjectContent(store: ObjectStore, bucket: string, key: string, options: { versionId?: string; maxBytes?: number }): Promise<ObjectContent> {
  const { object } = await store.headObject(bucket, key, { versionId: options.versionId });
  if (object.sse?.customerAlgorithm) {
    throw new S3Error('InvalidRequest', 'The object is encrypted with a customer-provided key (SSE-C): read it with that key through S3');
  }
  const truncated = options.maxBytes !== undefined && object.size > options.maxBytes;
  const range = truncated ? { start: 0, end: options.maxBytes! - 1 } : undefined;
  const read = await store.getObject(bucket, key, { versionId: object.versionId ?? options.versionId, range });
  return { ...read, truncated };
}
