/**
 * Enforces a POST policy's content-length-range on a streaming file: too many bytes fail the
 * stream as soon as they arrive (EntityTooLarge), too few at its end (EntityTooSmall). S3 words
 * these two without the "object" of its PutObject answers (the answers localstack recorded).
 */
import { Transform, type TransformCallback } from 'node:stream';
import { S3Error } from '../errors';

export class LengthLimit extends Transform {
  private length = 0;

  constructor(private readonly range: { min: number; max: number }) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.length += chunk.length;
    if (this.length > this.range.max) return callback(new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', { ProposedSize: this.length, MaxSizeAllowed: this.range.max }));
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.length < this.range.min) return callback(new S3Error('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', { ProposedSize: this.length, MinSizeAllowed: this.range.min }));
    callback();
  }
}
