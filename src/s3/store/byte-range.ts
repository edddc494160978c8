/**
 * Which bytes of an object a read serves: a Range header (RFC 9110 §14.1.2, single range) or a
 * GetObject partNumber. Resolved against the size read with the body, so both come from one row.
 */
import { S3Error } from '../errors';
import { InvalidPartNumber, InvalidRange } from './errors';
import type { ObjectInfo, ReadOptions, ResolvedRange } from './object-store';

/** undefined: serve the whole object (200); a range: serve that slice (206). */
export function resolveReadRange(object: ObjectInfo, options: ReadOptions): ResolvedRange | undefined {
  if (options.range && options.partNumber !== undefined) {
    throw new S3Error('InvalidRequest', 'Cannot specify both Range header and partNumber query parameter');
  }
  if (options.partNumber !== undefined) return partRange(object, options.partNumber);
  const range = options.range;
  if (!range) return undefined;
  const size = object.size;
  if ('suffixLength' in range) {
    if (range.suffixLength <= 0) throw new InvalidRange(size);
    // "If the selected representation has zero length, the only satisfiable form of range in a
    // request is a suffix-range with a non-zero suffix-length" (RFC 9110 §14.1.1): served whole.
    if (size === 0) return undefined;
    return { start: Math.max(0, size - range.suffixLength), end: size - 1 };
  }
  // last < first makes the Range invalid, and an invalid Range header is ignored (RFC 9110).
  if (range.end !== undefined && range.end < range.start) return undefined;
  if (range.start >= size) throw new InvalidRange(size);
  return { start: range.start, end: Math.min(range.end ?? size - 1, size - 1) };
}

/** A simple (non-multipart) object has exactly one part: itself. */
function partRange(object: ObjectInfo, partNumber: number): ResolvedRange | undefined {
  const parts = object.parts ?? [{ partNumber: 1, size: object.size }];
  if (partNumber < 1 || partNumber > parts.length) throw new InvalidPartNumber(partNumber, parts.length);
  let start = 0;
  for (const part of parts.slice(0, partNumber - 1)) start += part.size;
  const size = parts[partNumber - 1].size;
  return size === 0 ? undefined : { start, end: start + size - 1 };
}
