/**
 * Reads a multipart/form-data upload with busboy: the fields before the `file` field, then the
 * file as a stream (never buffered). Used by POST Object (browser forms; S3 ignores fields after
 * the file) and by the seed's form PUT (`curl -F file=@image.jpg`). A form that breaks fails with
 * S3's error, whether before the file (the promise) or inside it (the file stream): the rest of
 * the body is then left for the router to discard (src/handlers/s3/unread-body.ts).
 */
import type busboy from 'busboy';
import { formReader } from '../../kit/form-reader';
import type { IncomingMessage } from 'node:http';
import { PassThrough, type Readable } from 'node:stream';
import { S3Error } from '../../s3/errors';

/** S3 refuses more than this in the fields before the file (MaxPostPreDataLengthExceededError). */
const MAX_FIELDS_BYTES = 20 * 1024;
const MAX_FIELDS = 200;

export interface MultipartForm {
  /** Field names lower-cased. */
  fields: Map<string, string>;
  /** The file's bytes; fails with MalformedPOSTRequest or IncompleteBody when the form breaks. */
  file: Readable;
  /** The file part's filename; undefined for a part that gave none (`${filename}` then stays as written). */
  filename?: string;
  mimeType?: string;
}

export function readMultipartForm(req: IncomingMessage): Promise<MultipartForm> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = formReader(req.headers, { files: MAX_FIELDS, fields: MAX_FIELDS, fieldSize: MAX_FIELDS_BYTES + 1 });
    } catch {
      reject(new S3Error('MalformedPOSTRequest'));
      return;
    }
    const fields = new Map<string, string>();
    let fieldsBytes = 0;
    let file: PassThrough | undefined;
    const fail = (error: S3Error) => {
      req.unpipe(parser);
      if (file) file.destroy(error);
      else reject(error);
    };
    const addField = (name: string, value: string, truncated: boolean) => {
      fieldsBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
      if (truncated || fieldsBytes > MAX_FIELDS_BYTES) fail(new S3Error('MaxPostPreDataLengthExceededError'));
      else fields.set(name.toLowerCase(), value);
    };
    // A part with a filename is still a field unless it is named "file" (S3 goes by name; HTML forms and Python's requests send both kinds).
    const fieldParts: Promise<void>[] = [];
    // And a part named "file" without a filename, which busboy reads as a field, is the file (what Node's
    // FormData sends for a string; localstack recorded S3 storing it): within the fields' limit, as busboy holds it whole.
    const fieldAsFile = (value: string, truncated: boolean) => {
      if (truncated) return fail(new S3Error('MaxPostPreDataLengthExceededError'));
      const body = new PassThrough();
      file = body;
      body.end(Buffer.from(value, 'utf8'));
      void Promise.all(fieldParts).then(() => resolve({ fields, file: body }));
    };
    parser.on('field', (name, value, info) => {
      if (file) return;
      if (name.toLowerCase() === 'file') fieldAsFile(value, info.valueTruncated);
      else addField(name, value, info.valueTruncated);
    });
    parser.on('fieldsLimit', () => fail(new S3Error('MaxPostPreDataLengthExceededError')));
    parser.on('filesLimit', () => fail(new S3Error('MaxPostPreDataLengthExceededError')));
    parser.on('file', (name, stream, info) => {
      if (file) {
        stream.resume();
        return;
      }
      if (name.toLowerCase() !== 'file') {
        fieldParts.push(text(stream, MAX_FIELDS_BYTES + 1).then(({ value, truncated }) => addField(name, value, truncated)));
        return;
      }
      // busboy fails its file stream with plain Errors ("Unexpected end of form"); the store must see S3's.
      const body = new PassThrough();
      file = body;
      stream.on('error', () => fail(new S3Error('MalformedPOSTRequest')));
      stream.pipe(body);
      void Promise.all(fieldParts).then(() => resolve({ fields, file: body, filename: info.filename, mimeType: info.mimeType }));
    });
    parser.on('error', () => fail(new S3Error('MalformedPOSTRequest')));
    parser.on('close', () => {
      // S3's words for it (as its answer quoted in itinance/react-native-fs#992 reads).
      if (!file) reject(new S3Error('InvalidArgument', 'POST requires exactly one file upload per request.', { ArgumentName: 'file', ArgumentValue: '0' }));
    });
    req.on('close', () => {
      if (!req.complete) file?.destroy(new S3Error('IncompleteBody'));
    });
    req.pipe(parser);
  });
}

/** A small part's bytes as text, up to `limit` bytes (the rest is drained). */
function text(stream: Readable, limit: number): Promise<{ value: string; truncated: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      if (size < limit) chunks.push(chunk);
      size += chunk.length;
    });
    stream.on('error', () => resolve({ value: '', truncated: true }));
    stream.on('end', () => resolve({ value: Buffer.concat(chunks).toString('utf8'), truncated: size >= limit }));
  });
}
