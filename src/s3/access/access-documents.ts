/**
 * The two bucket access settings that are plain documents: OwnershipControls and
 * PublicAccessBlockConfiguration.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketOwnershipControls.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutPublicAccessBlock.html
 */
import { S3Error } from '../errors';
import { parseXml, type XmlTree } from '../xml';

export const OBJECT_OWNERSHIPS = ['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'] as const;
export type ObjectOwnership = (typeof OBJECT_OWNERSHIPS)[number];

export function isObjectOwnership(value: string): value is ObjectOwnership {
  return (OBJECT_OWNERSHIPS as readonly string[]).includes(value);
}

/**
 * x-amz-object-ownership on CreateBucket. S3 quotes a value it does not know in its message, not as
 * ArgumentValue (localstack's recorded answers: test_bucket_ownership_controls_exc
 * 'ownership-wrong-value-at-creation', 'ownership-non-value-at-creation').
 */
export function objectOwnershipHeader(value: string): ObjectOwnership {
  if (!isObjectOwnership(value)) throw new S3Error('InvalidArgument', `Invalid x-amz-object-ownership header: ${value}`, { ArgumentName: 'x-amz-object-ownership' });
  return value;
}

/** An OwnershipControls document holds exactly one rule naming a known setting. */
export function parseOwnershipControls(body: string): ObjectOwnership {
  const rules = (parseXml(body, 'OwnershipControls', ['Rule']).Rule ?? []) as Array<{ ObjectOwnership?: unknown }>;
  const value = rules.length === 1 && typeof rules[0].ObjectOwnership === 'string' ? rules[0].ObjectOwnership.trim() : '';
  if (!isObjectOwnership(value)) throw new S3Error('MalformedXML');
  return value;
}

export function ownershipControls(ownership: ObjectOwnership): XmlTree {
  return { Rule: { ObjectOwnership: ownership } };
}

export interface PublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

const SETTINGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

/** All four settings on: what S3 gives every new bucket since April 2023, until PutPublicAccessBlock or DeletePublicAccessBlock lifts them. */
export const ALL_PUBLIC_ACCESS_BLOCKED: PublicAccessBlock = Object.freeze({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });

/** Each setting `true` or `false` (case-insensitive, as S3 reads them); a missing one is false. */
export function parsePublicAccessBlock(body: string): PublicAccessBlock {
  const document = parseXml(body, 'PublicAccessBlockConfiguration');
  const entries = SETTINGS.map((name) => {
    const value = document[name];
    if (value === undefined) return [name, false];
    const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
    if (text !== 'true' && text !== 'false') throw new S3Error('MalformedXML');
    return [name, text === 'true'];
  });
  return Object.fromEntries(entries) as PublicAccessBlock;
}

export function publicAccessBlockDocument(block: PublicAccessBlock): XmlTree {
  return Object.fromEntries(SETTINGS.map((name) => [name, block[name]]));
}
