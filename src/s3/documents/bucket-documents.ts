/**
 * Service and bucket documents: ListAllMyBucketsResult, CreateBucketConfiguration and
 * LocationConstraint.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html
 */
import type { BucketInfo } from '../store/object-store';
import { parseXml, type XmlTree } from '../xml';
import { OWNER } from './owner';

export function listAllMyBuckets(buckets: BucketInfo[]): XmlTree {
  return {
    Buckets: { Bucket: buckets.map((bucket) => ({ Name: bucket.name, CreationDate: bucket.createdAt, BucketRegion: bucket.region })) },
    Owner: OWNER,
  };
}

/** The LocationConstraint of a CreateBucket body, or undefined (empty body: the default region). */
export function parseCreateBucketConfiguration(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  const location = parseXml(text, 'CreateBucketConfiguration').LocationConstraint;
  return typeof location === 'string' && location.trim() !== '' ? location.trim() : undefined;
}

/** S3 answers an empty LocationConstraint for us-east-1 (its historical "US Standard"). */
export function locationConstraint(region: string): string {
  return region === 'us-east-1' ? '' : region;
}
