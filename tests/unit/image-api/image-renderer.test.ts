import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp, { type Color, type Sharp } from 'sharp';
import { UndecodableImageError } from '../../../src/image-api/errors';
import { analyseImage, renderVariants } from '../../../src/image-api/image-renderer';

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-renderer-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function writeImage(name: string, image: Sharp): Promise<string> {
  const file = path.join(dir, name);
  await image.toFile(file);
  return file;
}

const solid = (width: number, height: number, background: Color, channels: 3 | 4 = 3) =>
  sharp({ create: { width, height, channels, background } });

describe('analyseImage', () => {
  it('reports the size after EXIF orientation and the dominant colour', async () => {
    // Orientation 6: stored 300x200, shown rotated by 90°, i.e. 200x300.
    const file = await writeImage('rotated.jpg', solid(300, 200, '#3366cc').jpeg().withMetadata({ orientation: 6 }));
    const analysis = await analyseImage(file);
    expect(analysis).toMatchObject({ width: 200, height: 300, hasAlpha: false });
    expect(analysis.dominantColor).toMatch(/^#[0-9a-f]{6}$/);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(analysis.dominantColor.slice(i, i + 2), 16));
    expect(b).toBeGreaterThan(r);
    expect(b).toBeGreaterThan(g);
  });

  it('fails with UndecodableImageError for bytes that only look like an image', async () => {
    const file = path.join(dir, 'truncated.jpg');
    fs.writeFileSync(file, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0, 0, 0, 0, 0]));
    await expect(analyseImage(file)).rejects.toBeInstanceOf(UndecodableImageError);
  });
});

describe('renderVariants', () => {
  it('renders thumbnail, medium and large as WebP and JPEG, fitting the longest edge', async () => {
    const file = await writeImage('large.jpg', solid(2400, 1600, '#808080').jpeg());
    const variants = await renderVariants(file, await analyseImage(file));
    const sizes = variants.map((v) => [v.name, v.format, v.width, v.height]);
    expect(sizes).toEqual([
      ['thumbnail', 'webp', 150, 100], ['thumbnail', 'jpeg', 150, 100],
      ['medium', 'webp', 800, 533], ['medium', 'jpeg', 800, 533],
      ['large', 'webp', 1920, 1280], ['large', 'jpeg', 1920, 1280],
    ]);
    for (const variant of variants) {
      expect((await sharp(variant.data).metadata()).format).toBe(variant.format);
    }
  });

  it('never enlarges an image smaller than a variant', async () => {
    const file = await writeImage('small.png', solid(400, 300, '#ff0000').png());
    const variants = await renderVariants(file, await analyseImage(file));
    expect(variants.filter((v) => v.name !== 'thumbnail').every((v) => v.width === 400 && v.height === 300)).toBe(true);
  });

  it('keeps transparency: an image with alpha gets WebP variants only', async () => {
    const file = await writeImage('alpha.png', solid(300, 300, { r: 0, g: 0, b: 0, alpha: 0.5 }, 4).png());
    const variants = await renderVariants(file, await analyseImage(file));
    expect(new Set(variants.map((v) => v.format))).toEqual(new Set(['webp']));
    expect(variants).toHaveLength(3);
  });
});
