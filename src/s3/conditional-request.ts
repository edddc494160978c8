/**
 * Conditional requests as S3 evaluates them (RFC 9110 §13.2.2 order, which gives S3's documented
 * precedence): If-Match beats If-Unmodified-Since, If-None-Match beats If-Modified-Since.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html (If-* request headers)
 */
export interface Preconditions {
  ifMatch?: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  ifUnmodifiedSince?: string;
}

export type PreconditionOutcome =
  | { kind: 'proceed' }
  | { kind: 'not-modified'; condition: 'If-None-Match' | 'If-Modified-Since' }
  | { kind: 'failed'; condition: 'If-Match' | 'If-None-Match' | 'If-Modified-Since' | 'If-Unmodified-Since' };

/** The opaque part of an entity tag: without W/ and quotes. */
export function normaliseEtag(etag: string): string {
  return etag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

/** `*` or a comma-separated list of entity tags, any of which may match. */
function etagListMatches(list: string, etag: string): boolean {
  return list.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || normaliseEtag(tag) === etag;
  });
}

function parseDate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time; // an invalid date is ignored, as RFC 9110 says
}

/**
 * `notModifiedStatus`: GET/HEAD answer 304 where the condition is a cache validator; for other
 * uses (copy-source conditions) the same outcome is a 412.
 */
export function evaluatePreconditions(conditions: Preconditions, etag: string, lastModified: Date, now: number = Date.now()): PreconditionOutcome {
  const modified = lastModified.getTime();
  if (conditions.ifMatch !== undefined) {
    if (!etagListMatches(conditions.ifMatch, etag)) return { kind: 'failed', condition: 'If-Match' };
  } else {
    const since = parseDate(conditions.ifUnmodifiedSince);
    if (since !== undefined && modified > since) return { kind: 'failed', condition: 'If-Unmodified-Since' };
  }
  if (conditions.ifNoneMatch !== undefined) {
    if (etagListMatches(conditions.ifNoneMatch, etag)) return { kind: 'not-modified', condition: 'If-None-Match' };
  } else {
    const since = parseDate(conditions.ifModifiedSince);
    // A date later than the server's clock is invalid and ignored (RFC 2616 §14.25), as S3 ignores
    // it (localstack's recorded answers: test_s3_get_object_preconditions 'obj-ignore-future-modified-since',
    // test_s3_copy_object_preconditions 'copy-ignore-future-modified-since').
    if (since !== undefined && since <= now && modified <= since) return { kind: 'not-modified', condition: 'If-Modified-Since' };
  }
  return { kind: 'proceed' };
}

/**
 * If-Range (RFC 9110 §13.1.5), which S3 honours on ranged reads though its API reference does not list
 * it: the Range applies only while the validator still names this object — an entity tag by strong
 * comparison (a weak tag never matches), or a date equal to Last-Modified. Otherwise the whole object
 * is served, so a resumed download never splices bytes of a newer object onto older ones.
 */
export function ifRangeMatches(validator: string, etag: string, lastModified: Date): boolean {
  const value = validator.trim();
  if (value.startsWith('W/')) return false;
  if (value.startsWith('"')) return normaliseEtag(value) === etag;
  const date = parseDate(value);
  return date !== undefined && date === Math.floor(lastModified.getTime() / 1000) * 1000;
}
