import { PassThrough, Readable } from 'node:stream';
import { readBody } from '../../../src/kit/body-reader';

class TooLarge extends Error {}
const tooLarge = () => new TooLarge('larger than the limit');

describe('reading a body small by contract', () => {
  it('returns the bytes exactly, across chunks', async () => {
    const body = await readBody(Readable.from([Buffer.from([1, 2]), Buffer.from([3])]), { limit: 3, tooLarge });
    expect([...body]).toEqual([1, 2, 3]);
  });

  it('refuses a declared Content-Length over the limit without waiting for the body, and drains what comes', async () => {
    const stream = Object.assign(new PassThrough(), { headers: { 'content-length': '11' } });
    await expect(readBody(stream, { limit: 10, tooLarge })).rejects.toBeInstanceOf(TooLarge);
    stream.end(Buffer.from('x'.repeat(11)));
    await new Promise((resolve) => stream.once('end', resolve));
  });

  it('refuses an undeclared body with the caller\'s error as soon as it passes the limit, and drains the rest', async () => {
    const stream = new PassThrough();
    const reading = readBody(stream, { limit: 4, tooLarge });
    stream.write(Buffer.from('abc'));
    stream.write(Buffer.from('de'));
    await expect(reading).rejects.toBeInstanceOf(TooLarge);
    stream.end(Buffer.from('more'));
    await new Promise((resolve) => stream.once('end', resolve));
  });
});
