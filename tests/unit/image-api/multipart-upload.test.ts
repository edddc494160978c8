import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import sharp from 'sharp';
import { InvalidUploadFieldError, RepeatedUploadFieldError, UnsupportedImageTypeError, UploadTooLargeError } from '../../../src/image-api/errors';
import { receiveMultipartUpload } from '../../../src/image-api/multipart-upload';

let dir: string;
let png: Buffer;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'multipart-upload-'));
  png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#00ff00' } }).png().toBuffer();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A multipart body as fetch would send it, as a Node stream with its headers. */
function multipart(parts: [string, string | Blob, string?][]) {
  const form = new FormData();
  for (const [name, value, fileName] of parts) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, value, fileName);
  }
  const request = new Request('http://localhost/upload', { method: 'POST', body: form });
  const body = Readable.fromWeb(request.body as unknown as WebReadableStream<Uint8Array>);
  return { body, headers: { 'content-type': request.headers.get('content-type') ?? '' } };
}

const target = (name: string) => path.join(dir, name);

describe('receiveMultipartUpload', () => {
  it('writes the file to the target and collects the text fields', async () => {
    const { body, headers } = multipart([['metadata', '{"a":1}'], ['file', new Blob([new Uint8Array(png)]), 'green.png'], ['bucket', 'photos']]);
    const upload = await receiveMultipartUpload(body, headers, target('ok'), 1024 * 1024);
    expect(upload).toEqual({ path: target('ok'), sizeBytes: png.length, format: 'png', fileName: 'green.png', fields: { metadata: '{"a":1}', bucket: 'photos' } });
    expect(fs.readFileSync(target('ok')).equals(png)).toBe(true);
  });

  it('reads a filename beyond ASCII as the UTF-8 browsers send it', async () => {
    const { body, headers } = multipart([['file', new Blob([new Uint8Array(png)]), 'grün 緑.png']]);
    expect((await receiveMultipartUpload(body, headers, target('utf8'), 1024 * 1024)).fileName).toBe('grün 緑.png');
  });

  it('refuses a file over the limit and leaves nothing on disk', async () => {
    const { body, headers } = multipart([['file', new Blob([new Uint8Array(png)]), 'green.png']]);
    await expect(receiveMultipartUpload(body, headers, target('big'), png.length - 1)).rejects.toBeInstanceOf(UploadTooLargeError);
    expect(fs.existsSync(target('big'))).toBe(false);
  });

  it('refuses a file that is not an image, whatever its name says', async () => {
    const { body, headers } = multipart([['file', new Blob(['GIF? no, just text pretending']), 'fake.gif']]);
    await expect(receiveMultipartUpload(body, headers, target('text'), 1024)).rejects.toBeInstanceOf(UnsupportedImageTypeError);
    expect(fs.existsSync(target('text'))).toBe(false);
  });

  it('refuses a tiny file shorter than any image signature', async () => {
    const { body, headers } = multipart([['file', new Blob(['hi']), 'x.png']]);
    await expect(receiveMultipartUpload(body, headers, target('tiny'), 1024)).rejects.toBeInstanceOf(UnsupportedImageTypeError);
  });

  it('requires a file part named "file"', async () => {
    const { body, headers } = multipart([['metadata', '{}']]);
    await expect(receiveMultipartUpload(body, headers, target('none'), 1024)).rejects.toMatchObject({ field: 'file' });
    const other = multipart([['image', new Blob([new Uint8Array(png)]), 'green.png']]);
    await expect(receiveMultipartUpload(other.body, other.headers, target('other'), 1024 * 1024)).rejects.toMatchObject({ field: 'image' });
  });

  it.each([
    ['a small image', () => png.toString('latin1')],
    ['longer than a text field may be', () => 'x'.repeat(64 * 1024 + 1)],
  ])('says that a "file" part without a filename is no file part (%s)', async (_what, value) => {
    const { body, headers } = multipart([['file', value()]]);
    await expect(receiveMultipartUpload(body, headers, target('no-name'), 1024 * 1024)).rejects.toMatchObject({
      field: 'file',
      message: expect.stringContaining('must be a file part: its Content-Disposition needs a filename'),
    });
  });

  it.each([
    ['bucket', 'before the file', ['bucket', 'bucket', 'file']],
    ['metadata', 'around the file', ['metadata', 'file', 'metadata']],
    ['file', 'one after the other', ['bucket', 'file', 'file']],
  ])('refuses %s given twice (%s), naming it, and leaves nothing on disk', async (field, _where, names) => {
    const { body, headers } = multipart(names.map((name): [string, string | Blob, string?] => (name === 'file' ? [name, new Blob([new Uint8Array(png)]), 'green.png'] : [name, '{}'])));
    const error = await receiveMultipartUpload(body, headers, target(`twice-${field}`), 1024 * 1024).catch((e) => e);
    expect(error).toBeInstanceOf(RepeatedUploadFieldError);
    expect(error.field).toBe(field);
    expect(fs.existsSync(target(`twice-${field}`))).toBe(false);
  });

  it('lets a field the upload does not take come twice, as it ignores it', async () => {
    const { body, headers } = multipart([['context', 'a'], ['context', 'b'], ['file', new Blob([new Uint8Array(png)]), 'green.png']]);
    expect((await receiveMultipartUpload(body, headers, target('twice-ignored'), 1024 * 1024)).fields).toEqual({ context: 'b' });
  });

  it('refuses a body that is not multipart/form-data', async () => {
    const body = Readable.from([Buffer.from('{"file":"x"}')]);
    const error = await receiveMultipartUpload(body, { 'content-type': 'application/json' }, target('json'), 1024).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidUploadFieldError);
    expect(error.field).toBe('content-type');
  });
});
