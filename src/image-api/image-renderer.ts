import sharp from 'sharp';
import { UndecodableImageError } from './errors';
import type { StoredVariant } from './job';

/** Longest edge of each variant, in pixels; an image smaller than that is never enlarged. */
export const VARIANT_SIZES: Record<StoredVariant['name'], number> = { thumbnail: 150, medium: 800, large: 1920 };

/** What the worker reports about an original (dimensions after EXIF orientation). */
export interface ImageAnalysis {
  width: number;
  height: number;
  hasAlpha: boolean;
  /** sharp's stats().dominant, as `#rrggbb`. */
  dominantColor: string;
}

export interface RenderedVariant {
  name: StoredVariant['name'];
  format: StoredVariant['format'];
  width: number;
  height: number;
  data: Buffer;
}

export async function analyseImage(file: string): Promise<ImageAnalysis> {
  return decoding(async () => {
    const image = sharp(file, { autoOrient: true });
    const [metadata, stats] = await Promise.all([image.metadata(), image.stats()]);
    return {
      width: metadata.autoOrient.width,
      height: metadata.autoOrient.height,
      hasAlpha: metadata.hasAlpha,
      dominantColor: toHex(stats.dominant),
    };
  });
}

/**
 * Every variant of the image: thumbnail, medium and large, each as WebP and, unless the image has
 * transparency (JPEG would flatten it), as JPEG too. Outputs are small by construction (at most
 * 1920 px), so they are rendered to buffers.
 */
export async function renderVariants(file: string, analysis: ImageAnalysis): Promise<RenderedVariant[]> {
  const formats: StoredVariant['format'][] = analysis.hasAlpha ? ['webp'] : ['webp', 'jpeg'];
  const variants: RenderedVariant[] = [];
  for (const [name, size] of Object.entries(VARIANT_SIZES) as [StoredVariant['name'], number][]) {
    for (const format of formats) {
      const { data, info } = await decoding(() =>
        sharp(file, { autoOrient: true })
          .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
          .toFormat(format, { quality: 82 })
          .toBuffer({ resolveWithObject: true }),
      );
      variants.push({ name, format, width: info.width, height: info.height, data });
    }
  }
  return variants;
}

/** sharp's errors here mean the bytes are not a readable image. */
async function decoding<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new UndecodableImageError((error as Error).message);
  }
}

function toHex({ r, g, b }: { r: number; g: number; b: number }): string {
  return `#${[r, g, b].map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}
