/**
 * The S3 mock's storage domain: buckets, objects, listings and multipart uploads, free of HTTP.
 *
 * Design notes
 * - One implementation, two body backends. Metadata (buckets, object rows, uploads, parts) lives in
 *   a SQLite index (better-sqlite3, WAL, `<dataDir>/index.sqlite`, or ':memory:' for
 *   STORAGE=memory). Bodies live in a BodyStore: files under `<dataDir>/bodies/` (default) or
 *   Buffers in memory. The protocol layer only sees the `ObjectStore` interface below.
 * - Keys are never file names. Every body gets a random id; its file is `bodies/<id>`. A key like
 *   `../../etc/passwd` is only ever a TEXT column value.
 * - Writes: the body streams (MD5 + requested checksums computed on the way) into a temp file in
 *   the same filesystem, is verified, renamed to its unique body name, and only then the index
 *   row is committed in one SQLite transaction, which also checks bucket existence and write
 *   conditions. The replaced body is unlinked after the commit. So concurrent writers of one key
 *   never mix bodies (last commit wins, row and body always agree), and a failed or aborted input
 *   stream (or a digest mismatch) leaves no object and no temp file. Start-up removes stale temp
 *   files and bodies no row refers to (a crash between rename and commit). A completed multipart
 *   object's body is a composite of its part bodies (composite-body.ts): Complete copies nothing.
 * - Reads open the body when the row is read, so a body unlinked by a later overwrite still
 *   streams to the end for a reader that already has it (POSIX unlink semantics).
 * - Listing order is S3's: UTF-8 byte order of keys. SQLite's BINARY collation on UTF-8 TEXT is
 *   exactly that (JS string comparison is UTF-16 order and is not used for ordering). A listing is
 *   one indexed range scan; a rolled-up CommonPrefix is skipped by seeking to the first key after
 *   every key sharing it, so a page costs O(page size), whatever the bucket size.
 * - Values are S3's wire forms where S3 has one: ETag as hex without quotes (the protocol layer
 *   adds the quotes), checksums and Content-MD5 as base64, dates as Date (second precision, as
 *   S3's HTTP dates).
 * - Versions (version-index.ts): a bucket that never had versioning set keeps one row per key in
 *   `objects`, as before. Once versioning is set, every version and delete marker is a row of
 *   `versions` (newest first per key) and `objects` mirrors each key's latest version unless that
 *   is a delete marker, so GET by key and ListObjects stay one indexed lookup or scan of
 *   `objects` whatever the number of versions. Objects written before versioning was set become
 *   `null` versions when it is set.
 */
import type { Readable } from 'node:stream';
import type { Acl } from '../access/acl';
import type { StoredBucketAccess } from '../access/stored-access';
import type { ChangeCause, ChangeFeed, NotificationConfiguration, NotificationOutbox, RequestOrigin } from '../events';

export type ChecksumAlgorithm = 'crc32' | 'crc32c' | 'crc64nvme' | 'sha1' | 'sha256';
export const CHECKSUM_ALGORITHMS: readonly ChecksumAlgorithm[] = ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'];
/** Checksum values, base64 as in x-amz-checksum-* headers. Composite multipart values end in '-N'. */
export type Checksums = Partial<Record<ChecksumAlgorithm, string>>;
/** S3's x-amz-checksum-type: how a multipart object's checksum was formed. */
export type ChecksumType = 'FULL_OBJECT' | 'COMPOSITE';

export interface Tag {
  key: string;
  value: string;
}

export interface ServerSideEncryption {
  /** x-amz-server-side-encryption: 'AES256' | 'aws:kms' | 'aws:kms:dsse'. */
  algorithm?: string;
  /** x-amz-server-side-encryption-aws-kms-key-id. */
  kmsKeyId?: string;
  bucketKeyEnabled?: boolean;
  /** SSE-C: x-amz-server-side-encryption-customer-algorithm and -key-MD5 (the key itself is never stored). */
  customerAlgorithm?: string;
  customerKeyMd5?: string;
}

/** What a writer says about an object (everything but the bytes and what is computed from them). */
export interface ObjectMetadata {
  contentType?: string;
  contentEncoding?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  cacheControl?: string;
  /** The Expires header exactly as received. */
  expires?: string;
  /** x-amz-meta-* without the prefix, names and values exactly as received. */
  userMetadata?: Record<string, string>;
  sse?: ServerSideEncryption;
  tags?: Tag[];
  /** x-amz-storage-class; STANDARD when absent. */
  storageClass?: string;
  /** x-amz-website-redirect-location: where a website endpoint would redirect; served back on GET and HEAD. */
  websiteRedirectLocation?: string;
  /** The object's owner and ACL; absent: the bucket owner's, private (src/s3/access). */
  acl?: Acl;
  lock?: ObjectLock;
  /** When the copy RestoreObject made of an archived (GLACIER, DEEP_ARCHIVE) object expires, ISO 8601. */
  restoreExpiry?: string;
}

export interface PartBoundary {
  partNumber: number;
  size: number;
  /** The part's checksums, for GetObjectAttributes ObjectParts. */
  checksums?: Checksums;
}

export type RetentionMode = 'GOVERNANCE' | 'COMPLIANCE';
export type LegalHoldStatus = 'ON' | 'OFF';

/** Object Lock settings of one version (S3 Object Lock). */
export interface ObjectLock {
  mode?: RetentionMode;
  /** ISO 8601, as given. */
  retainUntil?: string;
  legalHold?: LegalHoldStatus;
}

export interface ObjectInfo extends ObjectMetadata {
  bucket: string;
  key: string;
  size: number;
  /** Hex MD5 of the body, or hex MD5-of-part-MD5s + '-N' for a multipart object; no quotes. */
  etag: string;
  /** Second precision. */
  lastModified: Date;
  checksums: Checksums;
  checksumType?: ChecksumType;
  /** Part sizes of a multipart object, in order (GetObject/HeadObject partNumber, x-amz-mp-parts-count). */
  parts?: PartBoundary[];
  /** Set once the bucket has versioning set: the version's id ('null' for null versions). */
  versionId?: string;
}

/** A delete marker: a version without a body (S3 versioning). */
export interface DeleteMarkerInfo {
  bucket: string;
  key: string;
  versionId: string;
  lastModified: Date;
  /** Canonical id of the account that wrote it, when that was stored. */
  owner?: string;
}

export type ObjectSummary = Pick<ObjectInfo, 'key' | 'size' | 'etag' | 'lastModified' | 'storageClass' | 'checksumType'> & {
  checksumAlgorithms: ChecksumAlgorithm[];
  /** Canonical id of the account that owns it, when that was stored (its ACL's owner). */
  owner?: string;
};

export interface BucketInfo {
  name: string;
  /** LocationConstraint given at creation; the configured default region otherwise. */
  region: string;
  createdAt: Date;
}

export interface CorsRule {
  id?: string;
  allowedOrigins: string[];
  allowedMethods: string[];
  allowedHeaders?: string[];
  exposeHeaders?: string[];
  maxAgeSeconds?: number;
}

export interface BucketEncryption {
  algorithm: string;
  kmsKeyId?: string;
  bucketKeyEnabled?: boolean;
}

/**
 * The default encryption of a bucket that was never given one, or whose configuration was
 * deleted: SSE-S3, which S3 applies to every bucket and every new object since January 2023
 * (GetBucketEncryption, DeleteBucketEncryption).
 */
export const SSE_S3_BY_DEFAULT: BucketEncryption = Object.freeze({ algorithm: 'AES256' });

export type VersioningStatus = 'Enabled' | 'Suspended';

/** A bucket's Object Lock configuration; `rule` is the default retention for new versions. */
export interface ObjectLockConfig {
  enabled: true;
  rule?: { mode: RetentionMode; days?: number; years?: number };
}

/** Bucket sub-resources stored as given; absent until put. */
export interface BucketConfig {
  tagging: Tag[];
  cors: CorsRule[];
  encryption: BucketEncryption;
  versioning: VersioningStatus;
  /** MfaDelete as last put with the versioning state (only Disabled: no MFA devices here). */
  mfaDelete: 'Disabled';
  /** The bucket policy JSON as put (enforced by src/s3/access). */
  policy: string;
  /** The LifecycleConfiguration document as S3 serves it back (src/s3/documents/lifecycle-documents.ts). */
  lifecycle: string;
  /** Set at creation (x-amz-bucket-object-lock-enabled) or on a versioning-enabled bucket. */
  objectLock: ObjectLockConfig;
  /** Owner, object ownership, ACL and Block Public Access (src/s3/access). */
  access: StoredBucketAccess;
  /** Event notifications (src/s3/events); set through putNotificationConfiguration. */
  notification: NotificationConfiguration;
}

/**
 * Digests the writer announced. A function is called after the body ended (aws-chunked trailers);
 * name its algorithm in `checksumAlgorithms` so it is computed while streaming.
 */
export interface ExpectedDigests {
  /** Content-MD5, base64. */
  contentMd5?: string;
  checksums?: Checksums;
}

export interface WriteConditions {
  /** '*': fail with PreconditionFailed if the key exists. */
  ifNoneMatch?: '*';
  /** ETag (quotes optional) the current object must have; NoSuchKey if there is none. */
  ifMatch?: string;
}

/**
 * What a write stores: a stream, or a function that reads a small request body whole, called once
 * the store has checked what it can before the body arrives. Whole bytes skip the stream stages,
 * most of what storing a few KiB costs.
 */
export type BodySource = Readable | (() => Promise<Buffer>);

export interface PutObjectInput extends WriteConditions {
  bucket: string;
  key: string;
  /** The decoded payload. If it errors, put rejects with that error and stores nothing. */
  body: BodySource;
  metadata: ObjectMetadata;
  /** Checksums to compute and store besides those in `expect`. */
  checksumAlgorithms?: ChecksumAlgorithm[];
  expect?: ExpectedDigests | (() => ExpectedDigests);
  /** x-amz-content-sha256 when it is a hash (hex): the body must have it (XAmzContentSHA256Mismatch). */
  payloadSha256?: string;
  /** The event this write is (default ObjectCreated:Put) and the request behind it (src/s3/events). */
  cause?: ChangeCause;
}

export interface CopyObjectInput extends WriteConditions {
  /** The source, open (getObject): the copy takes its bytes, whatever overwrites it meanwhile; destroyed once written. */
  source: ObjectRead;
  target: { bucket: string; key: string };
  /** The new object's metadata: the source's (directive COPY) or the request's (REPLACE). */
  metadata: ObjectMetadata;
  /** Defaults to the algorithms the source has checksums for. */
  checksumAlgorithms?: ChecksumAlgorithm[];
  cause?: ChangeCause;
}

/** A parsed Range header: bytes=start-[end] or bytes=-suffixLength. */
export type RangeRequest = { start: number; end?: number } | { suffixLength: number };
/** Inclusive byte positions actually served (Content-Range: bytes start-end/size). */
export interface ResolvedRange {
  start: number;
  end: number;
}

export interface ReadOptions {
  /** A version of a versioned object; the latest when absent. */
  versionId?: string;
  range?: RangeRequest;
  /**
   * Judges the object found before its body opens (throwing refuses the read) and names the range
   * to read from it, in place of `range`: a copy source is judged, sized and read as one version.
   */
  rangeFor?: (object: ObjectInfo) => RangeRequest | undefined;
  /** Serve one part of a multipart object (1-based; 1 is the whole body of a simple object). */
  partNumber?: number;
}

export interface ObjectHead {
  object: ObjectInfo;
  /** Set when `range` or `partNumber` selected a slice (a 206 answer). */
  range?: ResolvedRange;
}

export interface ObjectRead extends ObjectHead {
  /** Already open: consume it, or destroy() it if unused. */
  body: Readable;
}

export interface ListQuery {
  bucket: string;
  prefix?: string;
  delimiter?: string;
  /** Exclusive start: ListObjects marker, V2 start-after / decoded continuation token, key-marker. */
  startAfter?: string;
  /** 0..1000, default 1000; keys and CommonPrefixes both count. */
  maxKeys?: number;
}

export interface ListPage<O = ObjectSummary> {
  objects: O[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** When truncated: the last key or CommonPrefix returned (NextMarker; encode it as the continuation token). */
  nextStartAfter?: string;
}

/** What the version a delete removes must be (src/s3/delete-conditions.ts). */
export interface DeleteConditions {
  /** ETag without quotes, or '*'. */
  ifMatch?: string;
  lastModified?: Date;
  size?: number;
}

/** Which version a delete names, what it must be, and whether Object Lock governance may be bypassed. */
export interface DeleteOptions {
  versionId?: string;
  conditions?: DeleteConditions;
  bypassGovernance?: boolean;
  /** Canonical id of the account deleting: the owner of a delete marker it writes. */
  requester?: string;
  /** The request behind the delete, for its event (src/s3/events). */
  origin?: RequestOrigin;
}

/** What a delete did: S3's x-amz-version-id and x-amz-delete-marker answer. */
export interface DeleteOutcome {
  /** The version removed, or the delete marker written; absent in a never-versioned bucket. */
  versionId?: string;
  /** A delete marker was written, or the version removed was one. */
  deleteMarker: boolean;
}

export interface DeleteEntryOutcome extends DeleteOutcome {
  key: string;
  /** The entry failed (Object Lock, an invalid version id). */
  error?: Error;
}

export interface VersionListQuery {
  bucket: string;
  prefix?: string;
  delimiter?: string;
  keyMarker?: string;
  /** With keyMarker: continue with versions of keyMarker older than this one. */
  versionIdMarker?: string;
  /** 1..1000. */
  maxKeys: number;
}

export type VersionEntry =
  | { kind: 'version'; object: ObjectSummary & { versionId: string }; isLatest: boolean }
  | { kind: 'deleteMarker'; marker: DeleteMarkerInfo; isLatest: boolean };

export interface VersionPage {
  entries: VersionEntry[];
  commonPrefixes: string[];
  isTruncated: boolean;
  nextKeyMarker?: string;
  nextVersionIdMarker?: string;
}

export interface MultipartUpload {
  uploadId: string;
  bucket: string;
  key: string;
  initiated: Date;
  metadata: ObjectMetadata;
  checksumAlgorithm?: ChecksumAlgorithm;
  checksumType?: ChecksumType;
}

export interface CreateMultipartUploadInput {
  bucket: string;
  key: string;
  metadata: ObjectMetadata;
  checksumAlgorithm?: ChecksumAlgorithm;
  /** Default: COMPOSITE, except FULL_OBJECT for crc64nvme (as S3). */
  checksumType?: ChecksumType;
}

export interface UploadPartInput {
  bucket: string;
  key: string;
  uploadId: string;
  /** 1..10000. */
  partNumber: number;
  body: BodySource;
  checksumAlgorithms?: ChecksumAlgorithm[];
  expect?: ExpectedDigests | (() => ExpectedDigests);
  /** As PutObjectInput's. */
  payloadSha256?: string;
}

export interface PartInfo {
  partNumber: number;
  /** Hex MD5 of the part, no quotes. */
  etag: string;
  size: number;
  lastModified: Date;
  checksums: Checksums;
}

export interface ListPartsQuery {
  bucket: string;
  key: string;
  uploadId: string;
  /** Exclusive. */
  partNumberMarker?: number;
  /** Default 1000. */
  maxParts?: number;
}

export interface PartsPage {
  upload: MultipartUpload;
  parts: PartInfo[];
  isTruncated: boolean;
  nextPartNumberMarker?: number;
}

export interface ListUploadsQuery {
  bucket: string;
  prefix?: string;
  delimiter?: string;
  keyMarker?: string;
  /** With keyMarker: uploads of keyMarker after this id are listed too. */
  uploadIdMarker?: string;
  /** Default 1000. */
  maxUploads?: number;
}

export interface UploadsPage {
  uploads: MultipartUpload[];
  commonPrefixes: string[];
  isTruncated: boolean;
}

export interface CompletedPart {
  partNumber: number;
  /** As the client sent it; quotes optional. */
  etag: string;
  /** Part checksums the client listed; each must match the stored one. */
  checksums?: Checksums;
}

export interface CompleteMultipartUploadInput extends WriteConditions {
  bucket: string;
  key: string;
  uploadId: string;
  parts: CompletedPart[];
  /** Full-object checksum announced in the Complete request (FULL_OBJECT uploads). */
  expect?: ExpectedDigests;
  /** x-amz-mp-object-size: the size the listed parts must add up to (InvalidRequest otherwise). */
  expectedSize?: number;
  cause?: ChangeCause;
}

export interface BucketStats {
  name: string;
  region: string;
  createdAt: Date;
  objectCount: number;
  totalBytes: number;
}

export interface ObjectStore {
  /** Every committed object change, as it commits (src/s3/events/change-feed.ts). */
  readonly changes: ChangeFeed;
  /** The event notifications waiting for, or done with, delivery (src/s3/events/notification-outbox.ts). */
  readonly outbox: NotificationOutbox;

  // Buckets. Names are validated with validateBucketName (InvalidBucketName).
  /** objectLockEnabled: x-amz-bucket-object-lock-enabled (versioning on, for good). */
  createBucket(name: string, options?: { region?: string; objectLockEnabled?: boolean }): Promise<BucketInfo>;
  /** NoSuchBucket if absent. */
  headBucket(name: string): Promise<BucketInfo>;
  /** BucketNotEmpty while objects, versions or delete markers exist; uploads in progress go with the bucket (S3). */
  deleteBucket(name: string): Promise<void>;
  /** Sorted by name. */
  listBuckets(): Promise<BucketInfo[]>;
  getBucketConfig<K extends keyof BucketConfig>(name: string, kind: K): Promise<BucketConfig[K] | undefined>;
  /** Setting versioning the first time makes the bucket's objects null versions; InvalidBucketState suspending an Object Lock bucket. */
  putBucketConfig<K extends keyof BucketConfig>(name: string, kind: K, value: BucketConfig[K]): Promise<void>;
  deleteBucketConfig(name: string, kind: keyof BucketConfig): Promise<void>;
  /** Sets the notification configuration (an empty one removes it) and queues an s3:TestEvent per destination, at once. */
  putNotificationConfiguration(name: string, configuration: NotificationConfiguration, request: { requestId: string; hostId: string }): Promise<void>;

  // Objects.
  putObject(input: PutObjectInput): Promise<ObjectInfo>;
  /**
   * NoSuchKey (with x-amz-delete-marker when a delete marker hides the key) / NoSuchVersion /
   * MethodNotAllowed (a delete marker's version id) / InvalidArgument (a malformed version id) /
   * InvalidRange / InvalidPartNumber.
   */
  getObject(bucket: string, key: string, options?: ReadOptions): Promise<ObjectRead>;
  headObject(bucket: string, key: string, options?: ReadOptions): Promise<ObjectHead>;
  /**
   * Idempotent: a missing key or version is not an error (a missing bucket is). In a versioned
   * bucket, without a version id it writes a delete marker. AccessDenied for a locked version.
   */
  deleteObject(bucket: string, key: string, options?: DeleteOptions): Promise<DeleteOutcome>;
  deleteObjects(bucket: string, entries: { key: string; versionId?: string; conditions?: DeleteConditions }[], options?: Omit<DeleteOptions, 'versionId' | 'conditions'>): Promise<DeleteEntryOutcome[]>;
  /** Copies the bytes; the new object has `metadata` and a fresh ETag/last-modified. */
  copyObject(input: CopyObjectInput): Promise<ObjectInfo>;
  getObjectTags(bucket: string, key: string, versionId?: string): Promise<Tag[]>;
  putObjectTags(bucket: string, key: string, tags: Tag[], versionId?: string, origin?: RequestOrigin): Promise<ObjectInfo>;
  deleteObjectTags(bucket: string, key: string, versionId?: string, origin?: RequestOrigin): Promise<ObjectInfo>;
  /** Changes one version's metadata in place (no new version; ETag and Last-Modified kept); `cause` names its event, if it is one. */
  updateObject(bucket: string, key: string, versionId: string | undefined, change: (info: ObjectInfo) => ObjectInfo, cause?: ChangeCause): Promise<ObjectInfo>;

  /** One ordered query for ListObjects v1 and v2: the latest versions that are not delete markers. */
  listObjects(query: ListQuery): Promise<ListPage>;
  listObjectVersions(query: VersionListQuery): Promise<VersionPage>;

  // Multipart uploads.
  createMultipartUpload(input: CreateMultipartUploadInput): Promise<MultipartUpload>;
  /** The upload's settings (its metadata, encryption, checksum algorithm). NoSuchUpload. */
  multipartUpload(bucket: string, key: string, uploadId: string): Promise<MultipartUpload>;
  /** Re-uploading a part number replaces it. NoSuchUpload / BadDigest. */
  uploadPart(input: UploadPartInput): Promise<PartInfo>;
  listParts(query: ListPartsQuery): Promise<PartsPage>;
  listMultipartUploads(query: ListUploadsQuery): Promise<UploadsPage>;
  abortMultipartUpload(bucket: string, key: string, uploadId: string): Promise<void>;
  /**
   * InvalidPartOrder / InvalidPart / EntityTooSmall / NoSuchUpload / PreconditionFailed. Completing
   * an upload already completed answers its object again (a client whose answer was lost retries).
   */
  completeMultipartUpload(input: CompleteMultipartUploadInput): Promise<ObjectInfo>;

  // Admin.
  /**
   * Deletes every bucket, object, version and upload, and creates `buckets` anew in the same step
   * (one index transaction, taken before the first await): no request sees them missing.
   */
  reset(buckets?: readonly string[]): Promise<void>;
  bucketStats(): Promise<BucketStats[]>;
  /** The admin listing: a ListObjects page (any size) with the full metadata of each object. */
  listObjectInfos(query: ListQuery): Promise<ListPage<ObjectInfo>>;
  close(): Promise<void>;
}

export interface ObjectStoreOptions {
  /** 'fs' keeps index and bodies under dataDir; 'memory' keeps everything in this process. */
  storage: 'fs' | 'memory';
  /** Required for 'fs'. */
  dataDir?: string;
  /** Region for buckets created without a LocationConstraint. Default 'us-east-1'. */
  defaultRegion?: string;
  /** Minimum size of every part but the last, checked at Complete. Default 5 MiB (S3's). */
  minPartSize?: number;
}
