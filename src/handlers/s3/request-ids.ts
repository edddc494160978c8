import type { ServerResponse } from 'node:http';
import { newRequestIds, type S3RequestIds } from '../../s3/request-id';

/** Gives a response of the server, S3 XML or JSON extra, S3's request id headers. */
export function assignS3RequestIds(res: ServerResponse): S3RequestIds {
  const ids = newRequestIds();
  res.setHeader('x-amz-request-id', ids.requestId);
  res.setHeader('x-amz-id-2', ids.hostId);
  return ids;
}
