/** ListObjects (v1), ListObjectsV2 and ListObjectVersions: ordered store queries, three documents. */
import { parseListParameters, renderListResult, renderVersionsResult, type EntryOwner, type ListVersion } from '../../s3/documents/listing-documents';
import { bucketOf, type S3Call, type S3Handler } from './s3-call';
import { sendXml } from './s3-responses';

/**
 * An entry's owner: the account that wrote it (or the delete marker) where the bucket's ACLs are
 * enabled, else (and for entries written before owners were stored) the bucket owner.
 */
async function entryOwners(call: S3Call): Promise<EntryOwner> {
  const { access } = call.services;
  const bucket = await access.existingBucketAccess(bucketOf(call));
  return (canonicalId) => ({ ID: bucket.aclsEnabled ? (canonicalId ?? bucket.owner) : bucket.owner });
}

function listing(version: ListVersion): S3Handler {
  return async (call) => {
    const bucket = bucketOf(call);
    const params = parseListParameters(bucket, call.wire.query, version);
    const page = await call.services.store.listObjects(params.store);
    const { root, body } = renderListResult(bucket, params, page, await entryOwners(call));
    sendXml(call.res, root, body);
  };
}

const ListObjectVersions: S3Handler = async (call) => {
  const bucket = bucketOf(call);
  const params = parseListParameters(bucket, call.wire.query, 'versions');
  const { prefix, delimiter, maxKeys = 1000 } = params.store;
  const page = await call.services.store.listObjectVersions({ bucket, prefix, delimiter, keyMarker: params.marker || undefined, versionIdMarker: params.versionIdMarker, maxKeys });
  sendXml(call.res, 'ListVersionsResult', renderVersionsResult(bucket, params, page, await entryOwners(call)));
};

export const listingHandlers = {
  ListObjects: listing('v1'),
  ListObjectsV2: listing('v2'),
  ListObjectVersions,
};
