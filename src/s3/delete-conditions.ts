/**
 * Conditional deletes as sent: DeleteObject's If-Match, x-amz-if-match-last-modified-time and
 * x-amz-if-match-size headers, DeleteObjects' ETag, LastModifiedTime and Size elements. The store
 * evaluates them (src/s3/store/delete-preconditions.ts).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-deletes.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html
 */
import { normaliseEtag } from './conditional-request';
import { S3Error } from './errors';
import { header, type S3HttpRequest } from './http-request';
import type { DeleteConditions } from './store/object-store';

const invalid = (name: string, value: string) => new S3Error('InvalidArgument', `Invalid value for ${name}`, { ArgumentName: name, ArgumentValue: value });

function timeOf(name: string, text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const time = Date.parse(text.trim());
  if (Number.isNaN(time)) throw invalid(name, text);
  return new Date(time);
}

function sizeOf(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,15}$/.test(text.trim())) throw invalid(name, text);
  return Number(text);
}

/** The conditions of one delete, from its values as sent (header or XML text); undefined when there are none. */
export function deleteConditions(sent: { etag?: string; lastModified?: string; size?: string }, names = { lastModified: 'LastModifiedTime', size: 'Size' }): DeleteConditions | undefined {
  const conditions: DeleteConditions = {
    ...(sent.etag !== undefined ? { ifMatch: normaliseEtag(sent.etag) } : {}),
    ...(sent.lastModified !== undefined ? { lastModified: timeOf(names.lastModified, sent.lastModified) } : {}),
    ...(sent.size !== undefined ? { size: sizeOf(names.size, sent.size) } : {}),
  };
  return Object.keys(conditions).length > 0 ? conditions : undefined;
}

export function deleteConditionHeaders(wire: S3HttpRequest): DeleteConditions | undefined {
  return deleteConditions(
    { etag: header(wire, 'if-match'), lastModified: header(wire, 'x-amz-if-match-last-modified-time'), size: header(wire, 'x-amz-if-match-size') },
    { lastModified: 'x-amz-if-match-last-modified-time', size: 'x-amz-if-match-size' },
  );
}
