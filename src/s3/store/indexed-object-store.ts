/**
 * The ObjectStore: a SQLite metadata index plus a BodyStore (files or memory). See the design
 * notes at the top of object-store.ts. Multipart uploads live in multipart-uploads.ts.
 */
import { randomBytes } from 'node:crypto';
import type { ChangeCause, ChangeFeed, NotificationConfiguration, NotificationOutbox, RequestOrigin } from '../events';
import { bucketNameProblem } from './bucket-name';
import { BodyGone, type BodyStore, commitOrDiscard, writeDigestedBody } from './body-store';
import { resolveReadRange } from './byte-range';
import { InvalidBucketName, InvalidVersionId, NoSuchVersion } from './errors';
import type { MetadataIndex } from './metadata-index';
import { MultipartUploads } from './multipart-uploads';
import { SSE_S3_BY_DEFAULT } from './object-store';
import type {
  BucketConfig,
  BucketInfo,
  BucketStats,
  ChecksumAlgorithm,
  CompleteMultipartUploadInput,
  CopyObjectInput,
  CreateMultipartUploadInput,
  DeleteConditions,
  DeleteEntryOutcome,
  DeleteOptions,
  DeleteOutcome,
  ListPage,
  ListPartsQuery,
  ListQuery,
  ListUploadsQuery,
  MultipartUpload,
  ObjectHead,
  ObjectInfo,
  ObjectMetadata,
  ObjectRead,
  ObjectStore,
  PartInfo,
  PartsPage,
  PutObjectInput,
  ReadOptions,
  ServerSideEncryption,
  Tag,
  UploadPartInput,
  UploadsPage,
  VersionListQuery,
  VersionPage,
} from './object-store';
import { nowToTheSecond } from './second-clock';
import { UploadIndex } from './upload-index';

/**
 * What S3 stores for an object written (PutObject, POST, CopyObject) without any checksum: a
 * CRC64NVME of the whole object, served like one the client sent.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 */
const DEFAULT_CHECKSUM_ALGORITHMS: ChecksumAlgorithm[] = ['crc64nvme'];

/**
 * The ETag of an object written whole: the MD5 of its bytes, but for SSE-C and SSE-KMS objects,
 * whose ETags S3 says are not an MD5 digest of their data (a client must not check one against
 * the bytes it sent). Those get 32 random hex digits, of the same form.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_Object.html (ETag)
 */
function wholeObjectEtag(sse: ServerSideEncryption | undefined, md5: Buffer): string {
  const opaque = sse?.customerAlgorithm !== undefined || sse?.algorithm?.startsWith('aws:kms') === true;
  return (opaque ? randomBytes(16) : md5).toString('hex');
}

export class IndexedObjectStore implements ObjectStore {
  private readonly multipart: MultipartUploads;
  readonly changes: ChangeFeed;
  readonly outbox: NotificationOutbox;

  constructor(
    private readonly index: MetadataIndex,
    private readonly bodies: BodyStore,
    private readonly options: { defaultRegion: string; minPartSize: number },
  ) {
    this.changes = index.journal.feed;
    this.outbox = index.outbox;
    this.multipart = new MultipartUploads(index, new UploadIndex(index.db), bodies, options.minPartSize, (bucket, metadata) =>
      this.withBucketDefaults(bucket, metadata),
    );
  }

  // Buckets.

  async createBucket(name: string, options: { region?: string; objectLockEnabled?: boolean } = {}): Promise<BucketInfo> {
    const problem = bucketNameProblem(name);
    if (problem) throw new InvalidBucketName(name, problem);
    return this.index.transaction(() => {
      const bucket = this.index.createBucket(name, options.region ?? this.options.defaultRegion, nowToTheSecond());
      // S3: a bucket created with Object Lock has versioning enabled, for good.
      if (options.objectLockEnabled) {
        this.index.setVersioning(name, 'Enabled');
        this.index.updateBucketConfig(name, (config) => {
          config.objectLock = { enabled: true };
        });
      }
      return bucket;
    });
  }

  async headBucket(name: string): Promise<BucketInfo> {
    return this.index.bucket(name);
  }

  async deleteBucket(name: string): Promise<void> {
    for (const bodyId of this.index.deleteBucket(name)) await this.bodies.remove(bodyId);
  }

  async listBuckets(): Promise<BucketInfo[]> {
    return this.index.listBuckets();
  }

  async getBucketConfig<K extends keyof BucketConfig>(name: string, kind: K): Promise<BucketConfig[K] | undefined> {
    return this.index.bucketConfig(name)[kind];
  }

  async putBucketConfig<K extends keyof BucketConfig>(name: string, kind: K, value: BucketConfig[K]): Promise<void> {
    if (kind === 'versioning') return this.index.setVersioning(name, value as BucketConfig['versioning']);
    this.index.updateBucketConfig(name, (config) => {
      config[kind] = value;
    });
  }

  async deleteBucketConfig(name: string, kind: keyof BucketConfig): Promise<void> {
    this.index.updateBucketConfig(name, (config) => {
      delete config[kind];
    });
  }

  async putNotificationConfiguration(name: string, configuration: NotificationConfiguration, request: { requestId: string; hostId: string }): Promise<void> {
    this.index.putNotificationConfiguration(name, configuration, request);
  }

  // Objects.

  async putObject(input: PutObjectInput): Promise<ObjectInfo> {
    const { bucket, key } = input;
    // Fail before streaming when we already know the answer; checked again at commit.
    this.index.checkWriteConditions(bucket, key, input);
    const metadata = this.withBucketDefaults(bucket, input.metadata);
    // Checksums known only after the body (trailers) are always announced in checksumAlgorithms.
    const expected = typeof input.expect === 'object' ? Object.keys(input.expect.checksums ?? {}) : [];
    const checksummed = (input.checksumAlgorithms?.length ?? 0) > 0 || expected.length > 0;
    const algorithms = checksummed ? (input.checksumAlgorithms ?? []) : DEFAULT_CHECKSUM_ALGORITHMS;
    const { bodyId, digests } = await writeDigestedBody(this.bodies, input.body, algorithms, input.expect, { payloadSha256: input.payloadSha256 });
    const info: ObjectInfo = {
      ...metadata,
      bucket,
      key,
      size: digests.size,
      etag: wholeObjectEtag(metadata.sse, digests.md5!),
      lastModified: nowToTheSecond(),
      checksums: digests.checksums,
    };
    let committed = info;
    await commitOrDiscard(this.bodies, bodyId, async () => {
      const result = await this.index.commitObjectInGroup({ info, bodyId }, input, input.cause);
      committed = result.info;
      return result.obsolete;
    });
    return committed;
  }

  async getObject(bucket: string, key: string, options: ReadOptions = {}): Promise<ObjectRead> {
    // A concurrent overwrite may remove the body between reading the row and opening it: re-read,
    // as long as the row moved on (a body missing under an unchanged row is a real fault).
    let goneBodyId: string | undefined;
    for (;;) {
      const { object, bodyId, range } = this.locate(bucket, key, options);
      try {
        return { object, range, body: await this.bodies.open(bodyId, range) };
      } catch (error) {
        if (!(error instanceof BodyGone) || bodyId === goneBodyId) throw error;
        goneBodyId = bodyId;
      }
    }
  }

  async headObject(bucket: string, key: string, options: ReadOptions = {}): Promise<ObjectHead> {
    const { object, range } = this.locate(bucket, key, options);
    return { object, range };
  }

  async deleteObject(bucket: string, key: string, options: DeleteOptions = {}): Promise<DeleteOutcome> {
    const { obsolete, ...outcome } = this.index.deleteObject(bucket, key, options);
    for (const bodyId of obsolete) if (bodyId) await this.bodies.remove(bodyId);
    return outcome;
  }

  /**
   * Each entry on its own: one refused by Object Lock does not stop the others (S3 DeleteObjects).
   * A version id the store could not have issued is reported NoSuchVersion here, as S3 does.
   */
  async deleteObjects(bucket: string, entries: { key: string; versionId?: string; conditions?: DeleteConditions }[], options: Omit<DeleteOptions, 'versionId' | 'conditions'> = {}): Promise<DeleteEntryOutcome[]> {
    this.index.bucket(bucket);
    const outcomes: DeleteEntryOutcome[] = [];
    for (const { key, versionId, conditions } of entries) {
      try {
        outcomes.push({ key, ...(await this.deleteObject(bucket, key, { ...options, versionId, conditions })) });
      } catch (error) {
        const reported = error instanceof InvalidVersionId ? new NoSuchVersion(key, error.versionId) : (error as Error);
        outcomes.push({ key, versionId, deleteMarker: false, error: reported });
      }
    }
    return outcomes;
  }

  async copyObject(input: CopyObjectInput): Promise<ObjectInfo> {
    const { object, body } = input.source;
    try {
      return await this.putObject({
        ...input.target,
        body,
        metadata: input.metadata,
        checksumAlgorithms: input.checksumAlgorithms ?? (Object.keys(object.checksums) as ChecksumAlgorithm[]),
        ifMatch: input.ifMatch,
        ifNoneMatch: input.ifNoneMatch,
        cause: input.cause ?? { eventName: 'ObjectCreated:Copy' },
      });
    } finally {
      body.destroy(); // releases the source file if the put failed before reading it
    }
  }

  async getObjectTags(bucket: string, key: string, versionId?: string): Promise<Tag[]> {
    return (await this.headObject(bucket, key, { versionId })).object.tags ?? [];
  }

  /** S3 keeps ETag and Last-Modified when only the tags change. */
  async putObjectTags(bucket: string, key: string, tags: Tag[], versionId?: string, origin?: RequestOrigin): Promise<ObjectInfo> {
    return this.updateObject(bucket, key, versionId, (info) => ({ ...info, tags }), { eventName: 'ObjectTagging:Put', origin });
  }

  async deleteObjectTags(bucket: string, key: string, versionId?: string, origin?: RequestOrigin): Promise<ObjectInfo> {
    return this.updateObject(bucket, key, versionId, (info) => ({ ...info, tags: [] }), { eventName: 'ObjectTagging:Delete', origin });
  }

  async updateObject(bucket: string, key: string, versionId: string | undefined, change: (info: ObjectInfo) => ObjectInfo, cause?: ChangeCause): Promise<ObjectInfo> {
    return this.index.updateObjectMeta(bucket, key, versionId, change, cause);
  }

  async listObjectVersions(query: VersionListQuery): Promise<VersionPage> {
    if (query.maxKeys === 0) {
      this.index.bucket(query.bucket);
      return { entries: [], commonPrefixes: [], isTruncated: false };
    }
    return this.index.listVersions({ ...query, maxKeys: Math.min(query.maxKeys, 1000) });
  }

  async listObjects(query: ListQuery): Promise<ListPage> {
    // S3 answers max-keys=0 with an empty, untruncated page.
    if (query.maxKeys === 0) {
      this.index.bucket(query.bucket);
      return { objects: [], commonPrefixes: [], isTruncated: false };
    }
    return this.index.listObjects({ ...query, maxKeys: Math.min(query.maxKeys ?? 1000, 1000) });
  }

  // Multipart uploads.

  createMultipartUpload(input: CreateMultipartUploadInput): Promise<MultipartUpload> {
    return this.multipart.create(input);
  }

  async multipartUpload(bucket: string, key: string, uploadId: string): Promise<MultipartUpload> {
    return this.multipart.upload(bucket, key, uploadId);
  }

  uploadPart(input: UploadPartInput): Promise<PartInfo> {
    return this.multipart.uploadPart(input);
  }

  listParts(query: ListPartsQuery): Promise<PartsPage> {
    return this.multipart.listParts(query);
  }

  async listMultipartUploads(query: ListUploadsQuery): Promise<UploadsPage> {
    return this.multipart.listUploads(query);
  }

  abortMultipartUpload(bucket: string, key: string, uploadId: string): Promise<void> {
    return this.multipart.abort(bucket, key, uploadId);
  }

  completeMultipartUpload(input: CompleteMultipartUploadInput): Promise<ObjectInfo> {
    return this.multipart.complete(input);
  }

  // Admin.

  async reset(buckets: readonly string[] = []): Promise<void> {
    const bodyIds = this.index.transaction(() => {
      const referenced = this.index.clear();
      for (const name of new Set(buckets)) this.index.createBucket(name, this.options.defaultRegion, nowToTheSecond());
      return referenced;
    });
    for (const bodyId of bodyIds) await this.bodies.remove(bodyId);
  }

  async bucketStats(): Promise<BucketStats[]> {
    return this.index.bucketStats();
  }

  async listObjectInfos(query: ListQuery): Promise<ListPage<ObjectInfo>> {
    return this.index.listObjectInfos(query);
  }

  async close(): Promise<void> {
    this.bodies.close(); // first: small bodies still staged go into the index's file
    this.index.close();
  }

  private locate(bucket: string, key: string, options: ReadOptions) {
    const record = this.index.currentOrVersion(bucket, key, options.versionId);
    const range = options.rangeFor ? options.rangeFor(record.info) : options.range;
    return { object: record.info, bodyId: record.bodyId, range: resolveReadRange(record.info, { ...options, range }) };
  }

  /** A bucket's default encryption, SSE-S3 unless PutBucketEncryption set another, applies to writes that ask for none. */
  private withBucketDefaults(bucket: string, metadata: ObjectMetadata): ObjectMetadata {
    const encryption = this.index.bucketConfig(bucket).encryption ?? SSE_S3_BY_DEFAULT;
    if (metadata.sse?.algorithm || metadata.sse?.customerAlgorithm) return metadata;
    return { ...metadata, sse: { ...metadata.sse, ...encryption } };
  }
}
