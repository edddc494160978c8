import { Transform, type TransformCallback } from 'node:stream';
import { InvalidUploadFieldError, UnsupportedImageTypeError, UploadTooLargeError } from './errors';
import { detectImageFormat, SIGNATURE_BYTES, type ImageFormat } from './image-format';

/**
 * Sits between the incoming file and the disk: counts bytes and fails as soon as the file passes
 * `maxBytes` (nothing beyond the limit is written or buffered), and fails as soon as the first
 * bytes show the file is not a supported image, without waiting for the rest.
 */
export class ImageFileGuard extends Transform {
  bytes = 0;
  format: ImageFormat | undefined;
  private head = Buffer.alloc(0);

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return callback(new UploadTooLargeError(this.maxBytes));
    if (this.format === undefined) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, SIGNATURE_BYTES - this.head.length)]);
      if (this.head.length >= SIGNATURE_BYTES && !this.identify()) return callback(new UnsupportedImageTypeError());
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    // An empty file is a missing value, not a file of the wrong kind: 400, as for any invalid field.
    if (this.bytes === 0) return callback(new InvalidUploadFieldError('file', 'is empty (0 bytes); send the image itself'));
    if (this.format === undefined && !this.identify()) return callback(new UnsupportedImageTypeError());
    callback();
  }

  private identify(): boolean {
    this.format = detectImageFormat(this.head);
    return this.format !== undefined;
  }
}
