/** ListObjects (v1), ListObjectsV2 and ListObjectVersions: one ordered store query, three documents. */
import { parseListParameters, renderListResult, type ListVersion } from '../../s3/documents/listing-documents';
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

export const listingHandlers = {
  ListObjects: listing('v1'),
  ListObjectsV2: listing('v2'),
  ListObjectVersions: listing('versions'),
};
