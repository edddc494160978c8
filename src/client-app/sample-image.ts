import sharp from 'sharp';

/**
 * The small JPEG the stress test uploads: a real image (the image API checks magic bytes and
 * decodes it), small enough that 51 uploads measure the rate limit, not the network.
 */
export async function sampleJpeg(): Promise<Buffer> {
  const width = 96;
  const height = 64;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const offset = (y * width + x) * 3;
      pixels[offset] = 40 + Math.round((x / width) * 180);
      pixels[offset + 1] = 90 + Math.round((y / height) * 120);
      pixels[offset + 2] = 200;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
}
