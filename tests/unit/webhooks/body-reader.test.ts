import { PassThrough, Readable } from 'node:stream';
import { readBody } from '../../../src/webhooks/body-reader';
import { BodyTooLargeError } from '../../../src/webhooks/errors';

describe('reading a delivery body', () => {
  it('returns the bytes exactly, across chunks', async () => {
    const body = await readBody(Readable.from([Buffer.from([1, 2]), Buffer.from([3])]), 3);
    expect([...body]).toEqual([1, 2, 3]);
  });

  it('refuses a declared Content-Length over the limit without waiting for the body', async () => {
    const never = new PassThrough();
    await expect(readBody(never, 10, 11)).rejects.toBeInstanceOf(BodyTooLargeError);
    never.destroy();
  });

  it('refuses an undeclared body as soon as it passes the limit, and drains the rest', async () => {
    const stream = new PassThrough();
    const reading = readBody(stream, 4);
    stream.write(Buffer.from('abc'));
    stream.write(Buffer.from('de'));
    await expect(reading).rejects.toThrow('larger than the limit of 4 bytes');
    stream.end(Buffer.from('more'));
    await new Promise((resolve) => stream.once('end', resolve));
  });
});
