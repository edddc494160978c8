import type { OutputInfo, ResizeOptions, Sharp } from 'sharp';
import { ImageApiError, TooManyPixelsError, UndecodableImageError } from './errors';
import type { StoredVariant } from './job';

/** Longest edge of each variant, in pixels; an image smaller than that is never enlarged. */
export const VARIANT_SIZES: Record<StoredVariant['name'], number> = { thumbnail: 150, medium: 800, large: 1920 };
const LARGEST_VARIANT = Math.max(...Object.values(VARIANT_SIZES));

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

export interface RenderedImage {
  analysis: ImageAnalysis;
  variants: RenderedVariant[];
}

/**
 * Analyses the original and renders every variant (thumbnail, medium and large, each as WebP and,
 * unless the image has transparency, which JPEG would flatten, as JPEG too) from one decode.
 * The header is read first, so an image over `maxInputPixels` is refused before any decoding
 * (sharp's limitInputPixels guards the decoder as well). The one decode orients the image and
 * shrinks it to the largest variant, so only pixels of at most 1920 px are kept; the dominant
 * colour and every variant are taken from them. Outputs are small by construction, so they are
 * rendered to buffers. sharp loads with the first image, not at start-up.
 */
export async function renderImage(file: string, maxInputPixels: number): Promise<RenderedImage> {
  const { default: sharp } = await import('sharp');
  return decoding(async () => {
    // Reading the header decodes nothing, so sharp's own pixel limit is lifted for it: with it, an
    // image over sharp's default of 268402689 pixels (a decompression bomb declaring 50000x50000)
    // would fail as "Input image exceeds pixel limit" instead of naming its size and the limit.
    const header = await sharp(file, { limitInputPixels: false }).metadata();
    if (header.width * header.height > maxInputPixels) throw new TooManyPixelsError(header.width, header.height, maxInputPixels);
    const decoded = await sharp(file, { autoOrient: true, limitInputPixels: maxInputPixels })
      .resize(fitInside(LARGEST_VARIANT))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const analysis: ImageAnalysis = {
      width: header.autoOrient.width,
      height: header.autoOrient.height,
      hasAlpha: header.hasAlpha,
      dominantColor: toHex((await fromPixels(sharp, decoded).stats()).dominant),
    };
    return { analysis, variants: await renderVariants(sharp, decoded, analysis.hasAlpha) };
  });
}

type DecodedPixels = { data: Buffer; info: OutputInfo };
type SharpModule = typeof import('sharp')['default'];

/** A pipeline over the decoded pixels; not clone(), which would copy the whole buffer each time. */
function fromPixels(sharp: SharpModule, { data, info }: DecodedPixels): Sharp {
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
}

async function renderVariants(sharp: SharpModule, decoded: DecodedPixels, hasAlpha: boolean): Promise<RenderedVariant[]> {
  const formats: StoredVariant['format'][] = hasAlpha ? ['webp'] : ['webp', 'jpeg'];
  const variants: RenderedVariant[] = [];
  for (const [name, size] of Object.entries(VARIANT_SIZES) as [StoredVariant['name'], number][]) {
    for (const format of formats) {
      const { data, info } = await fromPixels(sharp, decoded).resize(fitInside(size)).toFormat(format, { quality: 82 }).toBuffer({ resolveWithObject: true });
      variants.push({ name, format, width: info.width, height: info.height, data });
    }
  }
  return variants;
}

function fitInside(size: number): ResizeOptions {
  return { width: size, height: size, fit: 'inside', withoutEnlargement: true };
}

/** sharp's errors here mean the bytes are not a readable image; the renderer's own errors pass as they are. */
async function decoding<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ImageApiError) throw error;
    throw new UndecodableImageError(oneLine((error as Error).message));
  }
}

/**
 * libvips reports a decoder's complaints one per line, often the same ones over and over
 * ("premature end of JPEG image" three times); the job's error and its webhook say each once, on
 * one line, without the dangling colon of a header error that names no cause.
 */
function oneLine(message: string): string {
  const lines = message.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  return [...new Set(lines)].join('; ').replace(/:$/, '');
}

function toHex({ r, g, b }: { r: number; g: number; b: number }): string {
  return `#${[r, g, b].map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}
