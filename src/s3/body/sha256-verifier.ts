/**
 * Checks a plain body against the SHA-256 announced in `x-amz-content-sha256` while it streams;
 * a mismatch fails the stream at its end (so the store keeps nothing) with S3's
 * XAmzContentSHA256Mismatch.
 */
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { S3Error } from '../errors';

export class Sha256Verifier extends Transform {
  private readonly hash = createHash('sha256');

  constructor(readonly expectedHex: string) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const computed = this.hash.digest('hex');
    if (computed !== this.expectedHex.toLowerCase()) {
      return callback(
        new S3Error('XAmzContentSHA256Mismatch', undefined, {
          ClientComputedContentSHA256: this.expectedHex,
          S3ComputedContentSHA256: computed,
        }),
      );
    }
    callback();
  }
}
