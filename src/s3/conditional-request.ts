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
  | { kind: 'not-modified' }
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
export function evaluatePreconditions(conditions: Preconditions, etag: string, lastModified: Date): PreconditionOutcome {
  const modified = lastModified.getTime();
  if (conditions.ifMatch !== undefined) {
    if (!etagListMatches(conditions.ifMatch, etag)) return { kind: 'failed', condition: 'If-Match' };
  } else {
    const since = parseDate(conditions.ifUnmodifiedSince);
    if (since !== undefined && modified > since) return { kind: 'failed', condition: 'If-Unmodified-Since' };
  }
  if (conditions.ifNoneMatch !== undefined) {
    if (etagListMatches(conditions.ifNoneMatch, etag)) return { kind: 'not-modified' };
  } else {
    const since = parseDate(conditions.ifModifiedSince);
    if (since !== undefined && modified <= since) return { kind: 'not-modified' };
  }
  return { kind: 'proceed' };
}
