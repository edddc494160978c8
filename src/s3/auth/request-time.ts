/**
 * Request timestamps: SigV4's ISO 8601 basic format (`20240102T030405Z`) and HTTP dates, and the
 * 15-minute skew S3 allows between a signed request and its own clock.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/RESTAuthentication.html#RESTAuthenticationTimeStamp
 */
import { S3Error } from '../errors';

export const MAX_SKEW_MS = 15 * 60 * 1000;

/** The last timestamp parsed: a client's requests within one second all carry the same one. */
let lastParsed: { text: string; date: Date | undefined } = { text: '', date: undefined };

/** `20240102T030405Z` -> Date, or undefined when malformed. */
export function parseAmzDate(text: string): Date | undefined {
  if (text !== lastParsed.text) lastParsed = { text, date: parseAmzDateText(text) };
  return lastParsed.date && new Date(lastParsed.date.getTime());
}

function parseAmzDateText(text: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return date.getUTCDate() === d && date.getUTCHours() === h ? date : undefined;
}

export function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** An RFC 1123 `Date` header (also accepted by SigV2), or undefined; S3 refuses a date before the epoch as no date at all. */
export function parseHttpDate(text: string): Date | undefined {
  const time = Date.parse(text);
  return Number.isNaN(time) || time < 0 ? undefined : new Date(time);
}

/**
 * A time as S3 writes it in its authentication errors (ServerTime, Expires): ISO 8601 in UTC to
 * the second, `2015-06-04T22:26:16Z` (the answers quoted in aws/aws-sdk-php#612 and
 * aluxian/squirrel-updates-server#21).
 */
export function errorTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function assertWithinSkew(requestTime: Date, rawValue: string, now: Date): void {
  if (Math.abs(now.getTime() - requestTime.getTime()) > MAX_SKEW_MS) {
    throw new S3Error('RequestTimeTooSkewed', undefined, {
      RequestTime: rawValue,
      ServerTime: errorTimestamp(now),
      MaxAllowedSkewMilliseconds: MAX_SKEW_MS,
    });
  }
}
