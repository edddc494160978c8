/**
 * S3's two request identifiers, sent on every response: `x-amz-request-id` (16 upper-case hex
 * characters) and `x-amz-id-2` (an opaque base64 "host id"). Clients log them; the values only
 * need to be unique and shaped like S3's. They are cut from a pool of random bytes refilled 4 KiB
 * at a time (as node's randomUUID does), not drawn from the CSPRNG twice per request.
 */
import { randomFillSync } from 'node:crypto';

export interface S3RequestIds {
  requestId: string;
  hostId: string;
}

const ID_BYTES = 8;
const HOST_ID_BYTES = 32;
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomSlice(size: number): Buffer {
  if (used + size > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += size;
  return pool.subarray(used - size, used);
}

export function newRequestIds(): S3RequestIds {
  return {
    requestId: randomSlice(ID_BYTES).toString('hex').toUpperCase(),
    hostId: randomSlice(HOST_ID_BYTES).toString('base64'),
  };
}
