/**
 * Typed errors of the S3 object store. Each carries the S3 error code it stands for and the extra
 * fields S3 puts in its <Error> document (BucketName, Key, UploadId...). No HTTP status here: the
 * protocol layer maps `code` to status and wire message in its one error table.
 */
import type { ChecksumAlgorithm } from './object-store';

export class S3StoreError extends Error {
  constructor(
    /** The S3 error code, e.g. 'NoSuchKey'. */
    readonly code: string,
    message: string,
    /** Extra elements for the S3 <Error> document, e.g. { BucketName: 'b' }. */
    readonly detail: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = code;
  }
}

export class NoSuchBucket extends S3StoreError {
  constructor(bucket: string) {
    super('NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
  }
}

export class NoSuchKey extends S3StoreError {
  constructor(bucket: string, key: string) {
    super('NoSuchKey', 'The specified key does not exist.', { BucketName: bucket, Key: key });
  }
}

export class BucketNotEmpty extends S3StoreError {
  constructor(bucket: string) {
    super('BucketNotEmpty', 'The bucket you tried to delete is not empty', { BucketName: bucket });
  }
}

export class BucketAlreadyOwnedByYou extends S3StoreError {
  constructor(bucket: string) {
    super('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', {
      BucketName: bucket,
    });
  }
}

export class InvalidBucketName extends S3StoreError {
  constructor(bucket: string, reason: string) {
    super('InvalidBucketName', `The specified bucket is not valid: ${reason}`, { BucketName: bucket });
  }
}

export class NoSuchUpload extends S3StoreError {
  constructor(uploadId: string) {
    super('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', { UploadId: uploadId });
  }
}

/** A listed part was never uploaded, or its ETag/checksum does not match the uploaded one (S3's message, and the part). */
export class InvalidPart extends S3StoreError {
  constructor(partNumber: number, listedEtag: string) {
    super(
      'InvalidPart',
      "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
      { PartNumber: partNumber, ETag: listedEtag },
    );
  }
}

export class InvalidPartOrder extends S3StoreError {
  constructor() {
    super('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.');
  }
}

/** A part other than the last is below the minimum part size (5 MiB in S3). */
export class EntityTooSmall extends S3StoreError {
  constructor(partNumber: number, size: number, minimum: number) {
    super('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', {
      PartNumber: partNumber,
      ProposedSize: size,
      MinSizeAllowed: minimum,
    });
  }
}

/** If-Match / If-None-Match on a write did not hold. */
export class PreconditionFailed extends S3StoreError {
  constructor(condition: 'If-Match' | 'If-None-Match') {
    super('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', { Condition: condition });
  }
}

/**
 * The write conditions held when the write began but not when it was to be committed: a
 * concurrent write or delete of the key won (S3 asks the client to retry).
 */
export class ConditionalRequestConflict extends S3StoreError {
  constructor(condition: 'If-Match' | 'If-None-Match') {
    super('ConditionalRequestConflict', 'The conditional request cannot succeed due to a conflicting operation against this resource.', { Condition: condition });
  }
}

/** Content-MD5 or an x-amz-checksum-* value did not match the received bytes; nothing was stored. */
export class BadDigest extends S3StoreError {
  constructor(readonly algorithm: 'md5' | ChecksumAlgorithm) {
    super(
      'BadDigest',
      algorithm === 'md5'
        ? 'The Content-MD5 you specified did not match what we received.'
        : `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`,
    );
  }
}

/** The Range does not overlap the object (S3 answers 416 with Content-Range: bytes *\/size). */
export class InvalidRange extends S3StoreError {
  constructor(readonly objectSize: number) {
    super('InvalidRange', 'The requested range is not satisfiable', { ActualObjectSize: objectSize });
  }
}

/** GetObject/HeadObject partNumber beyond the object's part count. */
export class InvalidPartNumber extends S3StoreError {
  constructor(partNumber: number, partsCount: number) {
    super('InvalidPartNumber', 'The requested partnumber is not satisfiable', { PartNumber: partNumber, PartsCount: partsCount });
  }
}

export class InvalidArgument extends S3StoreError {
  constructor(message: string, argumentName: string, argumentValue: string) {
    super('InvalidArgument', message, { ArgumentName: argumentName, ArgumentValue: argumentValue });
  }
}
