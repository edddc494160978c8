/**
 * The console's admin operations on buckets and objects (openapi/s3-mock.yaml, `/admin/...`):
 * create and delete a bucket, one object's details, delete an object or a version, and its bytes
 * to download or preview, or new bytes to upload (streamed into the store, never buffered).
 */
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import type { Context } from 'openapi-backend';
import type { components, operations } from '../../../generated/s3-mock';
import type { OperationHandlers } from '../../kit';
import { readObjectContent } from '../../s3/admin/object-content';
import { objectDetails } from '../../s3/admin/object-details';
import { assertValidKey } from '../../s3/object-metadata';
import { adminBucket, adminObject, adminVersion } from './admin-presenters';
import { queryParam } from './extras-query';
import type { S3Services } from './s3-call';

type Schemas = components['schemas'];

/** Stored bytes shown by this server's origin must never act as its page: no script, no plugin, no sniffing. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox";

function objectParams(c: Context) {
  return { bucket: String(c.request.params.bucket), key: String(queryParam(c, 'key')), versionId: queryParam(c, 'version_id') };
}

/** The last segment of a key: the name a downloaded file gets. */
function fileNameOf(key: string): string {
  return key.split('/').filter(Boolean).pop() ?? 'download';
}

export function adminHandlers({ store, access }: S3Services): OperationHandlers<operations> {
  return {
    createAdminBucket: async (c: Context, _req: Request, res: Response) => {
      const bucket = await store.createBucket(String(c.request.params.bucket));
      access.forget(bucket.name);
      res.status(201).json(adminBucket({ ...bucket, objectCount: 0, totalBytes: 0 }));
    },

    deleteAdminBucket: async (c: Context, _req: Request, res: Response) => {
      const bucket = String(c.request.params.bucket);
      await store.deleteBucket(bucket);
      access.forget(bucket);
      res.status(204).end();
    },

    getAdminObject: async (c: Context, _req: Request, res: Response) => {
      const { bucket, key, versionId } = objectParams(c);
      const details = await objectDetails(store, bucket, key, versionId);
      const body: Schemas['AdminObjectDetails'] = {
        bucket,
        object: adminObject(details.object),
        tags: details.object.tags ?? [],
        versions: details.versions.map(adminVersion),
        versions_truncated: details.versionsTruncated,
      };
      res.json(body);
    },

    deleteAdminObject: async (c: Context, _req: Request, res: Response) => {
      const { bucket, key, versionId } = objectParams(c);
      const outcome = await store.deleteObject(bucket, key, { versionId });
      const body: Schemas['AdminDeleteResult'] = { key, version_id: outcome.versionId, delete_marker: outcome.deleteMarker };
      res.json(body);
    },

    downloadAdminObject: async (c: Context, _req: Request, res: Response) => {
      const { bucket, key, versionId } = objectParams(c);
      const maxBytes = queryParam(c, 'max_bytes');
      const content = await readObjectContent(store, bucket, key, { versionId, maxBytes: maxBytes === undefined ? undefined : Number(maxBytes) });
      if (queryParam(c, 'disposition') === 'inline') res.setHeader('content-disposition', 'inline');
      else res.attachment(fileNameOf(key));
      res.setHeader('content-type', content.object.contentType ?? 'application/octet-stream');
      res.setHeader('content-length', String(content.range ? content.range.end - content.range.start + 1 : content.object.size));
      res.setHeader('x-standin-truncated', String(content.truncated));
      res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('cache-control', 'no-store');
      // A reader that goes away mid-download ends the stream; nothing is left to answer.
      await pipeline(content.body, res).catch(() => res.destroy());
    },

    uploadAdminObject: async (c: Context, req: Request, res: Response) => {
      const { bucket, key } = objectParams(c);
      assertValidKey(key);
      const object = await store.putObject({ bucket, key, body: req, metadata: { contentType: req.headers['content-type'] || 'application/octet-stream' }, checksumAlgorithms: ['crc32'] });
      res.status(201).json(adminObject(object));
    },
  };
}
