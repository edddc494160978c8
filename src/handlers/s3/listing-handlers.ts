/** ListObjects (v1), ListObjectsV2 and ListObjectVersions: ordered store queries, three documents. */
import { parseListParameters, renderListResult, renderVersionsResult, type ListVersion } from '../../s3/documents/listing-documents';
import { bucketOf, type S3Handler } from './s3-call';
import { sendXml } from './s3-responses';

function listing(version: ListVersion): S3Handler {
  return async (call) => {
    const bucket = bucketOf(call);
    const params = parseListParameters(bucket, call.wire.query, version);
    const page = await call.services.store.listObjects(params.store);
    const { root, body } = renderListResult(bucket, params, page);
    sendXml(call.res, root, body);
  };
}

const ListObjectVersions: S3Handler = async (call) => {
  const bucket = bucketOf(call);
  const params = parseListParameters(bucket, call.wire.query, 'versions');
  const { prefix, delimiter, maxKeys = 1000 } = params.store;
  const page = await call.services.store.listObjectVersions({ bucket, prefix, delimiter, keyMarker: params.marker || undefined, versionIdMarker: params.versionIdMarker, maxKeys });
  sendXml(call.res, 'ListVersionsResult', renderVersionsResult(bucket, params, page));
};

export const listingHandlers = {
  ListObjects: listing('v1'),
  ListObjectsV2: listing('v2'),
  ListObjectVersions,
};
