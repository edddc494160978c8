import { randomBytes } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';

export interface FormField {
  name: string;
  value: string;
}

export interface FormFile {
  name: string;
  filename: string;
  contentType: string;
  content: Readable;
}

export interface MultipartBody {
  contentType: string;
  stream: Readable;
}

/** WHATWG's multipart/form-data encoding escapes these in names and filenames. */
function quoted(value: string): string {
  return value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function fieldPart(boundary: string, field: FormField): string {
  return `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(field.name)}"\r\n\r\n${field.value}\r\n`;
}

function fileHeader(boundary: string, file: FormFile): string {
  return (
    `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(file.name)}"; filename="${quoted(file.filename)}"\r\n` +
    `Content-Type: ${file.contentType}\r\n\r\n`
  );
}

/**
 * Encodes a multipart/form-data body that streams its one file: the leading fields, the file
 * as it arrives (with backpressure), then the fields that only became known after the file
 * (a form may send user_id before the file and bucket after it).
 */
export function multipartBody(leading: FormField[], file: FormFile, trailing: Promise<FormField[]>): MultipartBody {
  const boundary = `standin-${randomBytes(12).toString('hex')}`;
  const stream = new PassThrough();
  stream.write(leading.map((field) => fieldPart(boundary, field)).join('') + fileHeader(boundary, file));
  // A file may fail before it gets here (a form that ends right after the file's headers).
  if (file.content.errored) stream.destroy(file.content.errored);
  else file.content.once('error', (error) => stream.destroy(error));
  // A file that fails (its sender went away mid-upload) never ends, so nothing waits for the
  // trailing fields, which fail with it: unobserved, that rejection would stop the process.
  trailing.catch(() => undefined);
  file.content.once('end', () => {
    trailing.then(
      (fields) => stream.end(`\r\n${fields.map((field) => fieldPart(boundary, field)).join('')}--${boundary}--\r\n`),
      (error: Error) => stream.destroy(error),
    );
  });
  file.content.pipe(stream, { end: false });
  return { contentType: `multipart/form-data; boundary=${boundary}`, stream };
}
