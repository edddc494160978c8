import { Readable } from 'node:stream';
import { boundedFormReader } from '../../../src/kit/bounded-form-reader';

const limits = { fields: 3, parts: 4, fieldSize: 8 };

/** Reads `body` as a form of `contentType`: the refusals it heard, and the fields it took. */
function read(contentType: string, body: string) {
  return new Promise<{ refusals: string[]; fields: string[] }>((resolve, reject) => {
    const refusals: string[] = [];
    const fields: string[] = [];
    const parser = boundedFormReader({ 'content-type': contentType }, limits, (field, reason) => refusals.push(`${field}: ${reason}`));
    parser.on('field', (name) => fields.push(name));
    parser.on('file', (_name, content) => content.resume());
    parser.on('close', () => resolve({ refusals, fields }));
    parser.on('error', reject);
    Readable.from([Buffer.from(body)]).pipe(parser);
  });
}

const urlencoded = (pairs: Array<[string, string]>) => read('application/x-www-form-urlencoded', pairs.map(([k, v]) => `${k}=${v}`).join('&'));

function multipart(parts: Array<{ name: string; value: string; filename?: string }>) {
  const body = parts
    .map(({ name, value, filename }) => `--b\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\n\r\n${value}\r\n`)
    .join('');
  return read('multipart/form-data; boundary=b', `${body}--b--\r\n`);
}

const pairs = (count: number, value = 'v'): Array<[string, string]> => Array.from({ length: count }, (_, i) => [`f${i}`, value]);
const textParts = (count: number, value = 'v') => pairs(count, value).map(([name, v]) => ({ name, value: v }));

describe('boundedFormReader', () => {
  it.each([
    ['urlencoded', () => urlencoded(pairs(3, '12345678'))],
    ['multipart', () => multipart([...textParts(3, '12345678'), { name: 'file', value: 'bytes', filename: 'a.png' }])],
  ])('takes a %s form that reaches every limit without going beyond it', async (_kind, send) => {
    expect(await send()).toEqual({ refusals: [], fields: ['f0', 'f1', 'f2'] });
  });

  it.each([
    ['urlencoded', () => urlencoded(pairs(4))],
    ['multipart', () => multipart(textParts(4))],
  ])('refuses a %s form with one text field too many, where busboy would drop it', async (_kind, send) => {
    expect((await send()).refusals).toEqual(['body: the form has more than 3 text fields']);
  });

  it.each([
    ['urlencoded', () => urlencoded([['a', 'v'], ['long', '123456789']])],
    ['multipart', () => multipart([{ name: 'a', value: 'v' }, { name: 'long', value: '123456789' }])],
  ])('refuses a %s field one byte too long, where busboy would cut it short', async (_kind, send) => {
    expect((await send()).refusals).toEqual(['long: is longer than 8 bytes']);
  });

  it('refuses a form with one part too many, where busboy would skip it', async () => {
    const files = Array.from({ length: 3 }, (_, i) => ({ name: `file${i}`, value: 'bytes', filename: `${i}.png` }));
    expect((await multipart([...files, ...textParts(2)])).refusals).toEqual(['body: the form has more than 4 parts']);
  });

  it('refuses once however far a form goes beyond its limits', async () => {
    expect((await urlencoded(pairs(9, '123456789'))).refusals).toHaveLength(1);
  });
});
