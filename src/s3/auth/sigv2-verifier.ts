/**
 * Verifies SigV2 (HMAC-SHA1) requests, header `Authorization: AWS key:signature` and query
 * `?AWSAccessKeyId=&Signature=&Expires=` — older clients and boto3 presigned URLs still use it.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/RESTAuthentication.html
 */
import { createHmac } from 'node:crypto';
import { S3Error } from '../errors';
import { header, headerValues, queryValue, type S3HttpRequest } from '../http-request';
import type { Credentials } from './credentials';
import { assertWithinSkew, errorTimestamp, parseHttpDate } from './request-time';
import { signaturesEqual } from './signature-compare';
import { spacedHexBytes } from './sigv4-signing';

/** Query parameters that are part of the signed resource (botocore's HmacV1 list). */
const SIGNED_SUBRESOURCES = new Set([
  'accelerate', 'acl', 'analytics', 'cors', 'defaultObjectAcl', 'delete', 'encryption', 'inventory',
  'lifecycle', 'location', 'logging', 'metrics', 'notification', 'object-lock', 'partNumber', 'policy',
  'replication', 'requestPayment', 'response-cache-control', 'response-content-disposition',
  'response-content-encoding', 'response-content-language', 'response-content-type', 'response-expires',
  'restore', 'select', 'select-type', 'storageClass', 'tagging', 'torrent', 'uploadId', 'uploads',
  'versionId', 'versioning', 'versions', 'website',
]);

export interface SigV2Input {
  request: S3HttpRequest;
  /** The bucket named by the Host header (virtual-host style), which the signed resource includes. */
  virtualHostBucket?: string;
  credentials: Credentials;
  now: Date;
}

function canonicalizedAmzHeaders(request: S3HttpRequest): string {
  const names = new Set<string>();
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i].toLowerCase();
    if (name.startsWith('x-amz-')) names.add(name);
  }
  return [...names]
    .sort()
    .map((name) => `${name}:${headerValues(request, name).map((v) => v.trim()).join(',')}\n`)
    .join('');
}

function canonicalizedResource(request: S3HttpRequest, virtualHostBucket: string | undefined, bucketSlash = false): string {
  const path = virtualHostBucket ? `/${virtualHostBucket}${request.rawPath}` : `${request.rawPath}${bucketSlash ? '/' : ''}`;
  const subresources = request.query
    .filter(([name]) => SIGNED_SUBRESOURCES.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => (value === '' ? name : `${name}=${value}`));
  return subresources.length > 0 ? `${path}?${subresources.join('&')}` : path;
}

function verify(input: SigV2Input, accessKeyId: string, provided: string, dateLine: string): string {
  const secret = input.credentials.get(accessKeyId);
  if (secret === undefined) throw new S3Error('InvalidAccessKeyId', undefined, { AWSAccessKeyId: accessKeyId });
  const { request } = input;
  const stringToSign = (bucketSlash: boolean) =>
    [
      request.method.toUpperCase(),
      header(request, 'content-md5') ?? '',
      header(request, 'content-type') ?? '',
      dateLine,
      canonicalizedAmzHeaders(request) + canonicalizedResource(request, input.virtualHostBucket, bucketSlash),
    ].join('\n');
  const signed = (toSign: string) => signaturesEqual(createHmac('sha1', secret).update(toSign, 'utf8').digest('base64'), provided);
  const toSign = stringToSign(false);
  // botocore signs a path-style bucket request (CreateBucket with a LocationConstraint) as its
  // virtual-host form, whose resource is `/bucket/`: that names the same bucket.
  const bucketOnly = !input.virtualHostBucket && /^\/[^/]+$/.test(request.rawPath);
  if (!signed(toSign) && !(bucketOnly && signed(stringToSign(true)))) {
    throw new S3Error('SignatureDoesNotMatch', undefined, {
      AWSAccessKeyId: accessKeyId,
      StringToSign: toSign,
      SignatureProvided: provided,
      StringToSignBytes: spacedHexBytes(toSign),
    });
  }
  return accessKeyId;
}

/** `Authorization: AWS AKID:base64signature`; returns the access key id. */
export function verifySigV2Header(input: SigV2Input, authorization: string): string {
  const credential = authorization.slice('AWS '.length).trim();
  const colon = credential.lastIndexOf(':');
  if (colon <= 0 || colon === credential.length - 1) {
    throw new S3Error('InvalidArgument', 'AWS authorization header is invalid.  Expected AwsAccessKeyId:signature', {
      ArgumentName: 'Authorization',
      ArgumentValue: authorization,
    });
  }
  const amzDate = header(input.request, 'x-amz-date');
  const date = header(input.request, 'date');
  const requestTime = parseHttpDate(amzDate ?? date ?? '');
  if (!requestTime) throw new S3Error('AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
  assertWithinSkew(requestTime, amzDate ?? date ?? '', input.now);
  // With x-amz-date present the Date line is empty: the date is signed among the x-amz- headers.
  return verify(input, credential.slice(0, colon), credential.slice(colon + 1), amzDate !== undefined ? '' : (date ?? ''));
}

/**
 * A SigV2 presigned URL carries the request's `x-amz-*` headers in its query: botocore
 * (HmacV1QueryAuth, what boto3 presigns with by default against a custom endpoint) and the JS
 * SDK v2 move every one there, signed among the CanonicalizedAmzHeaders, so that a plain PUT of
 * the URL stores the metadata, ACL or checksum algorithm it was presigned with. S3 reads them as
 * the headers they name; this returns the request with them added as headers (one also sent as
 * a header keeps the header's value). Requests without SigV2 query auth are returned as they are.
 */
export function withPresignedAmzHeaders(request: S3HttpRequest): S3HttpRequest {
  if (queryValue(request.query, 'AWSAccessKeyId') === undefined || queryValue(request.query, 'Signature') === undefined) return request;
  const hoisted = request.query.filter(([name]) => name.toLowerCase().startsWith('x-amz-') && header(request, name) === undefined);
  if (hoisted.length === 0) return request;
  return { ...request, rawHeaders: [...request.rawHeaders, ...hoisted.flat()] };
}

/** `?AWSAccessKeyId=&Signature=&Expires=` (Expires in epoch seconds); returns the access key id. */
export function verifySigV2Query(input: SigV2Input): string {
  const accessKeyId = queryValue(input.request.query, 'AWSAccessKeyId');
  const provided = queryValue(input.request.query, 'Signature');
  const expires = queryValue(input.request.query, 'Expires');
  if (!accessKeyId || !provided || !expires) {
    throw new S3Error('AccessDenied', 'Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters');
  }
  if (!/^\d+$/.test(expires)) throw new S3Error('AccessDenied', 'Invalid date (should be seconds since epoch): ' + expires);
  if (input.now.getTime() > Number(expires) * 1000) {
    throw new S3Error('AccessDenied', 'Request has expired', {
      Expires: errorTimestamp(new Date(Number(expires) * 1000)),
      ServerTime: errorTimestamp(input.now),
    });
  }
  return verify(input, accessKeyId, provided, expires);
}
