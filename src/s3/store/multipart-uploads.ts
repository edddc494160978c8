/**
 * Multipart uploads (S3 CreateMultipartUpload, UploadPart, ListParts, ListMultipartUploads,
 * AbortMultipartUpload, CompleteMultipartUpload). Parts are bodies of their own; Complete checks
 * the part list as S3 does, makes the listed parts one composite body (composite-body.ts, no copy)
 * and commits the object and the end of the upload in one index transaction, which hands the
 * parts from the upload to the object.
 */
import { createHash } from 'node:crypto';
import { type BodyStore, commitOrDiscard, writeDigestedBody } from './body-store';
import { compositeChecksum, Digester, loadCrcs } from './digest-stream';
import { combinedCrc, isCrc } from './crc-combine';
import { S3Error } from '../errors';
import { BadDigest, EntityTooSmall, InvalidArgument, InvalidPart, InvalidPartOrder, NoSuchUpload } from './errors';
import type { MetadataIndex } from './metadata-index';
import type {
  ChecksumAlgorithm,
  Checksums,
  ChecksumType,
  CompletedPart,
  CompleteMultipartUploadInput,
  CreateMultipartUploadInput,
  ExpectedDigests,
  ListPartsQuery,
  ListUploadsQuery,
  MultipartUpload,
  ObjectInfo,
  ObjectMetadata,
  PartInfo,
  PartsPage,
  UploadPartInput,
  UploadsPage,
} from './object-store';
import { nowToTheSecond } from './second-clock';
import { newUploadId, type PartRecord, type UploadIndex } from './upload-index';

const MAX_PART_NUMBER = 10000;

/**
 * An upload's checksum type: the one asked for, refused as S3 refuses it (a type needs an
 * algorithm, FULL_OBJECT a CRC since SHA digests do not combine, and CRC64NVME has no COMPOSITE),
 * else S3's default: FULL_OBJECT for CRC64NVME, COMPOSITE for the other algorithms.
 */
export function uploadChecksumType(algorithm: ChecksumAlgorithm | undefined, requested: ChecksumType | undefined): ChecksumType | undefined {
  if (!algorithm) {
    if (requested) throw new S3Error('InvalidRequest', 'The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.');
    return undefined;
  }
  if (!requested) return algorithm === 'crc64nvme' ? 'FULL_OBJECT' : 'COMPOSITE';
  const supported = requested === 'FULL_OBJECT' ? isCrc(algorithm) : algorithm !== 'crc64nvme';
  if (!supported) throw new S3Error('InvalidRequest', `The ${requested} checksum type cannot be used with the ${algorithm} checksum algorithm.`);
  return requested;
}

export class MultipartUploads {
  constructor(
    private readonly index: MetadataIndex,
    private readonly uploads: UploadIndex,
    private readonly bodies: BodyStore,
    private readonly minPartSize: number,
    private readonly withBucketDefaults: (bucket: string, metadata: ObjectMetadata) => ObjectMetadata,
  ) {}

  async create(input: CreateMultipartUploadInput): Promise<MultipartUpload> {
    const { bucket, key, checksumAlgorithm } = input;
    const initiated = nowToTheSecond();
    const upload: MultipartUpload = {
      uploadId: newUploadId(),
      bucket,
      key,
      initiated,
      metadata: this.withBucketDefaults(bucket, input.metadata),
      checksumAlgorithm,
      checksumType: uploadChecksumType(checksumAlgorithm, input.checksumType),
    };
    this.uploads.createUpload(upload);
    return upload;
  }

  upload(bucket: string, key: string, uploadId: string): MultipartUpload {
    return this.uploads.upload(bucket, key, uploadId);
  }

  async uploadPart(input: UploadPartInput): Promise<PartInfo> {
    const { bucket, key, uploadId, partNumber } = input;
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
      throw new InvalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', String(partNumber));
    }
    const upload = this.uploads.upload(bucket, key, uploadId);
    const algorithms = [...(input.checksumAlgorithms ?? []), ...(upload.checksumAlgorithm ? [upload.checksumAlgorithm] : [])];
    const { bodyId, digests } = await writeDigestedBody(this.bodies, input.body, algorithms, input.expect, { payloadSha256: input.payloadSha256 }).catch((error: unknown) => {
      throw error instanceof BadDigest ? error.ofPart() : error;
    });
    const info: PartInfo = {
      partNumber,
      etag: digests.md5!.toString('hex'),
      size: digests.size,
      lastModified: nowToTheSecond(),
      checksums: digests.checksums,
    };
    await commitOrDiscard(this.bodies, bodyId, () =>
      this.index.transaction(() => {
        this.uploads.upload(bucket, key, uploadId); // not aborted or completed meanwhile
        return [this.uploads.putPart(uploadId, { info, bodyId })];
      }),
    );
    return info;
  }

  async listParts(query: ListPartsQuery): Promise<PartsPage> {
    const upload = this.uploads.upload(query.bucket, query.key, query.uploadId);
    const maxParts = Math.min(query.maxParts ?? 1000, 1000);
    const records = this.uploads.parts(query.uploadId, query.partNumberMarker ?? 0, maxParts + 1);
    const parts = records.slice(0, maxParts).map((record) => record.info);
    const isTruncated = records.length > maxParts;
    return { upload, parts, isTruncated, nextPartNumberMarker: isTruncated ? parts[parts.length - 1].partNumber : undefined };
  }

  async listUploads(query: ListUploadsQuery): Promise<UploadsPage> {
    this.index.bucket(query.bucket);
    if (query.maxUploads === 0) return { uploads: [], commonPrefixes: [], isTruncated: false };
    return this.uploads.listUploads({ ...query, maxUploads: Math.min(query.maxUploads ?? 1000, 1000) });
  }

  async abort(bucket: string, key: string, uploadId: string): Promise<void> {
    const partBodies = this.index.transaction(() => {
      this.uploads.upload(bucket, key, uploadId);
      return this.uploads.removeUpload(uploadId);
    });
    for (const bodyId of partBodies) await this.bodies.remove(bodyId);
  }

  async complete(input: CompleteMultipartUploadInput): Promise<ObjectInfo> {
    const { bucket, key, uploadId } = input;
    const upload = this.uploadOrCompleted(bucket, key, uploadId);
    if ('etag' in upload) return upload;
    // S3 answers an unknown upload NoSuchUpload before it looks at the parts (localstack's recorded
    // answers: test_multipart_no_such_upload 'complete-exc', test_multipart_complete_multipart_too_small
    // 'complete-exc-no-parts').
    if (input.parts.length === 0) throw new S3Error('InvalidRequest', 'You must specify at least one part');
    const records = this.checkPartList(upload, input.parts);
    assertExpectedSize(records, input.expectedSize);
    this.index.checkWriteConditions(bucket, key, input);
    const algorithm = upload.checksumAlgorithm;
    const fullObject = upload.checksumType === 'FULL_OBJECT';
    const composite = algorithm && !fullObject ? await this.compositeChecksums(algorithm, records, input.expect?.checksums) : {};
    // The object's body is its parts, in the listed order: no byte is copied.
    const bodyId = await this.bodies.compose(records.map(({ bodyId: id, info: part }) => ({ id, size: part.size })));
    const discard = () => this.bodies.uncompose(bodyId);
    let checksums = composite;
    if (fullObject && algorithm) {
      try {
        checksums = await this.fullObjectChecksums(bodyId, algorithm, records, input.expect);
      } catch (error) {
        await discard();
        throw error;
      }
    }
    const info = completedObject(upload, records, checksums);
    let committed = info;
    await commitOrDiscard(
      this.bodies,
      bodyId,
      () =>
        this.index.transaction(() => {
          // The listed parts pass from the upload to the object here; the parts left out go.
          const partBodies = new Set(this.uploads.removeUpload(uploadId));
          // A part uploaded again since it was checked has a new body: S3 no longer has the part as listed.
          const replaced = records.find((record) => !partBodies.delete(record.bodyId));
          if (replaced) throw new InvalidPart(uploadId, replaced.info.partNumber, replaced.info.etag);
          const result = this.index.commitObject({ info, bodyId }, input, input.cause ?? { eventName: 'ObjectCreated:CompleteMultipartUpload' });
          this.uploads.recordCompleted(uploadId, result.info);
          committed = result.info;
          return [...result.obsolete, ...partBodies];
        }),
      discard,
    );
    return committed;
  }

  /** The upload in progress, or the object it became if it was completed already. NoSuchUpload. */
  private uploadOrCompleted(bucket: string, key: string, uploadId: string): MultipartUpload | ObjectInfo {
    try {
      return this.uploads.upload(bucket, key, uploadId);
    } catch (error) {
      const completed = error instanceof NoSuchUpload ? this.uploads.completed(bucket, key, uploadId) : undefined;
      if (!completed) throw error;
      return completed;
    }
  }

  /**
   * S3's checks, in S3's order: ascending part numbers; parts that exist as listed, each with the
   * upload's checksum where it has an algorithm; minimum sizes.
   */
  private checkPartList(upload: MultipartUpload, listed: CompletedPart[]): PartRecord[] {
    listed.forEach((part, i) => {
      if (i > 0 && part.partNumber <= listed[i - 1].partNumber) throw new InvalidPartOrder(upload.uploadId);
    });
    const stored = new Map(this.uploads.parts(upload.uploadId).map((record) => [record.info.partNumber, record]));
    const records = listed.map((part) => {
      const record = stored.get(part.partNumber);
      if (!record || part.etag.replace(/"/g, '') !== record.info.etag) {
        throw new InvalidPart(upload.uploadId, part.partNumber, part.etag);
      }
      const algorithm = upload.checksumAlgorithm;
      if (algorithm && part.checksums?.[algorithm] === undefined) {
        throw new S3Error('InvalidRequest', `The upload was created using a ${algorithm} checksum. The complete request must include the checksum for each part. It was missing for part ${part.partNumber} in the request.`);
      }
      for (const [algorithm, value] of Object.entries(part.checksums ?? {})) {
        if (record.info.checksums[algorithm as ChecksumAlgorithm] !== value) {
          throw new InvalidPart(upload.uploadId, part.partNumber, part.etag);
        }
      }
      return record;
    });
    records.slice(0, -1).forEach(({ info }) => {
      if (info.size < this.minPartSize) throw new EntityTooSmall(info.partNumber, info.etag, info.size, this.minPartSize);
    });
    return records;
  }

  /** COMPOSITE checksum from the part checksums; a value announced at Complete must match it. */
  private async compositeChecksums(algorithm: ChecksumAlgorithm, records: PartRecord[], expected?: Checksums): Promise<Checksums> {
    const value = await compositeChecksum(
      algorithm,
      records.map(({ info }) => info.checksums[algorithm] ?? ''),
    );
    const announced = expected?.[algorithm];
    if (announced !== undefined && announced !== value && `${announced}-${records.length}` !== value) {
      throw new BadDigest(algorithm);
    }
    return { [algorithm]: value };
  }

  /**
   * FULL_OBJECT checksum. A CRC follows from the parts' own CRCs and sizes, as S3 computes it,
   * without reading them (each part is digested with the upload's algorithm as it arrives). The
   * parts are read through only for a SHA upload, which S3 refuses at creation but an earlier
   * standin accepted, or where a part lacks the CRC. A value announced at Complete must match.
   */
  private async fullObjectChecksums(bodyId: string, algorithm: ChecksumAlgorithm, records: PartRecord[], expected?: ExpectedDigests): Promise<Checksums> {
    const parts = records.map(({ info }) => ({ checksum: info.checksums[algorithm], size: info.size }));
    if (isCrc(algorithm) && parts.every((part): part is { checksum: string; size: number } => part.checksum !== undefined)) {
      const value = combinedCrc(algorithm, parts);
      const announced = expected?.checksums?.[algorithm];
      if (announced !== undefined && announced !== value) throw new BadDigest(algorithm);
      return { [algorithm]: value };
    }
    const digester = new Digester(await loadCrcs(), [algorithm], expected, { md5: false });
    for await (const chunk of await this.bodies.open(bodyId)) digester.update(chunk as Buffer);
    return (await digester.finish()).checksums;
  }
}

/** The object a Complete makes: the upload's metadata, the parts' sizes, ETag and boundaries. */
/** S3 refuses to complete an upload whose listed parts do not add up to x-amz-mp-object-size. */
function assertExpectedSize(records: PartRecord[], expectedSize: number | undefined): void {
  if (expectedSize === undefined) return;
  const size = records.reduce((total, { info }) => total + info.size, 0);
  if (size !== expectedSize) {
    throw new S3Error('InvalidRequest', `The provided 'x-amz-mp-object-size' header value ${expectedSize} does not match what was computed: ${size}`);
  }
}

function completedObject(upload: MultipartUpload, records: PartRecord[], checksums: Checksums): ObjectInfo {
  return {
    ...upload.metadata,
    bucket: upload.bucket,
    key: upload.key,
    size: records.reduce((total, { info: part }) => total + part.size, 0),
    etag: multipartEtag(records),
    lastModified: nowToTheSecond(),
    checksums,
    checksumType: upload.checksumType,
    parts: records.map(({ info: part }) => ({
      partNumber: part.partNumber,
      size: part.size,
      ...(Object.keys(part.checksums).length > 0 ? { checksums: part.checksums } : {}),
    })),
  };
}

/** S3's multipart ETag: MD5 of the concatenated binary part MD5s, then '-' and the part count. */
function multipartEtag(records: PartRecord[]): string {
  const md5 = createHash('md5');
  for (const { info } of records) md5.update(Buffer.from(info.etag, 'hex'));
  return `${md5.digest('hex')}-${records.length}`;
}
