import sharp from 'sharp';
import { detectImageFormat } from '../../../src/image-api/image-format';

const solid = sharp({ create: { width: 4, height: 4, channels: 3, background: '#808080' } });

describe('detectImageFormat', () => {
  it.each(['jpeg', 'png', 'webp', 'gif'] as const)('recognises a %s by its first bytes', async (format) => {
    const bytes = await solid.clone().toFormat(format).toBuffer();
    expect(detectImageFormat(bytes.subarray(0, 12))).toBe(format);
  });

  it('rejects text, a RIFF file that is not WebP, and too few bytes', () => {
    expect(detectImageFormat(Buffer.from('hello, world'))).toBeUndefined();
    expect(detectImageFormat(Buffer.from('RIFF\0\0\0\0WAVE'))).toBeUndefined();
    expect(detectImageFormat(Buffer.from([0xff, 0xd8]))).toBeUndefined();
  });
});
