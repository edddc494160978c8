import type { components } from '../../generated/image-api';
import type { JobRecord, StoredImage, StoredVariant } from './job';
import type { ObjectStorage } from './object-storage';

export type ImageResult = components['schemas']['ImageResult'];

/**
 * The result a client sees: what was stored, with presigned GET URLs made now (so they are valid
 * for `expiresInS` from this moment, whenever the result is fetched). `urls.thumbnail|medium|large`
 * name the WebP variants, which every image has.
 */
export async function presentResult(job: JobRecord & { result: StoredImage }, storage: ObjectStorage, expiresInS: number, now = new Date()): Promise<ImageResult> {
  const stored = job.result;
  const sign = (key: string) => storage.presignGet(job.bucket, key, expiresInS);
  const variants = await Promise.all(stored.variants.map(async (variant) => ({
    name: variant.name,
    format: variant.format,
    width: variant.width,
    height: variant.height,
    size_bytes: variant.sizeBytes,
    url: await sign(variant.key),
  })));
  const webpUrl = (name: StoredVariant['name']) => variants.find((v) => v.name === name && v.format === 'webp')?.url ?? '';
  return {
    job_id: job.jobId,
    image_id: job.imageId,
    status: 'completed',
    bucket: job.bucket,
    urls: { original: await sign(stored.originalKey), thumbnail: webpUrl('thumbnail'), medium: webpUrl('medium'), large: webpUrl('large') },
    variants,
    width: stored.width,
    height: stored.height,
    format: stored.format,
    size_bytes: stored.sizeBytes,
    dominant_color: stored.dominantColor,
    metadata: job.metadata,
    processed_at: stored.processedAt,
    urls_expire_at: new Date(now.getTime() + expiresInS * 1000).toISOString(),
  };
}
