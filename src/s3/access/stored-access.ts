/**
 * What the store keeps about access: per bucket its owner, object ownership, ACL, Block Public
 * Access settings and who pays for requests (the bucket policy is a document of its own). An
 * object's owner and ACL are its metadata's `acl`. Buckets and objects written before these
 * existed have none: the mock's owner's, private.
 */
import type { Acl } from './acl';
import type { ObjectOwnership, PublicAccessBlock } from './access-documents';
import type { Payer } from './requester-pays';

export interface StoredBucketAccess {
  /** Canonical id of the bucket's owner; absent: the mock's owner. */
  owner?: string;
  /** 'none': no ownership controls (ACLs enabled, objects owned by their writer); absent: S3_OBJECT_OWNERSHIP. */
  ownership?: ObjectOwnership | 'none';
  acl?: Acl;
  publicAccessBlock?: PublicAccessBlock;
  /** Another account has written an object here: reads of objects consult their owner and ACL, the bucket owner's too. */
  foreignObjects?: boolean;
  /** 'Requester': a Requester Pays bucket (src/s3/access/requester-pays.ts); absent: the owner pays. */
  payer?: Payer;
}
