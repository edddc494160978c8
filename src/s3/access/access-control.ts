/**
 * Who may do what (docs/ARCHITECTURE.md, "S3 access control"): one decision per request, taken as
 * S3 takes it for one account. An explicit Deny in the bucket policy wins; the bucket's owner may
 * do anything else; anyone else needs a policy Allow or, where ACLs are enabled, an ACL grant.
 * Block Public Access's Ignore/Restrict settings drop public grants and public Allows.
 * Each bucket's access settings are read once and kept until they change, so a request from the
 * owner to a bucket without a policy costs one map lookup.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/how-s3-evaluates-access-control.html
 */
import type { Authentication } from '../auth/authenticator';
import type { S3Operation } from '../dispatch';
import { S3Error } from '../errors';
import { parseCopySource } from '../copy-source';
import { header, queryValue, type S3HttpRequest } from '../http-request';
import { NoSuchBucket, type ObjectInfo, type ObjectStore, type Tag } from '../store';
import { aclAllows, privateAcl, type Acl, type Permission } from './acl';
import type { ObjectOwnership, PublicAccessBlock } from './access-documents';
import { evaluatePolicy, isPublicPolicy, parseBucketPolicy, type BucketPolicy } from './bucket-policy';
import { IAM_ACTIONS, iamActionOf } from './iam-actions';
import { ANONYMOUS, type Principal, type PrincipalDirectory } from './principals';
import { conditionValues } from './request-conditions';
import { requesterPaysAllows } from './requester-pays';
import type { StoredBucketAccess } from './stored-access';

/** A bucket's access settings, resolved. */
export interface BucketAccess {
  owner: string;
  /** Undefined: the bucket has no ownership controls (objects belong to their writer). */
  ownership?: ObjectOwnership;
  aclsEnabled: boolean;
  acl: Acl;
  publicAccessBlock?: PublicAccessBlock;
  policy?: BucketPolicy;
  stored: StoredBucketAccess;
}

export interface AccessRequest {
  operation: S3Operation;
  principal: Principal;
  auth: Authentication;
  wire: S3HttpRequest;
  bucket?: string;
  key?: string;
  /** The version named other than by ?versionId= (a copy's source). */
  versionId?: string;
  sourceIp: string;
  /** The header that names the bucket's expected owner: a copy's source has its own. */
  expectedOwnerHeader?: 'x-amz-expected-bucket-owner' | 'x-amz-source-expected-bucket-owner';
  /** The tags the request sets, when they are in its body (PutObjectTagging, a POST form) rather than its x-amz-tagging header. */
  requestTags?: readonly Tag[];
}

export interface AccessControlOptions {
  strict: boolean;
  defaultOwnership: ObjectOwnership;
}

/** Actions the account root may always take on its bucket's policy, even when the policy denies them. */
const ROOT_ONLY_ACTIONS = new Set(['s3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy']);

const denied = () => new S3Error('AccessDenied');

export class AccessControl {
  private readonly buckets = new Map<string, BucketAccess>();

  constructor(
    private readonly store: ObjectStore,
    readonly directory: PrincipalDirectory,
    readonly options: AccessControlOptions,
  ) {}

  /** Unsigned requests are anonymous in strict mode, and the owner's in open mode (the seed's curl examples). */
  principalOf(auth: Authentication): Principal {
    if (auth.scheme === 'anonymous') return this.options.strict ? ANONYMOUS : this.directory.owner;
    return this.directory.ofAccessKey(auth.accessKeyId);
  }

  /** The bucket's access settings; undefined if there is no such bucket. */
  async bucketAccess(bucket: string): Promise<BucketAccess | undefined> {
    const cached = this.buckets.get(bucket);
    if (cached) return cached;
    try {
      const stored = (await this.store.getBucketConfig(bucket, 'access')) ?? {};
      const policyText = await this.store.getBucketConfig(bucket, 'policy');
      const access = this.resolve(stored, policyText, bucket);
      this.buckets.set(bucket, access);
      return access;
    } catch (error) {
      if (error instanceof NoSuchBucket) return undefined;
      throw error;
    }
  }

  private resolve(stored: StoredBucketAccess, policyText: string | undefined, bucket: string): BucketAccess {
    const owner = stored.owner ?? this.directory.owner.canonicalId;
    const setting = stored.ownership ?? this.options.defaultOwnership;
    const ownership = setting === 'none' || (stored.ownership === undefined && setting === 'ObjectWriter') ? undefined : setting;
    return {
      owner,
      ownership,
      aclsEnabled: ownership !== 'BucketOwnerEnforced',
      acl: stored.acl ?? privateAcl(owner),
      publicAccessBlock: stored.publicAccessBlock,
      policy: policyText === undefined ? undefined : parseBucketPolicy(policyText, bucket),
      stored,
    };
  }

  /** The settings of a bucket that must exist (NoSuchBucket otherwise). */
  async existingBucketAccess(bucket: string): Promise<BucketAccess> {
    const access = await this.bucketAccess(bucket);
    if (!access) throw new NoSuchBucket(bucket);
    return access;
  }

  async updateBucketAccess(bucket: string, change: (stored: StoredBucketAccess) => StoredBucketAccess): Promise<void> {
    const { stored } = await this.existingBucketAccess(bucket);
    await this.store.putBucketConfig(bucket, 'access', change({ ...stored }));
    this.forget(bucket);
  }

  /** After a bucket is created, deleted or its policy changes. */
  forget(bucket: string): void {
    this.buckets.delete(bucket);
  }

  forgetAll(): void {
    this.buckets.clear();
  }

  /**
   * Whether the tags a request sets in its body (PutObjectTagging's) take part in its access
   * decision: the bucket's policy tests s3:RequestObjectTag/<key> or s3:RequestObjectTagKeys.
   * Only then must the body be read before the decision.
   */
  async testsBodyTags(bucket: string): Promise<boolean> {
    return (await this.bucketAccess(bucket))?.policy?.usesRequestObjectTags === true;
  }

  /**
   * Throws AccessDenied unless the request may proceed. A missing bucket is left to the operation
   * (NoSuchBucket). A copy must also be allowed to read its source.
   */
  async authorize(request: AccessRequest): Promise<void> {
    await this.authorizeOne(request);
    if (request.operation === 'CopyObject' || request.operation === 'UploadPartCopy') {
      const source = parseCopySource(request.wire);
      await this.authorizeOne({ ...request, operation: 'GetObject', bucket: source.bucket, key: source.key, versionId: source.versionId, expectedOwnerHeader: 'x-amz-source-expected-bucket-owner' });
    }
  }

  private async authorizeOne(request: AccessRequest): Promise<void> {
    const action = IAM_ACTIONS[request.operation];
    if (action.scope === 'none') return;
    if (action.scope === 'service') {
      // Listing or creating buckets needs an account: S3 answers anonymous ListBuckets 403 AccessDenied too.
      if (request.principal.kind === 'anonymous') throw denied();
      return;
    }
    const bucket = request.bucket!;
    const access = await this.bucketAccess(bucket);
    if (!access) return;
    this.assertExpectedOwner(access, request.wire, request.expectedOwnerHeader ?? 'x-amz-expected-bucket-owner');
    const isOwner = request.principal.canonicalId === access.owner;
    if (!requesterPaysAllows(access.stored.payer, { principal: request.principal, isOwner, wire: request.wire })) throw denied();
    // Objects another account wrote are not the bucket owner's to read (their ACL decides).
    const objectAclDecides = action.acl?.on === 'object' && (!isOwner || (access.aclsEnabled && access.stored.foreignObjects === true));
    if (isOwner && !access.policy && !objectAclDecides) return;

    const key = action.scope === 'object' ? (request.operation === 'DeleteObjects' ? '*' : request.key) : undefined;
    const object = objectAclDecides || access.policy?.usesExistingObjectTags ? await this.objectOf(request) : undefined;
    const versioned = request.versionId !== undefined || queryValue(request.wire.query, 'versionId') !== undefined;
    const decision = this.policyDecision(access, request, iamActionOf(request.operation, versioned), key, { object });
    if (decision === 'Deny' && !(isOwner && request.principal.arn.endsWith(':root') && ROOT_ONLY_ACTIONS.has(action.action))) throw denied();
    if (decision === 'Allow') {
      // A bucket's policy is for its owner's account: another account a policy allows at it is refused 405, as S3 documents.
      if (!isOwner && ROOT_ONLY_ACTIONS.has(action.action)) throw new S3Error('MethodNotAllowed', undefined, { Method: request.wire.method });
      if (object === 'missing') this.assertMayList(access, request);
      return;
    }
    if (isOwner && !objectAclDecides) return;
    if (!action.acl) throw denied();
    if (action.acl.on === 'bucket') {
      if (this.aclGrants(access, access.acl, request.principal, action.acl.permission)) return;
      throw denied();
    }
    this.authorizeByObjectAcl(access, request, action.acl.permission, object ?? 'missing');
  }

  /** The object a request names (its version, if it names one), or 'missing'. */
  private async objectOf(request: AccessRequest): Promise<ObjectInfo | 'missing'> {
    try {
      return (await this.store.headObject(request.bucket!, request.key!, { versionId: request.versionId ?? queryValue(request.wire.query, 'versionId') })).object;
    } catch (error) {
      if (error instanceof S3Error && ['NoSuchKey', 'NoSuchVersion', 'MethodNotAllowed', 'InvalidArgument'].includes(error.code)) return 'missing';
      throw error;
    }
  }

  /** x-amz-expected-bucket-owner (or, for a copy's source, x-amz-source-expected-bucket-owner) names the owner's account (or canonical id); anyone else's bucket is AccessDenied. */
  private assertExpectedOwner(access: BucketAccess, wire: S3HttpRequest, headerName: NonNullable<AccessRequest['expectedOwnerHeader']>): void {
    const expected = header(wire, headerName);
    if (expected === undefined) return;
    const owner = this.directory.byCanonicalId(access.owner);
    if (expected !== access.owner && expected !== owner?.accountId) throw denied();
  }

  private policyDecision(access: BucketAccess, request: AccessRequest, action: string, key: string | undefined, context: { prefix?: string; object?: ObjectInfo | 'missing' } = {}) {
    if (!access.policy) return 'None';
    // RestrictPublicBuckets: a public policy allows only the bucket owner's account.
    const restricted =
      access.publicAccessBlock?.RestrictPublicBuckets === true && isPublicPolicy(access.policy) && request.principal.accountId !== this.directory.byCanonicalId(access.owner)?.accountId;
    const resource = key === undefined ? `arn:aws:s3:::${request.bucket}` : `arn:aws:s3:::${request.bucket}/${key}`;
    const existingTags = context.object && context.object !== 'missing' ? (context.object.tags ?? []) : undefined;
    const values = conditionValues({ wire: request.wire, auth: request.auth, principal: request.principal, sourceIp: request.sourceIp, secure: false, prefix: context.prefix, existingTags, requestTags: request.requestTags });
    return evaluatePolicy(access.policy, { principal: request.principal, action, resource, values }, { skipPublicAllows: restricted });
  }

  private aclGrants(access: BucketAccess, acl: Acl, principal: Principal, permission: Permission): boolean {
    if (!access.aclsEnabled) return false;
    const ignorePublic = access.publicAccessBlock?.IgnorePublicAcls === true;
    return aclAllows(acl, { canonicalId: principal.canonicalId, authenticated: principal.kind !== 'anonymous' }, permission, ignorePublic);
  }

  /**
   * A key that does not exist is NoSuchKey only to a caller who may list the bucket (for that key
   * as prefix), whether a policy or an ACL allowed the read; anyone else learns nothing
   * (AccessDenied), as S3 answers.
   */
  private assertMayList(access: BucketAccess, request: AccessRequest): void {
    const isOwner = request.principal.canonicalId === access.owner;
    const mayList = isOwner || this.policyDecision(access, request, 's3:ListBucket', undefined, { prefix: request.key }) === 'Allow' || this.aclGrants(access, access.acl, request.principal, 'READ');
    if (!mayList) throw denied();
  }

  /** Object reads and ACL changes are granted by the object's own ACL, and its owner may always use them. */
  private authorizeByObjectAcl(access: BucketAccess, request: AccessRequest, permission: Permission, object: ObjectInfo | 'missing'): void {
    if (object === 'missing') return this.assertMayList(access, request);
    const acl = object.acl ?? privateAcl(access.owner);
    if (access.aclsEnabled && acl.owner === request.principal.canonicalId) return;
    if (this.aclGrants(access, acl, request.principal, permission)) return;
    throw denied();
  }
}
