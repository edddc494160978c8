/**
 * Which S3 operation a request names: method + bucket/key presence + query flags + a header,
 * checked most specific first (docs/ARCHITECTURE.md, "S3 dispatch"; MinIO's api-router.go in
 * one table).
 * Sub-resource flags the mock does not implement answer NotImplemented, never a listing.
 */
import { S3Error } from './errors';
import { hasQueryFlag, queryValue, type QueryPairs } from './http-request';

export type S3Operation = (typeof DISPATCH_TABLE)[number]['operation'];

type Target = 'service' | 'bucket' | 'object';

interface Route {
  method: string;
  target: Target;
  /** Query flags that must be present; `name=value` also checks the value. */
  flags?: readonly string[];
  /** A header that must be present (x-amz-copy-source). */
  header?: string;
  /** A Content-Type prefix the request must have. */
  contentType?: string;
  operation: string;
}

const COPY = 'x-amz-copy-source';

export const DISPATCH_TABLE = [
  { method: 'GET', target: 'service', operation: 'ListBuckets' },

  { method: 'GET', target: 'bucket', flags: ['list-type=2'], operation: 'ListObjectsV2' },
  { method: 'GET', target: 'bucket', flags: ['versions'], operation: 'ListObjectVersions' },
  { method: 'GET', target: 'bucket', flags: ['uploads'], operation: 'ListMultipartUploads' },
  { method: 'GET', target: 'bucket', flags: ['location'], operation: 'GetBucketLocation' },
  { method: 'GET', target: 'bucket', flags: ['tagging'], operation: 'GetBucketTagging' },
  { method: 'PUT', target: 'bucket', flags: ['tagging'], operation: 'PutBucketTagging' },
  { method: 'DELETE', target: 'bucket', flags: ['tagging'], operation: 'DeleteBucketTagging' },
  { method: 'GET', target: 'bucket', flags: ['cors'], operation: 'GetBucketCors' },
  { method: 'PUT', target: 'bucket', flags: ['cors'], operation: 'PutBucketCors' },
  { method: 'DELETE', target: 'bucket', flags: ['cors'], operation: 'DeleteBucketCors' },
  { method: 'GET', target: 'bucket', flags: ['encryption'], operation: 'GetBucketEncryption' },
  { method: 'PUT', target: 'bucket', flags: ['encryption'], operation: 'PutBucketEncryption' },
  { method: 'DELETE', target: 'bucket', flags: ['encryption'], operation: 'DeleteBucketEncryption' },
  { method: 'GET', target: 'bucket', flags: ['versioning'], operation: 'GetBucketVersioning' },
  { method: 'PUT', target: 'bucket', flags: ['versioning'], operation: 'PutBucketVersioning' },
  { method: 'GET', target: 'bucket', flags: ['acl'], operation: 'GetBucketAcl' },
  { method: 'PUT', target: 'bucket', flags: ['acl'], operation: 'PutBucketAcl' },
  { method: 'GET', target: 'bucket', flags: ['policy'], operation: 'GetBucketPolicy' },
  { method: 'PUT', target: 'bucket', flags: ['policy'], operation: 'PutBucketPolicy' },
  { method: 'DELETE', target: 'bucket', flags: ['policy'], operation: 'DeleteBucketPolicy' },
  { method: 'GET', target: 'bucket', flags: ['lifecycle'], operation: 'GetBucketLifecycleConfiguration' },
  { method: 'PUT', target: 'bucket', flags: ['lifecycle'], operation: 'PutBucketLifecycleConfiguration' },
  { method: 'DELETE', target: 'bucket', flags: ['lifecycle'], operation: 'DeleteBucketLifecycle' },
  { method: 'GET', target: 'bucket', flags: ['ownershipControls'], operation: 'GetBucketOwnershipControls' },
  { method: 'PUT', target: 'bucket', flags: ['ownershipControls'], operation: 'PutBucketOwnershipControls' },
  { method: 'DELETE', target: 'bucket', flags: ['ownershipControls'], operation: 'DeleteBucketOwnershipControls' },
  { method: 'GET', target: 'bucket', flags: ['publicAccessBlock'], operation: 'GetPublicAccessBlock' },
  { method: 'PUT', target: 'bucket', flags: ['publicAccessBlock'], operation: 'PutPublicAccessBlock' },
  { method: 'DELETE', target: 'bucket', flags: ['publicAccessBlock'], operation: 'DeletePublicAccessBlock' },
  { method: 'GET', target: 'bucket', flags: ['policyStatus'], operation: 'GetBucketPolicyStatus' },
  { method: 'GET', target: 'bucket', flags: ['requestPayment'], operation: 'GetBucketRequestPayment' },
  { method: 'PUT', target: 'bucket', flags: ['requestPayment'], operation: 'PutBucketRequestPayment' },
  { method: 'GET', target: 'bucket', flags: ['object-lock'], operation: 'GetObjectLockConfiguration' },
  { method: 'PUT', target: 'bucket', flags: ['object-lock'], operation: 'PutObjectLockConfiguration' },
  { method: 'GET', target: 'bucket', flags: ['notification'], operation: 'GetBucketNotificationConfiguration' },
  { method: 'PUT', target: 'bucket', flags: ['notification'], operation: 'PutBucketNotificationConfiguration' },
  { method: 'POST', target: 'bucket', flags: ['delete'], operation: 'DeleteObjects' },
  { method: 'POST', target: 'bucket', contentType: 'multipart/form-data', operation: 'PostObject' },
  { method: 'GET', target: 'bucket', operation: 'ListObjects' },
  { method: 'PUT', target: 'bucket', operation: 'CreateBucket' },
  { method: 'HEAD', target: 'bucket', operation: 'HeadBucket' },
  { method: 'DELETE', target: 'bucket', operation: 'DeleteBucket' },
  { method: 'OPTIONS', target: 'bucket', operation: 'PreflightBucket' },

  { method: 'PUT', target: 'object', flags: ['partNumber', 'uploadId'], header: COPY, operation: 'UploadPartCopy' },
  { method: 'PUT', target: 'object', flags: ['uploadId'], operation: 'UploadPart' },
  { method: 'PUT', target: 'object', flags: ['tagging'], operation: 'PutObjectTagging' },
  { method: 'PUT', target: 'object', flags: ['acl'], operation: 'PutObjectAcl' },
  { method: 'PUT', target: 'object', flags: ['retention'], operation: 'PutObjectRetention' },
  { method: 'PUT', target: 'object', flags: ['legal-hold'], operation: 'PutObjectLegalHold' },
  { method: 'PUT', target: 'object', header: COPY, operation: 'CopyObject' },
  { method: 'PUT', target: 'object', operation: 'PutObject' },
  { method: 'GET', target: 'object', flags: ['uploadId'], operation: 'ListParts' },
  { method: 'GET', target: 'object', flags: ['tagging'], operation: 'GetObjectTagging' },
  { method: 'GET', target: 'object', flags: ['attributes'], operation: 'GetObjectAttributes' },
  { method: 'GET', target: 'object', flags: ['acl'], operation: 'GetObjectAcl' },
  { method: 'GET', target: 'object', flags: ['retention'], operation: 'GetObjectRetention' },
  { method: 'GET', target: 'object', flags: ['legal-hold'], operation: 'GetObjectLegalHold' },
  { method: 'GET', target: 'object', operation: 'GetObject' },
  { method: 'HEAD', target: 'object', operation: 'HeadObject' },
  { method: 'POST', target: 'object', flags: ['uploads'], operation: 'CreateMultipartUpload' },
  { method: 'POST', target: 'object', flags: ['uploadId'], operation: 'CompleteMultipartUpload' },
  { method: 'POST', target: 'object', flags: ['restore'], operation: 'RestoreObject' },
  { method: 'DELETE', target: 'object', flags: ['uploadId'], operation: 'AbortMultipartUpload' },
  { method: 'DELETE', target: 'object', flags: ['tagging'], operation: 'DeleteObjectTagging' },
  { method: 'DELETE', target: 'object', operation: 'DeleteObject' },
  { method: 'OPTIONS', target: 'object', operation: 'PreflightObject' },
] as const satisfies readonly Route[];

/** S3 sub-resources this mock does not serve: NotImplemented rather than a wrong answer. */
const UNIMPLEMENTED_FLAGS = [
  'website', 'logging', 'replication', 'accelerate', 'analytics',
  'inventory', 'metrics', 'intelligent-tiering', 'select', 'torrent', 'session',
  'metadataTable', 'renameObject',
];

/** Bucket sub-resources S3 refuses on a key, in its own words, rather than serving the object. */
const BUCKET_FLAGS_ON_A_KEY: Readonly<Record<string, string>> = {
  uploads: 'Key is not expected for the GET method ?uploads subresource',
  versions: 'There is no such thing as the ?versions sub-resource for a key',
};

export interface DispatchInput {
  method: string;
  bucket?: string;
  key?: string;
  query: QueryPairs;
  hasHeader: (name: string) => boolean;
  contentType?: string;
}

function flagMatches(query: QueryPairs, flag: string): boolean {
  const [name, value] = flag.split('=');
  return value === undefined ? hasQueryFlag(query, name) : queryValue(query, name) === value;
}

export function dispatch(input: DispatchInput): S3Operation {
  const target: Target = input.bucket === undefined ? 'service' : input.key === undefined ? 'bucket' : 'object';
  const method = input.method.toUpperCase();
  const unimplemented = UNIMPLEMENTED_FLAGS.find((flag) => hasQueryFlag(input.query, flag));
  if (unimplemented && method !== 'OPTIONS') {
    throw new S3Error('NotImplemented', `The ?${unimplemented} sub-resource is not implemented by this mock`);
  }
  if (target === 'object' && method === 'GET') {
    const misplaced = Object.keys(BUCKET_FLAGS_ON_A_KEY).find((flag) => hasQueryFlag(input.query, flag));
    if (misplaced) throw new S3Error('InvalidRequest', BUCKET_FLAGS_ON_A_KEY[misplaced]);
  }
  const route = (DISPATCH_TABLE as readonly Route[]).find(
    (candidate) =>
      candidate.method === method &&
      candidate.target === target &&
      (candidate.flags ?? []).every((flag) => flagMatches(input.query, flag)) &&
      (candidate.header === undefined || input.hasHeader(candidate.header)) &&
      (candidate.contentType === undefined || (input.contentType ?? '').toLowerCase().startsWith(candidate.contentType)),
  );
  if (!route && method === 'POST' && target === 'bucket') {
    // S3 takes any other POST to a bucket for a form upload, and refuses one that is no form (the answer localstack recorded from S3).
    throw new S3Error('PreconditionFailed', undefined, { Condition: 'Bucket POST must be of the enclosure-type multipart/form-data' });
  }
  if (!route) throw new S3Error('MethodNotAllowed', undefined, { Method: method, ResourceType: target.toUpperCase() });
  return route.operation as S3Operation;
}
