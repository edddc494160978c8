/** Every S3 operation of the dispatch table and the handler that serves it, grouped by resource. */
import type { S3Operation } from '../../s3/dispatch';
import { S3Error } from '../../s3/errors';
import { bucketHandlers } from './bucket-handlers';
import { corsHandlers } from './cors-handlers';
import { listingHandlers } from './listing-handlers';
import { objectReadHandlers } from './object-read-handlers';
import { objectWriteHandlers } from './object-write-handlers';
import type { S3Handler } from './s3-call';

const TODO: S3Handler = async () => {
  throw new S3Error('NotImplemented');
};

export const OPERATION_HANDLERS: Record<S3Operation, S3Handler> = {
  ...bucketHandlers,
  ...listingHandlers,
  ...objectReadHandlers,
  ...objectWriteHandlers,
  ...corsHandlers,
  ListMultipartUploads: TODO,
  GetBucketTagging: TODO,
  PutBucketTagging: TODO,
  DeleteBucketTagging: TODO,
  GetBucketCors: TODO,
  PutBucketCors: TODO,
  DeleteBucketCors: TODO,
  GetBucketEncryption: TODO,
  PutBucketEncryption: TODO,
  DeleteBucketEncryption: TODO,
  GetBucketVersioning: TODO,
  PutBucketVersioning: TODO,
  PostObject: TODO,
  UploadPartCopy: TODO,
  UploadPart: TODO,
  PutObjectTagging: TODO,
  CopyObject: TODO,
  ListParts: TODO,
  GetObjectTagging: TODO,
  GetObjectAttributes: TODO,
  CreateMultipartUpload: TODO,
  CompleteMultipartUpload: TODO,
  AbortMultipartUpload: TODO,
  DeleteObjectTagging: TODO,
};
