/**
 * Access control lists: canned ACLs, x-amz-grant-* headers and AccessControlPolicy documents, as
 * S3 reads, stores and serves them back: grants to canonical users and groups. An e-mail grantee
 * is refused, as S3 refuses one since October 2025 (405; its end-of-support notice on PutBucketAcl
 * and PutObjectAcl).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html
 */
import { S3Error } from '../errors';
import { header, type S3HttpRequest } from '../http-request';
import { parseXml, type XmlTree } from '../xml';
import type { PrincipalDirectory } from './principals';

export const PERMISSIONS = ['FULL_CONTROL', 'WRITE', 'WRITE_ACP', 'READ', 'READ_ACP'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const GROUP_URIS = {
  AllUsers: 'http://acs.amazonaws.com/groups/global/AllUsers',
  AuthenticatedUsers: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers',
  LogDelivery: 'http://acs.amazonaws.com/groups/s3/LogDelivery',
} as const;

export type Grantee = { type: 'CanonicalUser'; id: string } | { type: 'Group'; uri: string };

export interface Grant {
  grantee: Grantee;
  permission: Permission;
}

/** An ACL as stored: the resource's owner (canonical id) and its grants, in order. */
export interface Acl {
  owner: string;
  grants: Grant[];
}

const XML_SCHEMA_INSTANCE = 'http://www.w3.org/2001/XMLSchema-instance';

const user = (id: string, permission: Permission): Grant => ({ grantee: { type: 'CanonicalUser', id }, permission });
const group = (uri: string, permission: Permission): Grant => ({ grantee: { type: 'Group', uri }, permission });

/** The default ACL of every bucket and object: its owner with FULL_CONTROL. */
export function privateAcl(owner: string): Acl {
  return { owner, grants: [user(owner, 'FULL_CONTROL')] };
}

/**
 * A canned ACL's grants, group grants first (the order S3-compatible servers list them in).
 * bucket-owner-* name the bucket's owner; for a bucket they mean private.
 */
export function cannedAcl(name: string, owner: string, bucketOwner: string): Acl {
  const full = user(owner, 'FULL_CONTROL');
  const grants: Record<string, Grant[]> = {
    private: [full],
    'public-read': [group(GROUP_URIS.AllUsers, 'READ'), full],
    'public-read-write': [group(GROUP_URIS.AllUsers, 'READ'), group(GROUP_URIS.AllUsers, 'WRITE'), full],
    'authenticated-read': [group(GROUP_URIS.AuthenticatedUsers, 'READ'), full],
    'aws-exec-read': [full],
    'bucket-owner-read': bucketOwner === owner ? [full] : [full, user(bucketOwner, 'READ')],
    'bucket-owner-full-control': bucketOwner === owner ? [full] : [full, user(bucketOwner, 'FULL_CONTROL')],
    'log-delivery-write': [group(GROUP_URIS.LogDelivery, 'WRITE'), group(GROUP_URIS.LogDelivery, 'READ_ACP'), full],
  };
  const chosen = Object.hasOwn(grants, name) ? grants[name] : undefined;
  if (!chosen) throw new S3Error('InvalidArgument', undefined, { ArgumentName: 'x-amz-acl', ArgumentValue: name });
  return { owner, grants: chosen };
}

/** x-amz-grant-read, -write, -read-acp, -write-acp, -full-control and the permission each names. */
const GRANT_HEADERS: ReadonlyArray<readonly [string, Permission]> = [
  ['x-amz-grant-read', 'READ'],
  ['x-amz-grant-write', 'WRITE'],
  ['x-amz-grant-read-acp', 'READ_ACP'],
  ['x-amz-grant-write-acp', 'WRITE_ACP'],
  ['x-amz-grant-full-control', 'FULL_CONTROL'],
];

/** One canonical user by id; S3 refuses an id it does not know. */
function canonicalUser(id: string, directory: PrincipalDirectory): Grantee {
  if (!directory.byCanonicalId(id)) throw new S3Error('InvalidArgument', 'Invalid id', { ArgumentName: 'CanonicalUser/ID', ArgumentValue: id });
  return { type: 'CanonicalUser', id };
}

function refuseEmailGrantee(): never {
  throw new S3Error('MethodNotAllowed');
}

function groupGrantee(uri: string): Grantee {
  if (!(Object.values(GROUP_URIS) as string[]).includes(uri)) throw new S3Error('InvalidArgument', 'Invalid group uri', { ArgumentName: 'Group/URI', ArgumentValue: uri });
  return { type: 'Group', uri };
}

/** `id="…", emailAddress="…", uri="…"`: a grant header's comma-separated grantees. */
function granteesOfHeader(name: string, value: string, directory: PrincipalDirectory): Grantee[] {
  return value.split(',').map((item) => {
    const match = /^\s*(id|emailAddress|uri)\s*=\s*"?([^"]*)"?\s*$/i.exec(item);
    if (!match) throw new S3Error('InvalidArgument', undefined, { ArgumentName: name, ArgumentValue: value });
    const [, kind, text] = match;
    if (kind.toLowerCase() === 'id') return canonicalUser(text, directory);
    if (kind.toLowerCase() === 'uri') return groupGrantee(text);
    return refuseEmailGrantee();
  });
}

/** Whether the request sets an ACL by header: x-amz-acl or any x-amz-grant-*. */
export function hasAclHeaders(request: S3HttpRequest): boolean {
  return request.rawHeaders.some((name, i) => i % 2 === 0 && /^x-amz-(acl|grant-)/i.test(name));
}

/**
 * The ACL a request's headers set (x-amz-acl or x-amz-grant-*, never both), or undefined.
 * `owner` owns the new resource; `bucketOwner` is who bucket-owner-* canned ACLs name.
 */
export function aclFromHeaders(request: S3HttpRequest, owner: string, bucketOwner: string, directory: PrincipalDirectory): Acl | undefined {
  const canned = header(request, 'x-amz-acl')?.trim();
  const grants = GRANT_HEADERS.flatMap(([name, permission]) => {
    const value = header(request, name);
    return value === undefined ? [] : granteesOfHeader(name, value, directory).map((grantee) => ({ grantee, permission }));
  });
  if (canned !== undefined && grants.length > 0) throw new S3Error('InvalidRequest', 'Specifying both Canned ACLs and Header Grants is not allowed');
  if (canned !== undefined) return cannedAcl(canned, owner, bucketOwner);
  return grants.length > 0 ? { owner, grants } : undefined;
}

interface GrantElement {
  Grantee?: { ID?: unknown; URI?: unknown; EmailAddress?: unknown };
  Permission?: unknown;
}

const malformedAcl = () => new S3Error('MalformedACLError');

/** A PutBucketAcl/PutObjectAcl AccessControlPolicy document; its Owner must be the resource's. */
export function aclFromDocument(body: string, owner: string, directory: PrincipalDirectory): Acl {
  const document = parseXml(body, 'AccessControlPolicy', ['Grant']) as { Owner?: { ID?: unknown }; AccessControlList?: { Grant?: GrantElement[] } | string };
  const ownerId = typeof document.Owner?.ID === 'string' ? document.Owner.ID.trim() : undefined;
  if (ownerId === undefined) throw malformedAcl();
  if (ownerId !== owner) throw new S3Error('AccessDenied');
  const list = typeof document.AccessControlList === 'object' ? (document.AccessControlList.Grant ?? []) : [];
  const grants = list.map((element): Grant => {
    const permission = typeof element.Permission === 'string' ? element.Permission.trim() : '';
    if (!(PERMISSIONS as readonly string[]).includes(permission)) throw malformedAcl();
    const { ID, URI, EmailAddress } = element.Grantee ?? {};
    const grantee =
      typeof ID === 'string' ? canonicalUser(ID.trim(), directory)
      : typeof URI === 'string' ? groupGrantee(URI.trim())
      : typeof EmailAddress === 'string' ? refuseEmailGrantee()
      : undefined;
    if (!grantee) throw malformedAcl();
    return { grantee, permission: permission as Permission };
  });
  return { owner, grants };
}

/**
 * The AccessControlPolicy document of GetBucketAcl/GetObjectAcl. Group grants come first, as
 * S3-compatible servers list them. The owner and users are their canonical IDs alone: S3 stopped
 * naming them (DisplayName) in November 2025.
 */
export function renderAcl(acl: Acl): XmlTree {
  const ordered = [...acl.grants.filter((grant) => grant.grantee.type === 'Group'), ...acl.grants.filter((grant) => grant.grantee.type !== 'Group')];
  return {
    Owner: { ID: acl.owner },
    AccessControlList: {
      Grant: ordered.map((grant) => ({
        Grantee: {
          '@_xmlns:xsi': XML_SCHEMA_INSTANCE,
          '@_xsi:type': grant.grantee.type,
          ...(grant.grantee.type === 'CanonicalUser' ? { ID: grant.grantee.id } : { URI: grant.grantee.uri }),
        },
        Permission: grant.permission,
      })),
    },
  };
}

/** Public: a grant to everyone or to every AWS account (Block Public Access's definition). */
export function isPublicGrant(grant: Grant): boolean {
  return grant.grantee.type === 'Group' && (grant.grantee.uri === GROUP_URIS.AllUsers || grant.grantee.uri === GROUP_URIS.AuthenticatedUsers);
}

export function isPublicAcl(acl: Acl): boolean {
  return acl.grants.some(isPublicGrant);
}

/** Grants only to the given canonical user (what a bucket with ACLs disabled accepts). */
export function grantsOnlyTo(acl: Acl, canonicalId: string): boolean {
  return acl.grants.every((grant) => grant.grantee.type === 'CanonicalUser' && grant.grantee.id === canonicalId && grant.permission === 'FULL_CONTROL');
}

/** Whether a grant of `acl` gives `permission` to a requester (FULL_CONTROL gives every one). */
export function aclAllows(acl: Acl, requester: { canonicalId: string; authenticated: boolean }, permission: Permission, ignorePublic: boolean): boolean {
  return acl.grants.some((grant) => {
    if (grant.permission !== permission && grant.permission !== 'FULL_CONTROL') return false;
    if (ignorePublic && isPublicGrant(grant)) return false;
    if (grant.grantee.type === 'CanonicalUser') return requester.authenticated && grant.grantee.id === requester.canonicalId;
    return grant.grantee.uri === GROUP_URIS.AllUsers || (grant.grantee.uri === GROUP_URIS.AuthenticatedUsers && requester.authenticated);
  });
}
