/** The image formats the API accepts, named as sharp and the result's `format` name them. */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif';

/** How many leading bytes `detectImageFormat` needs to decide. */
export const SIGNATURE_BYTES = 12;

const CONTENT_TYPES: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
};

const EXTENSIONS: Record<ImageFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', gif: 'gif' };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The format named by the file's magic bytes, or undefined; the declared Content-Type and the
 * file name are never trusted. JPEG: FF D8 FF; PNG: its 8-byte signature; GIF: "GIF87a"/"GIF89a";
 * WebP: a RIFF container whose form type (bytes 8..11) is "WEBP".
 */
export function detectImageFormat(head: Buffer): ImageFormat | undefined {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  const ascii = head.subarray(0, SIGNATURE_BYTES).toString('latin1');
  if (ascii.startsWith('GIF87a') || ascii.startsWith('GIF89a')) return 'gif';
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return 'webp';
  return undefined;
}

export function contentTypeOf(format: ImageFormat): string {
  return CONTENT_TYPES[format];
}

export function extensionOf(format: ImageFormat): string {
  return EXTENSIONS[format];
}
