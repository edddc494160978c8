import { evaluatePreconditions, ifRangeMatches } from '../../../src/s3/conditional-request';
import { parseRangeHeader } from '../../../src/s3/range-header';

const etag = '9b2cf535f27731c974343645a3985328';
const lastModified = new Date('2026-01-02T03:04:05Z');
const before = 'Thu, 01 Jan 2026 00:00:00 GMT';
const after = 'Sat, 03 Jan 2026 00:00:00 GMT';
const outcome = (conditions: Parameters<typeof evaluatePreconditions>[0]) => evaluatePreconditions(conditions, etag, lastModified);

describe('conditional GET/HEAD', () => {
  it.each([
    ['If-Match with the ETag', { ifMatch: `"${etag}"` }, 'proceed'],
    ['If-Match with another ETag', { ifMatch: '"other"' }, 'failed'],
    ['If-Match: *', { ifMatch: '*' }, 'proceed'],
    ['If-None-Match with the ETag', { ifNoneMatch: `"${etag}"` }, 'not-modified'],
    ['If-None-Match with a list holding the ETag', { ifNoneMatch: `"a", W/"${etag}"` }, 'not-modified'],
    ['If-None-Match with another ETag', { ifNoneMatch: '"other"' }, 'proceed'],
    ['If-Modified-Since before the change', { ifModifiedSince: before }, 'proceed'],
    ['If-Modified-Since after the change', { ifModifiedSince: after }, 'not-modified'],
    ['If-Unmodified-Since before the change', { ifUnmodifiedSince: before }, 'failed'],
    ['If-Unmodified-Since after the change', { ifUnmodifiedSince: after }, 'proceed'],
    ['an unparseable If-Modified-Since', { ifModifiedSince: 'yesterday' }, 'proceed'],
    // S3's documented precedence:
    ['If-Match true with If-Unmodified-Since false', { ifMatch: `"${etag}"`, ifUnmodifiedSince: before }, 'proceed'],
    ['If-None-Match false with If-Modified-Since true', { ifNoneMatch: `"${etag}"`, ifModifiedSince: before }, 'not-modified'],
  ])('%s -> %s', (_, conditions, expected) => {
    expect(outcome(conditions).kind).toBe(expected);
  });

  it('ignores an If-Modified-Since later than the present, as S3 does', () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toUTCString();
    expect(outcome({ ifModifiedSince: tomorrow }).kind).toBe('proceed');
    expect(evaluatePreconditions({ ifModifiedSince: after }, etag, lastModified, Date.parse(after) - 1000).kind).toBe('proceed');
  });

  it('names the condition that failed', () => {
    expect(outcome({ ifUnmodifiedSince: before })).toEqual({ kind: 'failed', condition: 'If-Unmodified-Since' });
  });
});

describe('If-Range', () => {
  it.each([
    [`"${etag}"`, true],
    [`W/"${etag}"`, false], // strong comparison only
    ['"another"', false],
    ['Fri, 02 Jan 2026 03:04:05 GMT', true], // exactly Last-Modified
    [before, false],
    [after, false],
    ['not a date', false],
  ])('%s matches: %s', (validator, expected) => {
    expect(ifRangeMatches(validator, etag, new Date('2026-01-02T03:04:05.678Z'))).toBe(expected);
  });
});

describe('the Range header', () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=100-', { start: 100 }],
    ['bytes=-500', { suffixLength: 500 }],
    ['bytes=0-1,5-6', undefined],
    ['items=0-1', undefined],
    ['bytes=-', undefined],
    [undefined, undefined],
  ])('%s is %j', (header, range) => {
    expect(parseRangeHeader(header)).toEqual(range);
  });
});
