import type busboy from 'busboy';
import { boundedFormReader } from '../kit/bounded-form-reader';
import fs from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidUploadFieldError, RepeatedUploadFieldError } from './errors';
import { ImageFileGuard } from './image-file-guard';
import type { ImageFormat } from './image-format';
import { UPLOAD_TEXT_FIELDS } from './upload-form';

/** An upload received in full: the file is on disk at `path`, the text fields in `fields`. */
export interface ReceivedUpload {
  path: string;
  sizeBytes: number;
  format: ImageFormat;
  fileName: string | null;
  fields: Record<string, string>;
}

// No `files` limit: busboy skips a file part beyond it without saying its name, so every file part
// is seen here and each but the first `file` refused by its name; `parts` bounds them.
const LIMITS = { fields: 20, parts: 25, fieldSize: 64 * 1024, headerPairs: 50 };

const notAFilePart = () => new InvalidUploadFieldError('file', 'must be a file part: its Content-Disposition needs a filename (curl -F file=@image.png)');

/**
 * Streams a multipart/form-data body: the `file` part goes through an ImageFileGuard to `target`
 * (never held in memory), text fields are collected (each at most 64 KiB). A field the upload takes
 * (`file`, UPLOAD_TEXT_FIELDS) given twice is refused where it comes. Settles only once the
 * file is closed; on any failure the partial file is removed and the rest of the request body is
 * drained, so the caller can answer at once and the connection stays usable.
 */
export function receiveMultipartUpload(request: Readable, headers: IncomingHttpHeaders, target: string, maxBytes: number): Promise<ReceivedUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // A text field named `file` is refused as no file part even when it is also too long.
      parser = boundedFormReader(headers, LIMITS, (field, reason) => fail(field === 'file' ? notAFilePart() : new InvalidUploadFieldError(field, reason)));
    } catch {
      request.resume();
      reject(new InvalidUploadFieldError('content-type', 'the body must be multipart/form-data'));
      return;
    }
    const fields: Record<string, string> = {};
    let saved: Promise<Omit<ReceivedUpload, 'path' | 'fields'>> | undefined;
    let failure: Error | undefined;
    // Ends the file's pipeline on failure. Destroying busboy's file stream instead leaves the
    // pipeline unsettled when the part was fully parsed but not yet read (a second file part
    // arriving in the same chunk), and the request would never be answered.
    const abandon = new AbortController();

    const fail = (error: Error) => {
      if (failure) return;
      failure = error;
      request.unpipe(parser);
      request.resume();
      abandon.abort();
      void Promise.allSettled([saved])
        .then(() => fs.promises.rm(target, { force: true }))
        .finally(() => reject(error));
    };

    parser.on('field', (name, value) => {
      // A part is a file only when its Content-Disposition names a filename (RFC 7578 §4.2): say
      // so, rather than that the file is missing or too long.
      if (name === 'file') return fail(notAFilePart());
      if (UPLOAD_TEXT_FIELDS.has(name) && Object.hasOwn(fields, name)) return fail(new RepeatedUploadFieldError(name));
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (failure) {
        stream.resume();
        return;
      }
      if (name !== 'file') {
        stream.resume();
        return fail(new InvalidUploadFieldError(name, `unexpected file field "${name}"; send the image as "file"`));
      }
      if (saved) {
        stream.resume();
        return fail(new RepeatedUploadFieldError(name));
      }
      const guard = new ImageFileGuard(maxBytes);
      saved = pipeline(stream, guard, fs.createWriteStream(target), { signal: abandon.signal }).then(() => ({
        sizeBytes: guard.bytes,
        format: guard.format as ImageFormat,
        fileName: info.filename ?? null,
      }));
      saved.catch(fail);
    });
    parser.on('error', (error: Error) => fail(new InvalidUploadFieldError('body', `malformed multipart/form-data: ${error.message}`)));
    parser.on('close', () => {
      if (failure) return;
      if (!saved) return fail(new InvalidUploadFieldError('file', 'is required (a file part named "file")'));
      saved.then((file) => {
        if (!failure) resolve({ path: target, ...file, fields });
      }, fail);
    });
    request.on('error', () => fail(new InvalidUploadFieldError('body', 'the upload was cut off before it ended')));
    request.pipe(parser);
  });
}
