/**
 * Typed errors of the S3 object store. Each is an S3Error: its code names the S3 error it stands
 * for, its message is S3's from the one table (src/s3/errors.ts) unless S3 words the case more
 * precisely, and its fields are the extra elements S3 puts in its <Error> document (BucketName,
 * Key, UploadId...). The protocol layer renders them as it renders any S3Error.
 */
import { S3Error } from '../errors';
import type { ChecksumAlgorithm } from './object-store';

export class NoSuchBucket extends S3Error {
  constructor(readonly bucket: string) {
    super('NoSuchBucket', undefined, { BucketName: bucket });
  }
}

/** S3 names the key, not its bucket (in every NoSuchKey localstack recorded from it). */
export class NoSuchKey extends S3Error {
  constructor(key: string) {
    super('NoSuchKey', undefined, { Key: key });
  }
}

export class BucketNotEmpty extends S3Error {
  /** A bucket with versioning (enabled or suspended) says what keeps it: its versions, as S3 words it. */
  constructor(bucket: string, versioned = false) {
    super('BucketNotEmpty', versioned ? 'The bucket you tried to delete is not empty. You must delete all versions in the bucket.' : undefined, { BucketName: bucket });
  }
}

export class BucketAlreadyOwnedByYou extends S3Error {
  constructor(bucket: string) {
    super('BucketAlreadyOwnedByYou', undefined, { BucketName: bucket });
  }
}

export class InvalidBucketName extends S3Error {
  constructor(bucket: string, reason: string) {
    super('InvalidBucketName', `The specified bucket is not valid: ${reason}`, { BucketName: bucket });
  }
}

export class NoSuchVersion extends S3Error {
  constructor(key: string, versionId: string) {
    super('NoSuchVersion', undefined, { Key: key, VersionId: versionId });
  }
}

/**
 * A version id the store could not have issued. S3 refuses one in GetObject, HeadObject,
 * DeleteObject... with InvalidArgument, yet DeleteObjects reports it as NoSuchVersion (localstack's
 * recorded answers: test_delete_object_versioned 'delete-with-bad-version',
 * test_get_object_with_version_unversioned_bucket 'get-obj-with-version', test_delete_objects
 * 'delete-object-wrong-version-id').
 */
export class InvalidVersionId extends S3Error {
  constructor(readonly versionId: string) {
    super('InvalidArgument', 'Invalid version id specified', { ArgumentName: 'versionId', ArgumentValue: versionId });
  }
}

export class NoSuchUpload extends S3Error {
  constructor(uploadId: string) {
    super('NoSuchUpload', undefined, { UploadId: uploadId });
  }
}

/**
 * A listed part was never uploaded, or its ETag/checksum does not match the uploaded one. S3 names
 * the upload, and the part as listed with its ETag unquoted.
 */
export class InvalidPart extends S3Error {
  constructor(uploadId: string, partNumber: number, listedEtag: string) {
    super('InvalidPart', undefined, { UploadId: uploadId, PartNumber: partNumber, ETag: listedEtag.replace(/"/g, '') });
  }
}

export class InvalidPartOrder extends S3Error {
  constructor(uploadId: string) {
    super('InvalidPartOrder', undefined, { UploadId: uploadId });
  }
}

/** A part other than the last is below the minimum part size (5 MiB in S3); S3 names it and its ETag. */
export class EntityTooSmall extends S3Error {
  constructor(partNumber: number, etag: string, size: number, minimum: number) {
    super('EntityTooSmall', undefined, { PartNumber: partNumber, ETag: etag, ProposedSize: size, MinSizeAllowed: minimum });
  }
}

/** If-Match / If-None-Match on a write, or a condition of a delete, did not hold. */
export class PreconditionFailed extends S3Error {
  constructor(condition: 'If-Match' | 'If-None-Match' | 'x-amz-if-match-last-modified-time' | 'x-amz-if-match-size') {
    super('PreconditionFailed', undefined, { Condition: condition });
  }
}

/**
 * The write conditions held when the write began but not when it was to be committed: a
 * concurrent write or delete of the key won (S3 asks the client to retry).
 */
export class ConditionalRequestConflict extends S3Error {
  constructor(condition: 'If-Match' | 'If-None-Match') {
    super('ConditionalRequestConflict', undefined, { Condition: condition });
  }
}

/**
 * Content-MD5 or an x-amz-checksum-* value did not match the received bytes; nothing was stored.
 * For Content-MD5, S3 also gives the digest sent (in hex) and the one it computed (in base64),
 * as localstack recorded from it.
 */
export class BadDigest extends S3Error {
  constructor(
    readonly algorithm: 'md5' | ChecksumAlgorithm,
    readonly md5?: { sent: string; computed: string },
  ) {
    // S3 names the checksum that failed; Content-MD5's wording is the table's.
    super(
      'BadDigest',
      algorithm === 'md5' ? undefined : `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`,
      md5 === undefined ? {} : { ExpectedDigest: Buffer.from(md5.sent, 'base64').toString('hex'), CalculatedDigest: md5.computed },
    );
  }

  /**
   * UploadPart's answer, which quotes the Content-MD5 as sent (base64) where PutObject's gives it in
   * hex (localstack's recorded answers: test_s3_invalid_content_md5 'upload-part-md5-bad-digest' and
   * 'md5-error-bad-digest').
   */
  ofPart(): BadDigest {
    if (this.md5 === undefined) return this;
    const error = new BadDigest(this.algorithm, this.md5);
    error.fields.ExpectedDigest = this.md5.sent;
    return error;
  }
}

/**
 * The Range does not overlap the object (S3 answers 416 with Content-Range: bytes *\/size). S3's
 * error names the Range header as sent, then the size: `<RangeRequested>bytes=100-</RangeRequested>
 * <ActualObjectSize>12</ActualObjectSize>`; the store, which sees the parsed range only, leaves the
 * header to the handler.
 */
export class InvalidRange extends S3Error {
  constructor(
    readonly objectSize: number,
    rangeRequested?: string,
  ) {
    super('InvalidRange', undefined, { ...(rangeRequested === undefined ? {} : { RangeRequested: rangeRequested }), ActualObjectSize: objectSize });
  }
}

/** GetObject/HeadObject partNumber beyond the object's part count (an object not uploaded in parts has one). */
export class InvalidPartNumber extends S3Error {
  constructor(partNumber: number, partsCount: number) {
    super('InvalidPartNumber', undefined, { PartNumberRequested: partNumber, ActualPartCount: partsCount });
  }
}

export class InvalidArgument extends S3Error {
  constructor(message: string, argumentName: string, argumentValue: string) {
    super('InvalidArgument', message, { ArgumentName: argumentName, ArgumentValue: argumentValue });
  }
}
