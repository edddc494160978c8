import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp, { type Color, type Sharp } from 'sharp';
import { TooManyPixelsError, UndecodableImageError } from '../../../src/image-api/errors';
import { renderImage } from '../../../src/image-api/image-renderer';

const NO_LIMIT = 40_000_000;

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-renderer-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => jest.restoreAllMocks());

async function writeImage(name: string, image: Sharp): Promise<string> {
  const file = path.join(dir, name);
  await image.toFile(file);
  return file;
}

const solid = (width: number, height: number, background: Color, channels: 3 | 4 = 3) =>
  sharp({ create: { width, height, channels, background } });

const channelsOf = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/**
 * Counts the pixel pipelines sharp runs on `file` (toBuffer, toFile, stats), i.e. how often the
 * file is decoded; metadata() reads only the header and is not counted.
 */
function countDecodesOf(file: string): () => number {
  const spies = (['toBuffer', 'toFile', 'stats'] as const).map((method) => jest.spyOn(sharp.prototype, method));
  const readsFile = (instance: unknown) => (instance as { options: { input: { file?: string } } }).options.input.file === file;
  return () => spies.reduce((count, spy) => count + spy.mock.contexts.filter(readsFile).length, 0);
}

describe('renderImage: the analysis', () => {
  it('reports the size after EXIF orientation and the dominant colour', async () => {
    // Orientation 6: stored 300x200, shown rotated by 90°, i.e. 200x300.
    const file = await writeImage('rotated.jpg', solid(300, 200, '#3366cc').jpeg().withMetadata({ orientation: 6 }));
    const { analysis } = await renderImage(file, NO_LIMIT);
    expect(analysis).toMatchObject({ width: 200, height: 300, hasAlpha: false });
    expect(analysis.dominantColor).toMatch(/^#[0-9a-f]{6}$/);
    const [r, g, b] = channelsOf(analysis.dominantColor);
    expect(b).toBeGreaterThan(r);
    expect(b).toBeGreaterThan(g);
  });

  it('finds the dominant colour of an image larger than any variant', async () => {
    const redQuarter = { input: { create: { width: 1000, height: 1000, channels: 3 as const, background: '#d02020' } }, left: 0, top: 0 };
    const file = await writeImage('mostly-blue.png', solid(4000, 1000, '#2050d0').composite([redQuarter]).png());
    const { analysis } = await renderImage(file, NO_LIMIT);
    expect(analysis).toMatchObject({ width: 4000, height: 1000 });
    const [r, g, b] = channelsOf(analysis.dominantColor);
    expect(b).toBeGreaterThan(r);
    expect(b).toBeGreaterThan(g);
  });

  it('fails with UndecodableImageError for bytes that only look like an image', async () => {
    const file = path.join(dir, 'truncated.jpg');
    fs.writeFileSync(file, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0, 0, 0, 0, 0]));
    await expect(renderImage(file, NO_LIMIT)).rejects.toBeInstanceOf(UndecodableImageError);
  });
});

describe('renderImage: the variants', () => {
  it('renders thumbnail, medium and large as WebP and JPEG, fitting the longest edge', async () => {
    const file = await writeImage('large.jpg', solid(2400, 1600, '#808080').jpeg());
    const { variants } = await renderImage(file, NO_LIMIT);
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

  it('renders each variant the right way up', async () => {
    // Stored 300x200 with its left half red; orientation 6 shows it turned clockwise, red on top.
    const leftRed = { input: { create: { width: 150, height: 200, channels: 3 as const, background: '#ff0000' } }, left: 0, top: 0 };
    const file = await writeImage('turned.jpg', solid(300, 200, '#0000ff').composite([leftRed]).jpeg().withMetadata({ orientation: 6 }));
    const { variants } = await renderImage(file, NO_LIMIT);
    const large = variants.find((v) => v.name === 'large' && v.format === 'jpeg')!;
    expect([large.width, large.height]).toEqual([200, 300]);
    const { data } = await sharp(large.data).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => Array.from(data.subarray((y * 200 + x) * 3, (y * 200 + x) * 3 + 3));
    expect(pixel(100, 20)[0]).toBeGreaterThan(200); // red on top
    expect(pixel(100, 280)[2]).toBeGreaterThan(200); // blue below
  });

  it('never enlarges an image smaller than a variant', async () => {
    const file = await writeImage('small.png', solid(400, 300, '#ff0000').png());
    const { variants } = await renderImage(file, NO_LIMIT);
    expect(variants.filter((v) => v.name !== 'thumbnail').every((v) => v.width === 400 && v.height === 300)).toBe(true);
  });

  it('keeps transparency: an image with alpha gets WebP variants only', async () => {
    const file = await writeImage('alpha.png', solid(300, 300, { r: 0, g: 0, b: 0, alpha: 0.5 }, 4).png());
    const { variants } = await renderImage(file, NO_LIMIT);
    expect(new Set(variants.map((v) => v.format))).toEqual(new Set(['webp']));
    expect(variants).toHaveLength(3);
    expect((await sharp(variants[0].data).metadata()).hasAlpha).toBe(true);
  });
});

describe('renderImage: resources', () => {
  it('decodes the original once for the analysis and all six variants', async () => {
    const file = await writeImage('decoded-once.jpg', solid(2400, 1600, '#4080c0').jpeg());
    const decodes = countDecodesOf(file);
    const { variants } = await renderImage(file, NO_LIMIT);
    expect(variants).toHaveLength(6);
    expect(decodes()).toBe(1);
  });

  it('refuses an image over the pixel limit without decoding it, saying its pixel count and the limit', async () => {
    const file = await writeImage('too-many-pixels.png', solid(200, 100, '#00ff00').png());
    const decodes = countDecodesOf(file);
    const refusal = renderImage(file, 19_999);
    await expect(refusal).rejects.toBeInstanceOf(TooManyPixelsError);
    await expect(refusal).rejects.toThrow('the image is 200x100 = 20000 pixels, more than the limit of 19999 (MAX_INPUT_PIXELS)');
    expect(decodes()).toBe(0);
  });

  it('renders an image of exactly the pixel limit', async () => {
    const file = await writeImage('at-the-limit.png', solid(200, 100, '#00ff00').png());
    expect((await renderImage(file, 20_000)).analysis).toMatchObject({ width: 200, height: 100 });
  });
});
