/**
 * Every S3 operation and the IAM action a bucket policy names it by, with the ACL permission that
 * also grants it where ACLs are enabled (on the bucket's ACL or the object's).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#permissions
 */
import type { S3Operation } from '../dispatch';
import type { Permission } from './acl';

export interface IamAction {
  /** 'none': no authorization (CORS preflight); 'service': no bucket. */
  scope: 'none' | 'service' | 'bucket' | 'object';
  action: string;
  acl?: { on: 'bucket' | 'object'; permission: Permission };
}

const bucket = (action: string, permission?: Permission): IamAction => ({ scope: 'bucket', action, ...(permission ? { acl: { on: 'bucket', permission } } : {}) });
const object = (action: string, acl?: IamAction['acl']): IamAction => ({ scope: 'object', action, ...(acl ? { acl } : {}) });
const bucketWrite = { on: 'bucket', permission: 'WRITE' } as const;
const bucketRead = { on: 'bucket', permission: 'READ' } as const;
const objectAcl = (permission: Permission) => ({ on: 'object', permission }) as const;

export const IAM_ACTIONS: Record<S3Operation, IamAction> = {
  ListBuckets: { scope: 'service', action: 's3:ListAllMyBuckets' },
  CreateBucket: { scope: 'service', action: 's3:CreateBucket' },

  ListObjectsV2: bucket('s3:ListBucket', 'READ'),
  ListObjects: bucket('s3:ListBucket', 'READ'),
  HeadBucket: bucket('s3:ListBucket', 'READ'),
  ListObjectVersions: bucket('s3:ListBucketVersions', 'READ'),
  ListMultipartUploads: bucket('s3:ListBucketMultipartUploads', 'READ'),
  GetBucketLocation: bucket('s3:GetBucketLocation'),
  DeleteBucket: bucket('s3:DeleteBucket'),
  GetBucketTagging: bucket('s3:GetBucketTagging'),
  PutBucketTagging: bucket('s3:PutBucketTagging'),
  DeleteBucketTagging: bucket('s3:PutBucketTagging'),
  GetBucketCors: bucket('s3:GetBucketCORS'),
  PutBucketCors: bucket('s3:PutBucketCORS'),
  DeleteBucketCors: bucket('s3:PutBucketCORS'),
  GetBucketEncryption: bucket('s3:GetEncryptionConfiguration'),
  PutBucketEncryption: bucket('s3:PutEncryptionConfiguration'),
  DeleteBucketEncryption: bucket('s3:PutEncryptionConfiguration'),
  GetBucketVersioning: bucket('s3:GetBucketVersioning'),
  PutBucketVersioning: bucket('s3:PutBucketVersioning'),
  GetBucketAcl: bucket('s3:GetBucketAcl', 'READ_ACP'),
  PutBucketAcl: bucket('s3:PutBucketAcl', 'WRITE_ACP'),
  GetBucketPolicy: bucket('s3:GetBucketPolicy'),
  PutBucketPolicy: bucket('s3:PutBucketPolicy'),
  DeleteBucketPolicy: bucket('s3:DeleteBucketPolicy'),
  GetBucketPolicyStatus: bucket('s3:GetBucketPolicyStatus'),
  GetBucketLifecycleConfiguration: bucket('s3:GetLifecycleConfiguration'),
  PutBucketLifecycleConfiguration: bucket('s3:PutLifecycleConfiguration'),
  DeleteBucketLifecycle: bucket('s3:PutLifecycleConfiguration'),
  GetBucketNotificationConfiguration: bucket('s3:GetBucketNotification'),
  PutBucketNotificationConfiguration: bucket('s3:PutBucketNotification'),
  GetBucketOwnershipControls: bucket('s3:GetBucketOwnershipControls'),
  PutBucketOwnershipControls: bucket('s3:PutBucketOwnershipControls'),
  DeleteBucketOwnershipControls: bucket('s3:PutBucketOwnershipControls'),
  GetBucketRequestPayment: bucket('s3:GetBucketRequestPayment'),
  PutBucketRequestPayment: bucket('s3:PutBucketRequestPayment'),
  GetPublicAccessBlock: bucket('s3:GetBucketPublicAccessBlock'),
  PutPublicAccessBlock: bucket('s3:PutBucketPublicAccessBlock'),
  DeletePublicAccessBlock: bucket('s3:PutBucketPublicAccessBlock'),
  GetObjectLockConfiguration: bucket('s3:GetBucketObjectLockConfiguration'),
  PutObjectLockConfiguration: bucket('s3:PutBucketObjectLockConfiguration'),
  // Each key of the request is a DeleteObject; it is checked once, for every key of the bucket.
  DeleteObjects: object('s3:DeleteObject', bucketWrite),
  // The form names its key and credentials: PostObject authorizes itself once it has read them.
  PostObject: { scope: 'none', action: 's3:PutObject' },
  PreflightBucket: { scope: 'none', action: '' },
  PreflightObject: { scope: 'none', action: '' },

  PutObject: object('s3:PutObject', bucketWrite),
  CopyObject: object('s3:PutObject', bucketWrite),
  UploadPart: object('s3:PutObject', bucketWrite),
  UploadPartCopy: object('s3:PutObject', bucketWrite),
  CreateMultipartUpload: object('s3:PutObject', bucketWrite),
  CompleteMultipartUpload: object('s3:PutObject', bucketWrite),
  AbortMultipartUpload: object('s3:AbortMultipartUpload', bucketWrite),
  ListParts: object('s3:ListMultipartUploadParts', bucketRead),
  DeleteObject: object('s3:DeleteObject', bucketWrite),
  GetObject: object('s3:GetObject', objectAcl('READ')),
  HeadObject: object('s3:GetObject', objectAcl('READ')),
  GetObjectAttributes: object('s3:GetObjectAttributes', objectAcl('READ')),
  GetObjectAcl: object('s3:GetObjectAcl', objectAcl('READ_ACP')),
  PutObjectAcl: object('s3:PutObjectAcl', objectAcl('WRITE_ACP')),
  GetObjectRetention: object('s3:GetObjectRetention'),
  PutObjectRetention: object('s3:PutObjectRetention'),
  GetObjectLegalHold: object('s3:GetObjectLegalHold'),
  PutObjectLegalHold: object('s3:PutObjectLegalHold'),
  RestoreObject: object('s3:RestoreObject'),
  GetObjectTagging: object('s3:GetObjectTagging'),
  PutObjectTagging: object('s3:PutObjectTagging'),
  DeleteObjectTagging: object('s3:DeleteObjectTagging'),
};

/** The action a request for one version (`?versionId=`, or a copy source's) is authorized as. */
const VERSION_ACTIONS: Record<string, string> = {
  's3:GetObject': 's3:GetObjectVersion',
  's3:GetObjectAcl': 's3:GetObjectVersionAcl',
  's3:PutObjectAcl': 's3:PutObjectVersionAcl',
  's3:DeleteObject': 's3:DeleteObjectVersion',
  's3:GetObjectTagging': 's3:GetObjectVersionTagging',
  's3:PutObjectTagging': 's3:PutObjectVersionTagging',
  's3:DeleteObjectTagging': 's3:DeleteObjectVersionTagging',
  's3:GetObjectAttributes': 's3:GetObjectVersionAttributes',
};

export function iamActionOf(operation: S3Operation, versioned: boolean): string {
  const { action } = IAM_ACTIONS[operation];
  return versioned ? (VERSION_ACTIONS[action] ?? action) : action;
}

/** The kind of resource each action the mock knows applies to, by lower-case name: a policy statement must name one for each of its actions. */
export const ACTION_RESOURCE_KINDS: ReadonlyMap<string, 'bucket' | 'object'> = new Map([
  ...Object.values(IAM_ACTIONS).flatMap(({ scope, action }) => (scope === 'bucket' || scope === 'object' ? [[action.toLowerCase(), scope] as const] : [])),
  ...Object.values(VERSION_ACTIONS).map((action) => [action.toLowerCase(), 'object'] as const),
]);
