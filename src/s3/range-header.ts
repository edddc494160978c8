/**
 * The Range request header, single range only, as S3 serves it (RFC 9110 §14.1.2). A header that
 * does not parse, or asks for several ranges, is ignored and the whole object is served.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html#API_GetObject_RequestSyntax
 */
import type { RangeRequest } from './store/object-store';

export function parseRangeHeader(value: string | undefined): RangeRequest | undefined {
  if (value === undefined) return undefined;
  // RFC 9110's range grammar has no spaces inside (`bytes= -1`, `bytes=0 -1` are ignored, as S3 ignores them).
  const match = /^bytes=(\d*)-(\d*)$/i.exec(value.trim());
  if (!match) return undefined;
  const [, first, last] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') return { suffixLength: Number(last) };
  return last === '' ? { start: Number(first) } : { start: Number(first), end: Number(last) };
}

export function contentRange(start: number, end: number, size: number): string {
  return `bytes ${start}-${end}/${size}`;
}
