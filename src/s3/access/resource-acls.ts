/**
 * The ACL a write gives a new bucket or object, and the checks every ACL put goes through:
 * with ACLs disabled (BucketOwnerEnforced) only "the owner's alone" is accepted; with Block Public
 * Access's BlockPublicAcls a public ACL is refused.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
 */
import { S3Error } from '../errors';
import { header, type S3HttpRequest } from '../http-request';
import type { BucketAccess } from './access-control';
import { aclFromHeaders, grantsOnlyTo, hasAclHeaders, isPublicAcl, privateAcl, type Acl } from './acl';
import { ALL_PUBLIC_ACCESS_BLOCKED, objectOwnershipHeader, type ObjectOwnership, type PublicAccessBlock } from './access-documents';
import type { Principal, PrincipalDirectory } from './principals';
import { publicAccessRefusal, type RefusedAsk } from './public-access-refusal';

type AclRefusal = 'AccessControlListNotSupported' | 'InvalidBucketAclWithObjectOwnership';

/**
 * Canned ACLs a bucket with ACLs disabled still accepts, as they say "the bucket owner's":
 * bucket-owner-full-control from anyone, private from the bucket owner.
 */
function assertOwnerOnlyHeaders(request: S3HttpRequest, refusal: AclRefusal, writerIsBucketOwner: boolean): void {
  const grants = request.rawHeaders.some((name, i) => i % 2 === 0 && /^x-amz-grant-/i.test(name));
  const canned = header(request, 'x-amz-acl')?.trim();
  const ownerOnly = canned === undefined || canned === 'bucket-owner-full-control' || (canned === 'private' && writerIsBucketOwner);
  if (grants || !ownerOnly) throw new S3Error(refusal);
}

/** PutBucketAcl/PutObjectAcl by header on a bucket with ACLs disabled: the owner-only canned ACLs only. */
export function assertAclHeadersAccepted(request: S3HttpRequest, bucket: Pick<BucketAccess, 'aclsEnabled' | 'owner'>, requester: Principal): void {
  if (!bucket.aclsEnabled) assertOwnerOnlyHeaders(request, 'AccessControlListNotSupported', requester.canonicalId === bucket.owner);
}

/** An ACL about to be stored on a bucket or object of `bucket`, as `ask` asks. */
export function assertAclAllowed(acl: Acl, bucket: Pick<BucketAccess, 'aclsEnabled' | 'owner' | 'publicAccessBlock'>, ask: RefusedAsk): void {
  if (!bucket.aclsEnabled && !grantsOnlyTo(acl, bucket.owner)) throw new S3Error('AccessControlListNotSupported');
  if (bucket.publicAccessBlock?.BlockPublicAcls && isPublicAcl(acl)) throw publicAccessRefusal('BlockPublicAcls', ask, bucket.owner);
}

/** Only the default ACL is not stored, so objects and buckets that never had one read the same. */
function unlessDefault(acl: Acl, owner: string): Acl | undefined {
  const isDefault = acl.owner === owner && acl.grants.length === 1 && grantsOnlyTo(acl, owner);
  return isDefault ? undefined : acl;
}

/**
 * A new object's owner and ACL from its writer's request (x-amz-acl, x-amz-grant-*): the writer
 * owns it where ACLs are enabled (BucketOwnerPreferred gives it to the bucket owner when the
 * writer says bucket-owner-full-control); undefined means the bucket owner's, private.
 */
export function objectAclForWrite(request: S3HttpRequest, bucket: BucketAccess, ask: RefusedAsk, directory: PrincipalDirectory): Acl | undefined {
  const writer = ask.principal;
  if (!bucket.aclsEnabled) {
    assertOwnerOnlyHeaders(request, 'AccessControlListNotSupported', writer.canonicalId === bucket.owner);
    return undefined;
  }
  const canned = header(request, 'x-amz-acl')?.trim();
  const ownedByWriter = writer.kind !== 'anonymous' && !(bucket.ownership === 'BucketOwnerPreferred' && canned === 'bucket-owner-full-control');
  const owner = ownedByWriter ? writer.canonicalId : bucket.owner;
  const acl = aclFromHeaders(request, owner, bucket.owner, directory) ?? privateAcl(owner);
  assertAclAllowed(acl, bucket, ask);
  return unlessDefault(acl, bucket.owner);
}

/** A new bucket's Object Ownership: x-amz-object-ownership, else the configured default. */
export function ownershipOfNewBucket(request: S3HttpRequest, defaultOwnership: ObjectOwnership): ObjectOwnership | 'none' {
  const requested = header(request, 'x-amz-object-ownership')?.trim();
  if (requested !== undefined) return objectOwnershipHeader(requested);
  return defaultOwnership === 'ObjectWriter' ? 'none' : defaultOwnership;
}

/**
 * A new bucket's Block Public Access: all four settings, as S3 turns on for every bucket created
 * since April 2023, except with S3_OBJECT_OWNERSHIP=ObjectWriter, which stands for the buckets
 * made before (no ownership controls, no Block Public Access).
 */
export function publicAccessBlockOfNewBucket(defaultOwnership: ObjectOwnership): PublicAccessBlock | undefined {
  return defaultOwnership === 'ObjectWriter' ? undefined : ALL_PUBLIC_ACCESS_BLOCKED;
}

/**
 * A new bucket's ACL from CreateBucket's headers, refused where its ownership disables ACLs, and
 * a public one where the bucket will block public ACLs.
 */
export function bucketAclForCreate(
  request: S3HttpRequest,
  bucket: { ownership: ObjectOwnership | 'none'; publicAccessBlock?: PublicAccessBlock },
  creator: Principal,
  directory: PrincipalDirectory,
): Acl | undefined {
  if (bucket.ownership === 'BucketOwnerEnforced') {
    assertOwnerOnlyHeaders(request, 'InvalidBucketAclWithObjectOwnership', true);
    return undefined;
  }
  if (!hasAclHeaders(request)) return undefined;
  const acl = aclFromHeaders(request, creator.canonicalId, creator.canonicalId, directory);
  if (acl && bucket.publicAccessBlock?.BlockPublicAcls && isPublicAcl(acl)) throw new S3Error('InvalidBucketAclWithBlockPublicAccessError');
  return acl && unlessDefault(acl, creator.canonicalId);
}
