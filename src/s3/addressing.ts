/**
 * Where the bucket and key of a request are: path style (`/bucket/key`) or virtual-host style
 * (`bucket.<domain>/key`, for each configured domain).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html
 * The key is the wire path after the bucket, each segment percent-decoded once: `+` stays a plus,
 * `%2F` becomes '/', and `a//b` keeps its empty segment.
 */
import { decodePathSegment } from './http-request';

export interface S3Address {
  bucket?: string;
  key?: string;
  /** The bucket came from the Host header. */
  virtualHost: boolean;
}

/** `Host` without its port, lower-cased; IPv6 literals keep their brackets. */
function hostName(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  const colon = lower.lastIndexOf(':');
  return colon === -1 ? lower : lower.slice(0, colon);
}

/** The bucket named by the Host header, or undefined for path style. Longest matching domain wins. */
export function virtualHostBucket(host: string | undefined, domains: readonly string[]): string | undefined {
  if (!host) return undefined;
  const name = hostName(host);
  const matching = domains
    .map((domain) => domain.toLowerCase())
    .filter((domain) => name.endsWith(`.${domain}`))
    .sort((a, b) => b.length - a.length);
  if (domains.some((domain) => domain.toLowerCase() === name) || matching.length === 0) return undefined;
  return name.slice(0, name.length - matching[0].length - 1);
}

function decodeSegments(segments: string[]): string {
  return segments.map(decodePathSegment).join('/');
}

export function resolveAddress(host: string | undefined, rawPath: string, domains: readonly string[]): S3Address {
  const segments = rawPath.replace(/^\//, '').split('/');
  const fromHost = virtualHostBucket(host, domains);
  if (fromHost !== undefined) {
    const key = decodeSegments(segments);
    return { bucket: fromHost, key: key === '' ? undefined : key, virtualHost: true };
  }
  const [bucketSegment, ...keySegments] = segments;
  const bucket = decodePathSegment(bucketSegment);
  const key = decodeSegments(keySegments);
  return { bucket: bucket === '' ? undefined : bucket, key: key === '' ? undefined : key, virtualHost: false };
}

/**
 * The URL of a newly written object, as S3 names it in Location (POST Object, CompleteMultipartUpload):
 * on the endpoint the request reached, the bucket addressed as the request addressed it.
 * `endpoint` is that endpoint's base URL, with the bucket in its host for virtual-host style.
 */
export function objectUrl(endpoint: string, address: Pick<S3Address, 'virtualHost'>, bucket: string, key: string): string {
  const path = key.split('/').map(encodeURIComponent).join('/');
  return address.virtualHost ? `${endpoint}/${path}` : `${endpoint}/${bucket}/${path}`;
}
