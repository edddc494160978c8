/**
 * Access control lists as S3 serves them for a bucket whose Object Ownership is "bucket owner
 * enforced", the default of every bucket created since April 2023: ACLs are disabled, the owner
 * has FULL_CONTROL of every bucket and object, and a request may only set the ACL that says just
 * that (`private`, `bucket-owner-full-control`, or the equivalent AccessControlPolicy document).
 * Any other ACL is refused, as S3 refuses it.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
 */
import { OWNER } from './documents/owner';
import { S3Error } from './errors';
import { header, type S3HttpRequest } from './http-request';
import { parseXml, type XmlTree } from './xml';

const OWNER_ONLY_CANNED_ACLS = ['private', 'bucket-owner-full-control'];
const XML_SCHEMA_INSTANCE = 'http://www.w3.org/2001/XMLSchema-instance';

/** Objects and buckets refuse other ACLs with different codes. */
type AclRefusal = 'AccessControlListNotSupported' | 'InvalidBucketAclWithObjectOwnership';

/** The AccessControlPolicy of every bucket and object: the owner, with FULL_CONTROL. */
export function accessControlPolicy(): XmlTree {
  return {
    Owner: OWNER,
    AccessControlList: {
      Grant: { Grantee: { '@_xmlns:xsi': XML_SCHEMA_INSTANCE, '@_xsi:type': 'CanonicalUser', ...OWNER }, Permission: 'FULL_CONTROL' },
    },
  };
}

/** Whether the request sets an ACL by header: x-amz-acl or any x-amz-grant-*. */
export function hasAclHeaders(request: S3HttpRequest): boolean {
  return request.rawHeaders.some((name, i) => i % 2 === 0 && /^x-amz-(acl|grant-)/i.test(name));
}

/** x-amz-acl and x-amz-grant-* on a write: only an owner-only canned ACL. */
export function assertOwnerOnlyAclHeaders(request: S3HttpRequest, refusal: AclRefusal = 'AccessControlListNotSupported'): void {
  const grants = request.rawHeaders.filter((name, i) => i % 2 === 0 && /^x-amz-grant-/i.test(name));
  const canned = header(request, 'x-amz-acl');
  if (grants.length > 0 || (canned !== undefined && !OWNER_ONLY_CANNED_ACLS.includes(canned.trim()))) throw new S3Error(refusal);
}

interface Grant {
  Grantee?: { ID?: unknown };
  Permission?: unknown;
}

/** A PutBucketAcl/PutObjectAcl document: well formed, and granting the owner FULL_CONTROL only. */
export function assertOwnerOnlyAclDocument(body: string): void {
  const list = parseXml(body, 'AccessControlPolicy', ['Grant']).AccessControlList as { Grant?: Grant[] } | undefined;
  const grants = list?.Grant ?? [];
  const ownerOnly = grants.length > 0 && grants.every((grant) => grant.Permission === 'FULL_CONTROL' && grant.Grantee?.ID === OWNER.ID);
  if (!ownerOnly) throw new S3Error('AccessControlListNotSupported');
}
