import { PassThrough, Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { InvalidFormError } from '../../../src/client-app/errors';
import { multipartBody, type FormField } from '../../../src/client-app/multipart-body';
import { readUploadForm } from '../../../src/client-app/upload-form-reader';
import { UploadSpool } from '../../../src/client-app/upload-spool';

const fields = (record: Record<string, string>): FormField[] => Object.entries(record).map(([name, value]) => ({ name, value }));

/** A form as a browser or curl would send it: fields, one file part, more fields. */
function form(before: Record<string, string>, fileBytes: string | Readable, after: Record<string, string> = {}) {
  const content = typeof fileBytes === 'string' ? Readable.from([Buffer.from(fileBytes)]) : fileBytes;
  return multipartBody(fields(before), { name: 'file', filename: 'cat "1".jpg', contentType: 'image/jpeg', content }, Promise.resolve(fields(after)));
}

const spool = UploadSpool.open({ storage: 'memory', dataDir: '' }, Number.POSITIVE_INFINITY);
afterAll(() => spool.close());

describe('readUploadForm', () => {
  it('hands the file over while it is still arriving when user_id comes first', async () => {
    const fileBytes = new PassThrough();
    const body = form({ user_id: 'alice', bucket: 'test-uploads' }, fileBytes, { context: 'demo' });
    fileBytes.write('first half, ');
    const received = await readUploadForm(body.stream, { 'content-type': body.contentType }, spool);
    expect(received).toMatchObject({ userId: 'alice', fields: { user_id: 'alice', bucket: 'test-uploads' } });
    // quotes in a filename are escaped as browsers escape them (WHATWG multipart/form-data)
    expect(received.file).toMatchObject({ filename: 'cat %221%22.jpg', mimeType: 'image/jpeg' });
    const content = text(received.file.content);
    fileBytes.end('second half');
    expect(await content).toBe('first half, second half');
    expect(await received.fieldsAfterFile).toEqual({ context: 'demo' });
    expect(received.bytesRead()).toBe(23);
    await received.finish();
  });

  it('spools the file when user_id only follows it, as in the seed curl example', async () => {
    const body = form({}, 'jpeg bytes', { bucket: 'test-uploads', user_id: 'user-456', context: 'demo' });
    const received = await readUploadForm(body.stream, { 'content-type': body.contentType }, spool);
    expect(received.userId).toBe('user-456');
    expect(received.fields).toEqual({ bucket: 'test-uploads', user_id: 'user-456', context: 'demo' });
    expect(await text(received.file.content)).toBe('jpeg bytes');
    expect(await received.fieldsAfterFile).toEqual({});
    await received.finish();
  });

  it('refuses a form without a file part', async () => {
    const boundary = 'b0undary';
    const body = Readable.from([`--${boundary}\r\nContent-Disposition: form-data; name="user_id"\r\n\r\nalice\r\n--${boundary}--\r\n`]);
    await expect(readUploadForm(body, { 'content-type': `multipart/form-data; boundary=${boundary}` }, spool)).rejects.toMatchObject({ field: 'file' });
  });

  it('refuses a form without a user_id', async () => {
    const body = form({ bucket: 'b' }, 'bytes');
    await expect(readUploadForm(body.stream, { 'content-type': body.contentType }, spool)).rejects.toMatchObject({ field: 'user_id' });
  });

  it('refuses a file part of another name, as the image API does, rather than dropping it', async () => {
    const body = multipartBody(fields({ user_id: 'alice' }), { name: 'context', filename: 'notes.txt', contentType: 'text/plain', content: Readable.from([Buffer.from('demo')]) }, Promise.resolve([]));
    await expect(readUploadForm(body.stream, { 'content-type': body.contentType }, spool)).rejects.toMatchObject({ field: 'context', message: expect.stringContaining('unexpected file part "context"') });
  });

  it('refuses a body that is not multipart', async () => {
    await expect(readUploadForm(Readable.from(['{}']), { 'content-type': 'application/json' }, spool)).rejects.toBeInstanceOf(InvalidFormError);
  });

  it('fails the handed-over file when the form is cut short', async () => {
    const body = new PassThrough();
    const boundary = 'cut';
    const received = readUploadForm(body, { 'content-type': `multipart/form-data; boundary=${boundary}` }, spool);
    body.write(`--${boundary}\r\nContent-Disposition: form-data; name="user_id"\r\n\r\nalice\r\n`);
    body.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\npartial`);
    const upload = await received;
    const content = text(upload.file.content);
    body.end();
    await expect(content).rejects.toThrow(/Unexpected end/);
    await expect(upload.fieldsAfterFile).rejects.toBeInstanceOf(InvalidFormError);
  });
});
