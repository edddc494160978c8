/**
 * The condition keys a bucket policy can test, read from the request only when a statement asks.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
import type { Authentication } from '../auth/authenticator';
import { header, queryValue, type S3HttpRequest } from '../http-request';
import type { Tag } from '../store';
import type { ConditionValues } from './policy-conditions';
import type { Principal } from './principals';

export interface ConditionSource {
  wire: S3HttpRequest;
  auth: Authentication;
  principal: Principal;
  sourceIp: string;
  secure: boolean;
  /** s3:prefix when the request is not a listing (a GET of a missing key asks ListBucket for its key). */
  prefix?: string;
  /** The tags of the object the request names, for s3:ExistingObjectTag/<key>. */
  existingTags?: readonly Tag[];
  /** The tags the request sets where they are not its x-amz-tagging header (a PutObjectTagging body, a POST form's field). */
  requestTags?: readonly Tag[];
  now?: Date;
}

/** Request headers a policy may name as s3:<header>. */
const HEADER_KEYS = new Set([
  'x-amz-acl', 'x-amz-grant-read', 'x-amz-grant-write', 'x-amz-grant-read-acp', 'x-amz-grant-write-acp', 'x-amz-grant-full-control',
  'x-amz-server-side-encryption', 'x-amz-server-side-encryption-aws-kms-key-id', 'x-amz-server-side-encryption-customer-algorithm',
  'x-amz-copy-source', 'x-amz-metadata-directive', 'x-amz-storage-class', 'x-amz-content-sha256', 'x-amz-website-redirect-location',
  'x-amz-object-ownership', 'x-amz-object-lock-mode', 'x-amz-object-lock-retain-until-date', 'x-amz-object-lock-legal-hold',
]);

/** The tags the request sets, for s3:RequestObjectTag/<key> and s3:RequestObjectTagKeys. */
function requestTags(source: ConditionSource): Array<readonly [string, string]> {
  if (source.requestTags) return source.requestTags.map((tag) => [tag.key, tag.value] as const);
  return [...new URLSearchParams(header(source.wire, 'x-amz-tagging') ?? '')];
}

/** The value of the tag a condition key names: keys reach here lower-cased (condition key names are case-insensitive), tags as written. */
function tagValue(tags: Iterable<readonly [string, string]>, lowerCaseKey: string): string | undefined {
  for (const [key, value] of tags) if (key.toLowerCase() === lowerCaseKey) return value;
  return undefined;
}

const one = (value: string | undefined) => (value === undefined ? undefined : [value]);

export function conditionValues(source: ConditionSource): ConditionValues {
  const { wire, auth, principal } = source;
  return (key) => {
    if (key.startsWith('s3:') && HEADER_KEYS.has(key.slice(3))) return one(header(wire, key.slice(3)));
    if (key.startsWith('s3:requestobjecttag/')) return one(tagValue(requestTags(source), key.slice('s3:requestobjecttag/'.length)));
    if (key.startsWith('s3:existingobjecttag/')) return one(tagValue((source.existingTags ?? []).map((tag) => [tag.key, tag.value] as const), key.slice('s3:existingobjecttag/'.length)));
    switch (key) {
      case 'aws:sourceip': return [source.sourceIp];
      case 'aws:securetransport': return [String(source.secure)];
      case 'aws:currenttime': return [(source.now ?? new Date()).toISOString()];
      case 'aws:epochtime': return [String(Math.floor((source.now ?? new Date()).getTime() / 1000))];
      case 'aws:useragent': return one(header(wire, 'user-agent'));
      case 'aws:referer': return one(header(wire, 'referer'));
      case 'aws:principalarn': return principal.kind === 'anonymous' ? undefined : [principal.arn];
      case 'aws:principalaccount': return principal.kind === 'anonymous' ? undefined : [principal.accountId];
      case 'aws:principaltype': return [principal.kind === 'anonymous' ? 'Anonymous' : principal.arn.endsWith(':root') ? 'Account' : 'User'];
      case 'aws:userid': return principal.kind === 'anonymous' ? ['anonymous'] : [principal.arn.endsWith(':root') ? principal.accountId : principal.arn];
      case 'aws:username': return principal.arn.includes(':user/') ? [principal.arn.split(':user/')[1].split('/').pop()!] : undefined;
      case 's3:prefix': return one(queryValue(wire.query, 'prefix') ?? source.prefix);
      case 's3:delimiter': return one(queryValue(wire.query, 'delimiter'));
      case 's3:max-keys': return one(queryValue(wire.query, 'max-keys'));
      case 's3:versionid': return one(queryValue(wire.query, 'versionId'));
      case 's3:requestobjecttagkeys': {
        const keys = requestTags(source).map(([tagKey]) => tagKey);
        return keys.length > 0 ? keys : undefined;
      }
      case 's3:authtype': return auth.scheme === 'anonymous' ? undefined : [auth.presigned ? 'REST-QUERY-STRING' : 'REST-HEADER'];
      case 's3:signatureversion': return auth.scheme === 'anonymous' ? undefined : [auth.scheme === 'sigv4' ? 'AWS4-HMAC-SHA256' : 'AWS'];
      default: return undefined;
    }
  };
}
