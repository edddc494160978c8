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
import type { ObjectStore } from '../../s3/store';
import { adminBucket, adminObject } from './admin-presenters';
import { queryParam } from './extras-query';

type Schemas = components['schemas'];

/** Creates the S3_BUCKETS buckets that do not exist yet. */
export async function createConfiguredBuckets(store: ObjectStore, config: S3Config): Promise<string[]> {
  const existing = new Set((await store.listBuckets()).map((bucket) => bucket.name));
  for (const name of config.buckets) if (!existing.has(name)) await store.createBucket(name);
  return config.buckets;
}

/** `onReset` runs as the store is emptied (the access decision forgets what it knew of the buckets). */
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
      const body: Schemas['AdminBucketList'] = { buckets: (await store.bucketStats()).map(adminBucket) };
      res.json(body);
    },

    listAdminObjects: async (c: Context, _req: Request, res: Response) => {
      const bucket = String(c.request.params.bucket);
      const prefix = queryParam(c, 'prefix');
      const delimiter = queryParam(c, 'delimiter');
      const page = await store.listObjectInfos({ bucket, prefix, delimiter, startAfter: queryParam(c, 'start_after'), maxKeys: Number(queryParam(c, 'limit') ?? 1000) });
      const body: Schemas['AdminObjectList'] = {
        bucket,
        prefix,
        delimiter,
        count: page.objects.length + page.commonPrefixes.length,
        is_truncated: page.isTruncated,
        ...(page.isTruncated ? { next_start_after: page.nextStartAfter } : {}),
        common_prefixes: page.commonPrefixes,
        objects: page.objects.map(adminObject),
      };
      res.json(body);
    },

    resetStorage: async (_c: Context, _req: Request, res: Response) => {
      // Access forgets the old buckets in the turn the store empties its index and recreates the
      // configured ones (its bodies go after): a request meanwhile finds those, and nothing old.
      onReset();
      await store.reset(config.buckets);
      const body: Schemas['ResetResult'] = { status: 'reset', buckets: config.buckets };
      res.json(body);
    },
  };
}
