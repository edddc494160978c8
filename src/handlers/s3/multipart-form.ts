/**
 * Reads a multipart/form-data upload with busboy: the fields before the `file` field, then the
 * file as a stream (never buffered). Used by POST Object (browser forms; S3 ignores fields after
 * the file) and by the seed's form PUT (`curl -F file=@image.jpg`).
 */
import busboy from 'busboy';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { S3Error } from '../../s3/errors';

export interface MultipartForm {
  /** Field names lower-cased. */
  fields: Map<string, string>;
  file: Readable;
  filename: string;
  mimeType?: string;
}

export function readMultipartForm(req: Request): Promise<MultipartForm> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fields: 200, fieldSize: 64 * 1024 } });
    } catch {
      reject(new S3Error('MalformedPOSTRequest'));
      return;
    }
    const fields = new Map<string, string>();
    let file: Readable | undefined;
    parser.on('field', (name, value) => {
      if (!file) fields.set(name.toLowerCase(), value);
    });
    parser.on('file', (name, stream, info) => {
      if (name.toLowerCase() !== 'file' || file) {
        stream.resume();
        return;
      }
      file = stream;
      resolve({ fields, file: stream, filename: info.filename ?? '', mimeType: info.mimeType });
    });
    parser.on('error', () => {
      req.unpipe(parser);
      const error = new S3Error('MalformedPOSTRequest');
      file?.destroy(error);
      reject(error);
    });
    parser.on('close', () => {
      if (!file) reject(new S3Error('InvalidArgument', 'A form upload needs exactly one field named "file".', { ArgumentName: 'file', ArgumentValue: '0' }));
    });
    req.on('close', () => {
      if (!req.complete) file?.destroy(new S3Error('IncompleteBody'));
    });
    req.pipe(parser);
  });
}
