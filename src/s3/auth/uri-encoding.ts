/**
 * AWS's URI encoding for signatures: every byte except A-Z a-z 0-9 - _ . ~ is %XX (upper-case
 * hex); '/' is kept in paths and encoded elsewhere.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#create-canonical-request
 */
import { decodePathSegment, type QueryPairs } from '../http-request';

/** Text of unreserved characters only, which encoding leaves as it is (most keys and query values). */
const UNRESERVED = /^[A-Za-z0-9\-._~]*$/;
/** The same, with the '/' a path keeps. */
const UNRESERVED_PATH = /^[A-Za-z0-9\-._~/]*$/;

export function awsUriEncode(text: string): string {
  if (UNRESERVED.test(text)) return text;
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The canonical URI of an S3 request: each path segment of the wire path decoded and encoded once
 * (S3 signs the path without normalisation and without double encoding), so `%21` and `!` agree.
 */
export function canonicalUri(rawPath: string): string {
  const path = rawPath === '' ? '/' : rawPath;
  if (UNRESERVED_PATH.test(path)) return path;
  return path
    .split('/')
    .map((segment) => awsUriEncode(decodePathSegment(segment)))
    .join('/');
}

/** Encoded name=value pairs sorted by name then value; flags get an empty value (`uploads=`). */
export function canonicalQueryString(query: QueryPairs, exclude: ReadonlySet<string> = new Set()): string {
  return query
    .filter(([name]) => !exclude.has(name))
    .map(([name, value]) => [awsUriEncode(name), awsUriEncode(value)] as const)
    .sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}
