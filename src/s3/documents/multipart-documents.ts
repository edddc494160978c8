/**
 * Multipart upload documents: InitiateMultipartUploadResult, the CompleteMultipartUpload request
 * and its result, ListPartsResult, ListMultipartUploadsResult, CopyPartResult.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html
 */
import { S3Error } from '../errors';
import { CHECKSUM_ALGORITHMS, type Checksums, type CompletedPart, type MultipartUpload, type ObjectInfo, type PartInfo, type PartsPage, type UploadsPage } from '../store/object-store';
import { parseXml, type XmlTree } from '../xml';
import { keyEncoder } from './key-encoding';

/** S3's XML names checksums ChecksumCRC32, ChecksumCRC64NVME, ChecksumSHA256... */
const checksumElement = (algorithm: string) => `Checksum${algorithm.toUpperCase()}`;

export function checksumElements(checksums: Checksums): XmlTree {
  return Object.fromEntries(Object.entries(checksums).map(([algorithm, value]) => [checksumElement(algorithm), value]));
}

export function initiateResult(upload: MultipartUpload): XmlTree {
  return { Bucket: upload.bucket, Key: upload.key, UploadId: upload.uploadId };
}

function partNumberOf(text: unknown): number {
  const value = typeof text === 'string' ? text.trim() : '';
  if (!/^\d+$/.test(value)) throw new S3Error('MalformedXML');
  return Number(value);
}

/** The parts listed; none for an empty body (the store refuses a completion without parts). */
export function parseCompleteRequest(body: string): CompletedPart[] {
  if (body.trim() === '') return [];
  const parts = (parseXml(body, 'CompleteMultipartUpload', ['Part']).Part ?? []) as Array<Record<string, unknown>>;
  return parts.map((part) => {
    if (typeof part.ETag !== 'string') throw new S3Error('MalformedXML');
    const checksums: Checksums = {};
    for (const algorithm of CHECKSUM_ALGORITHMS) {
      const value = part[checksumElement(algorithm)];
      if (typeof value === 'string') checksums[algorithm] = value.trim();
    }
    return { partNumber: partNumberOf(part.PartNumber), etag: part.ETag.trim(), ...(Object.keys(checksums).length > 0 ? { checksums } : {}) };
  });
}

export function completeResult(object: ObjectInfo, location: string): XmlTree {
  return {
    Location: location,
    Bucket: object.bucket,
    Key: object.key,
    ETag: `"${object.etag}"`,
    ...checksumElements(object.checksums),
    ChecksumType: Object.keys(object.checksums).length > 0 ? object.checksumType : undefined,
  };
}

function part(info: PartInfo, shownChecksums: boolean): XmlTree {
  return { PartNumber: info.partNumber, LastModified: info.lastModified, ETag: `"${info.etag}"`, Size: info.size, ...(shownChecksums ? checksumElements(info.checksums) : {}) };
}

/**
 * Who owns an upload, as its Initiator element. S3 still names the initiator (DisplayName) but
 * gives the Owner element its ID alone (localstack's recordings of ListParts and
 * ListMultipartUploads from S3, February 2026).
 */
export type UploadInitiator = (upload: MultipartUpload) => { ID: string; DisplayName?: string };

function initiatorAndOwner(upload: MultipartUpload, initiatorOf: UploadInitiator): XmlTree {
  const initiator = initiatorOf(upload);
  return { Initiator: initiator, Owner: { ID: initiator.ID } };
}

export function listPartsResult(page: PartsPage, maxParts: number, partNumberMarker: number | undefined, initiatorOf: UploadInitiator): XmlTree {
  const { upload } = page;
  return {
    Bucket: upload.bucket,
    Key: upload.key,
    UploadId: upload.uploadId,
    ...initiatorAndOwner(upload, initiatorOf),
    StorageClass: upload.metadata.storageClass ?? 'STANDARD',
    PartNumberMarker: partNumberMarker ?? 0,
    NextPartNumberMarker: page.nextPartNumberMarker,
    MaxParts: maxParts,
    IsTruncated: page.isTruncated,
    ChecksumAlgorithm: upload.checksumAlgorithm?.toUpperCase(),
    ChecksumType: upload.checksumAlgorithm ? upload.checksumType : undefined,
    // S3 lists no checksum with the parts of an upload created without a checksum algorithm.
    Part: page.parts.map((info) => part(info, upload.checksumAlgorithm !== undefined)),
  };
}

export interface UploadsListing {
  prefix?: string;
  delimiter?: string;
  keyMarker?: string;
  uploadIdMarker?: string;
  maxUploads: number;
  /** encoding-type=url: keys, prefixes, the delimiter and key markers answered percent-encoded. */
  urlEncoded: boolean;
}

export function listUploadsResult(bucket: string, listing: UploadsListing, page: UploadsPage, initiatorOf: UploadInitiator): XmlTree {
  const encode = keyEncoder(listing.urlEncoded);
  const encodeIfGiven = (text: string | undefined) => (text !== undefined ? encode(text) : undefined);
  // The next markers name the last upload listed, on a last page too, and '' when the page lists
  // none, even a truncated page of CommonPrefixes (localstack's recorded answers:
  // test_list_multiparts_next_marker, test_list_multipart_uploads_marker_common_prefixes
  // 'list-multiparts-start').
  const last = page.uploads.at(-1);
  return {
    Bucket: bucket,
    KeyMarker: encode(listing.keyMarker ?? ''),
    UploadIdMarker: listing.uploadIdMarker ?? '',
    NextKeyMarker: encode(last?.key ?? ''),
    NextUploadIdMarker: last?.uploadId ?? '',
    Delimiter: encodeIfGiven(listing.delimiter),
    Prefix: encodeIfGiven(listing.prefix),
    MaxUploads: listing.maxUploads,
    IsTruncated: page.isTruncated,
    Upload: page.uploads.map((upload) => ({
      Key: encode(upload.key),
      UploadId: upload.uploadId,
      ...initiatorAndOwner(upload, initiatorOf),
      StorageClass: upload.metadata.storageClass ?? 'STANDARD',
      Initiated: upload.initiated,
      ChecksumAlgorithm: upload.checksumAlgorithm?.toUpperCase(),
    })),
    CommonPrefixes: page.commonPrefixes.length > 0 ? page.commonPrefixes.map((prefix) => ({ Prefix: encode(prefix) })) : undefined,
    EncodingType: listing.urlEncoded ? 'url' : undefined,
  };
}

export function copyPartResult(info: PartInfo): XmlTree {
  return { ETag: `"${info.etag}"`, LastModified: info.lastModified, ...checksumElements(info.checksums) };
}
