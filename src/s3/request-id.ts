/**
 * S3's two request identifiers, sent on every response: `x-amz-request-id` (16 upper-case hex
 * characters) and `x-amz-id-2` (an opaque base64 "host id"). Clients log them; the values only
 * need to be unique and shaped like S3's.
 */
import { randomBytes } from 'node:crypto';

export interface S3RequestIds {
  requestId: string;
  hostId: string;
}

export function newRequestIds(): S3RequestIds {
  return {
    requestId: randomBytes(8).toString('hex').toUpperCase(),
    hostId: randomBytes(32).toString('base64'),
  };
}
