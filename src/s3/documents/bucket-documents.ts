/**
 * Service and bucket documents: ListAllMyBucketsResult, CreateBucketConfiguration and
 * LocationConstraint.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html
 */
import { S3Error } from '../errors';
import { queryValue, type QueryPairs } from '../http-request';
import type { BucketInfo } from '../store/object-store';
import { parseXml, type XmlTree } from '../xml';

/** ListBuckets' optional paging and filters (S3 added them in 2024; without them, every bucket). */
export interface BucketListing {
  prefix?: string;
  region?: string;
  maxBuckets?: number;
  /** Opaque to clients: the base64 of the last bucket name of the previous page. */
  continuationToken?: string;
}

const MAX_BUCKETS = 10000;

export function parseBucketListing(query: QueryPairs): BucketListing {
  const maxText = queryValue(query, 'max-buckets');
  if (maxText !== undefined && (!/^\d+$/.test(maxText) || Number(maxText) < 1 || Number(maxText) > MAX_BUCKETS)) {
    throw new S3Error('InvalidArgument', `max-buckets must be an integer between 1 and ${MAX_BUCKETS}`, { ArgumentName: 'max-buckets', ArgumentValue: maxText });
  }
  return {
    prefix: queryValue(query, 'prefix') || undefined,
    region: queryValue(query, 'bucket-region') || undefined,
    maxBuckets: maxText !== undefined ? Number(maxText) : undefined,
    continuationToken: queryValue(query, 'continuation-token') || undefined,
  };
}

/** Buckets in name order, filtered and paged; ContinuationToken only when more follow. The owner is its canonical ID alone, as on S3 since November 2025. */
export function listAllMyBuckets(buckets: BucketInfo[], listing: BucketListing, ownerId: string): XmlTree {
  const after = listing.continuationToken !== undefined ? Buffer.from(listing.continuationToken, 'base64').toString('utf8') : undefined;
  const matching = buckets.filter(
    (bucket) =>
      (listing.prefix === undefined || bucket.name.startsWith(listing.prefix)) &&
      (listing.region === undefined || bucket.region === listing.region) &&
      (after === undefined || bucket.name > after),
  );
  const page = matching.slice(0, listing.maxBuckets ?? matching.length);
  const truncated = page.length < matching.length;
  return {
    Buckets: { Bucket: page.map((bucket) => ({ Name: bucket.name, CreationDate: bucket.createdAt, BucketRegion: bucket.region })) },
    Owner: { ID: ownerId },
    ContinuationToken: truncated ? Buffer.from(page[page.length - 1].name, 'utf8').toString('base64') : undefined,
    Prefix: listing.prefix,
  };
}

/** An AWS region name (eu-west-1, us-gov-west-1, cn-north-1...), or S3's legacy alias EU. */
const REGION_NAME = /^([a-z]{2}(-[a-z]+)+-\d+|EU)$/;

/**
 * The LocationConstraint of a CreateBucket body, or undefined (empty body: the default region).
 * S3 refuses an explicit us-east-1 (that region is named by sending none) and what is no region.
 */
export function parseCreateBucketConfiguration(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  const location = parseXml(text, 'CreateBucketConfiguration').LocationConstraint;
  const region = typeof location === 'string' && location.trim() !== '' ? location.trim() : undefined;
  if (region !== undefined && (region === 'us-east-1' || !REGION_NAME.test(region))) {
    throw new S3Error('InvalidLocationConstraint', 'The specified location-constraint is not valid', { LocationConstraint: region });
  }
  return region === 'EU' ? 'eu-west-1' : region;
}

/** S3 answers an empty LocationConstraint for us-east-1 (its historical "US Standard"). */
export function locationConstraint(region: string): string {
  return region === 'us-east-1' ? '' : region;
}
