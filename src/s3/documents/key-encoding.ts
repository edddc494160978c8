/**
 * encoding-type=url, which the listings (ListObjects, ListObjectsV2, ListObjectVersions,
 * ListMultipartUploads) take so that keys holding characters XML 1.0 cannot carry come back
 * intact: S3 then percent-encodes the keys, prefixes, delimiter and key markers it answers.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html (EncodingType)
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html (EncodingType)
 */
import { awsUriEncode } from '../auth/uri-encoding';
import { S3Error } from '../errors';
import { queryValue, type QueryPairs } from '../http-request';

/** Whether the request asks for encoding-type=url; `url` is the only encoding S3 knows. */
export function urlEncodingRequested(query: QueryPairs): boolean {
  const encodingType = queryValue(query, 'encoding-type');
  if (encodingType !== undefined && encodingType !== 'url') {
    throw new S3Error('InvalidArgument', 'Invalid Encoding Method specified in Request', { ArgumentName: 'encoding-type', ArgumentValue: encodingType });
  }
  return encodingType === 'url';
}

/** With encoding-type=url, keys and prefixes are percent-encoded ('/' kept, space as %20); else as they are. */
export function keyEncoder(urlEncoded: boolean): (text: string) => string {
  return urlEncoded ? (text) => text.split('/').map(awsUriEncode).join('/') : (text) => text;
}
