/**
 * Files for upload fields: tiny real images in each format the image API takes, and files that
 * only look like images — a PNG whose header claims 10^10 pixels, a JPEG cut in half, an SVG, nothing.
 */
import { crc32 } from 'node:zlib';
import sharp from 'sharp';

export async function sampleFiles(): Promise<Buffer[]> {
  const formats = ['png', 'jpeg', 'webp', 'gif'] as const;
  const [png, jpeg, webp, gif] = await Promise.all(
    formats.map((format) => sharp({ create: { width: 3, height: 2, channels: 3, background: '#e07000' } }).toFormat(format).toBuffer()),
  );
  return [png, jpeg, webp, gif, pngClaiming(png, 100_000, 100_000), jpeg.subarray(0, jpeg.length >> 1), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), Buffer.from('GIF89a'), Buffer.alloc(0)];
}

/** The PNG with its IHDR chunk (PNG spec §11.2.2) rewritten to claim `width` x `height`, checksum fixed. */
function pngClaiming(png: Buffer, width: number, height: number): Buffer {
  const bomb = Buffer.from(png);
  // Signature (8 bytes), then IHDR: length (4), type (4), width (4), height (4), 5 more bytes, CRC over type and data.
  bomb.writeUInt32BE(width, 16);
  bomb.writeUInt32BE(height, 20);
  bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)), 29);
  return bomb;
}
