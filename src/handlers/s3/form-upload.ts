/**
 * The seed's upload form: an unsigned `PUT /{bucket}/{key}` with a multipart/form-data body
 * (`curl -F file=@image.jpg`) stores the `file` part, streamed by busboy. The part's own
 * Content-Type becomes the object's.
 */
import busboy from 'busboy';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { S3Error } from '../../s3/errors';

export interface FormFile {
  stream: Readable;
  contentType?: string;
}

const FILE_FIELD = 'file';

/** Resolves with the `file` part as soon as it starts; other parts are skipped. */
export function formFile(req: Request): Promise<FormFile> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fields: 100 } });
    } catch {
      reject(new S3Error('MalformedPOSTRequest'));
      return;
    }
    let found: Readable | undefined;
    parser.on('file', (name, stream, info) => {
      if (name !== FILE_FIELD || found) {
        stream.resume();
        return;
      }
      found = stream;
      resolve({ stream, contentType: info.mimeType });
    });
    parser.on('error', () => {
      req.unpipe(parser);
      const error = new S3Error('MalformedPOSTRequest');
      found?.destroy(error);
      reject(error);
    });
    parser.on('close', () => {
      if (!found) reject(new S3Error('InvalidArgument', 'A multipart/form-data upload needs a "file" field', { ArgumentName: FILE_FIELD, ArgumentValue: '' }));
    });
    req.on('close', () => {
      if (!req.complete) found?.destroy(new S3Error('IncompleteBody'));
    });
    req.pipe(parser);
  });
}
