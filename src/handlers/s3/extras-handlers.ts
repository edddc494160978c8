/**
 * The mock's JSON extras (openapi/s3-mock.yaml, served by openapi-backend): presigned URLs,
 * admin inspection and reset. Shapes come from the generated spec types.
 */
import type { Request, Response } from 'express';
import type { Context } from 'openapi-backend';
import type { components, operations } from '../../../generated/s3-mock';
import type { OperationHandlers } from '../../kit';
import { presignUrl } from '../../s3/auth/presigner';
import type { S3Config } from '../../s3/config';
import { quoteEtag } from '../../s3/object-headers';
import type { ObjectInfo, ObjectStore } from '../../s3/store';

type Schemas = components['schemas'];

function queryParam(c: Context, name: string): string | undefined {
  const value = c.request.query?.[name];
  const single = Array.isArray(value) ? value[0] : value;
  return single === undefined || single === '' ? undefined : String(single);
}

function adminObject(object: ObjectInfo): Schemas['AdminObject'] {
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
    checksums: object.checksums as Record<string, string>,
  };
}

/** Creates the S3_BUCKETS buckets that do not exist yet. */
export async function createConfiguredBuckets(store: ObjectStore, config: S3Config): Promise<string[]> {
  const existing = new Set((await store.listBuckets()).map((bucket) => bucket.name));
  for (const name of config.buckets) if (!existing.has(name)) await store.createBucket(name);
  return config.buckets;
}

/** `onReset` runs once the store is emptied (the access decision forgets what it knew of the buckets). */
export function extrasHandlers(store: ObjectStore, config: S3Config, onReset: () => void): OperationHandlers<operations> {
  const [accessKeyId, secret] = [...config.credentials][0];
  return {
    getPresignedUrl: (c: Context, _req: Request, res: Response) => {
      const method = (queryParam(c, 'method') ?? 'GET') as 'GET' | 'PUT';
      const expiresIn = Number(queryParam(c, 'expires_in') ?? 3600);
      const bucket = String(queryParam(c, 'bucket'));
      const key = String(queryParam(c, 'key'));
      const now = new Date();
      const body: Schemas['PresignedUrl'] = {
        url: presignUrl({ method, baseUrl: config.presignedUrlBase, bucket, key, expiresInSeconds: expiresIn, accessKeyId, secret, region: config.region, now }),
        method,
        bucket,
        key,
        expires_in: expiresIn,
        expires_at: new Date(now.getTime() + expiresIn * 1000).toISOString(),
      };
      res.json(body);
    },

    listAdminBuckets: async (_c: Context, _req: Request, res: Response) => {
      const stats = await store.bucketStats();
      const body: Schemas['AdminBucketList'] = {
        buckets: stats.map((b) => ({ name: b.name, region: b.region, created_at: b.createdAt.toISOString(), object_count: b.objectCount, total_bytes: b.totalBytes })),
      };
      res.json(body);
    },

    listAdminObjects: async (c: Context, _req: Request, res: Response) => {
      const bucket = String(c.request.params.bucket);
      const limit = Number(queryParam(c, 'limit') ?? 1000);
      await store.headBucket(bucket);
      const objects = await store.listObjectInfos(bucket, { startAfter: queryParam(c, 'start_after'), limit: limit + 1 });
      const page = objects.slice(0, limit);
      const truncated = objects.length > limit;
      const body: Schemas['AdminObjectList'] = {
        bucket,
        count: page.length,
        is_truncated: truncated,
        ...(truncated ? { next_start_after: page[page.length - 1].key } : {}),
        objects: page.map(adminObject),
      };
      res.json(body);
    },

    resetStorage: async (_c: Context, _req: Request, res: Response) => {
      await store.reset();
      onReset();
      const body: Schemas['ResetResult'] = { status: 'reset', buckets: await createConfiguredBuckets(store, config) };
      res.json(body);
    },
  };
}
