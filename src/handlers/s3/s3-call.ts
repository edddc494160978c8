import type { IncomingMessage, ServerResponse } from 'node:http';
import { objectUrl, type S3Address } from '../../s3/addressing';
import type { AccessControl } from '../../s3/access/access-control';
import type { Principal } from '../../s3/access/principals';
import type { Authentication, Authenticator } from '../../s3/auth/authenticator';
import type { S3Config } from '../../s3/config';
import { S3Error } from '../../s3/errors';
import { requestOrigin, type RequestOrigin } from '../../s3/events';
import type { S3HttpRequest } from '../../s3/http-request';
import type { S3RequestIds } from '../../s3/request-id';
import type { ObjectStore } from '../../s3/store';

/** What every S3 operation handler works with, built once per request by the S3 router. */
export interface S3Services {
  store: ObjectStore;
  config: S3Config;
  authenticate: Authenticator;
  access: AccessControl;
  /** Whether CORS_ORIGIN trusts a page of this origin. */
  trustedOrigin: (origin: string) => boolean;
}

/** Node's response, plus status(): sets the status code and returns the response (added by the S3 router). */
export interface S3Response extends ServerResponse {
  status(code: number): this;
}

export interface S3Call {
  req: IncomingMessage;
  res: S3Response;
  /** The request as signed: raw path, ordered query, raw headers. */
  wire: S3HttpRequest;
  address: S3Address;
  auth: Authentication;
  /** Who the request comes from (src/s3/access/principals.ts). */
  principal: Principal;
  ids: S3RequestIds;
  services: S3Services;
}

export type S3Handler = (call: S3Call) => Promise<void>;

/** The bucket of a bucket or object operation (dispatch guarantees it is there). */
export function bucketOf(call: S3Call): string {
  if (call.address.bucket === undefined) throw new S3Error('InvalidRequest', 'This operation needs a bucket');
  return call.address.bucket;
}

/** The request as the events of the changes it makes report it (src/s3/events). */
export function originOf(call: S3Call): RequestOrigin {
  return requestOrigin(call.ids, call.principal, call.req.socket.remoteAddress);
}

export function keyOf(call: S3Call): string {
  if (call.address.key === undefined) throw new S3Error('InvalidRequest', 'This operation needs a key');
  return call.address.key;
}

/**
 * Where the object `key` of `bucket` is, for a Location: on the endpoint the request reached (its
 * Host; the mock speaks plain HTTP), so a client that came by another address than
 * PRESIGNED_URL_BASE's gets one it can use. A request by PRESIGNED_URL_BASE's host, or without a
 * Host, gets PRESIGNED_URL_BASE, which may name another scheme or a path in front of the mock.
 */
export function objectLocation(call: S3Call, bucket: string, key: string): string {
  const base = call.services.config.presignedUrlBase;
  const host = call.req.headers.host;
  const endpoint = host === undefined || host.toLowerCase() === new URL(base).host ? base : `http://${host}`;
  return objectUrl(endpoint, call.address, bucket, key);
}
