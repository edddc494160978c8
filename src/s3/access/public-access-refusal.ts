/**
 * The AccessDenied of a public ACL or policy that Block Public Access refuses. S3 tells a caller
 * of the bucket owner's account which setting refused it (its enhanced access-denied message);
 * anyone else gets "Access Denied".
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
 */
import { S3Error } from '../errors';
import type { Principal } from './principals';

/** Who asked to do what to which bucket or object, as the refusal names them. */
export interface RefusedAsk {
  principal: Principal;
  /** The IAM action: s3:PutBucketPolicy, s3:PutObjectAcl... */
  action: string;
  bucket: string;
  key?: string;
}

const REFUSED = { BlockPublicAcls: 'public ACLs', BlockPublicPolicy: 'public policies' } as const;

export function publicAccessRefusal(setting: keyof typeof REFUSED, ask: RefusedAsk, bucketOwner: string): S3Error {
  // The owner's IAM users share its canonical user (principals.ts): this is "of the owner's account".
  if (ask.principal.canonicalId !== bucketOwner) return new S3Error('AccessDenied');
  const resource = `arn:aws:s3:::${ask.bucket}${ask.key === undefined ? '' : `/${ask.key}`}`;
  return new S3Error(
    'AccessDenied',
    `User: ${ask.principal.arn} is not authorized to perform: ${ask.action} on resource: "${resource}" because ${REFUSED[setting]} are prevented by the ${setting} setting in S3 Block Public Access.`,
  );
}
