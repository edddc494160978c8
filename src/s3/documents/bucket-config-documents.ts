/**
 * Bucket and object sub-resource documents: Tagging, CORSConfiguration,
 * ServerSideEncryptionConfiguration and VersioningConfiguration, both ways.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketTagging.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketCors.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketEncryption.html
 */
import { S3Error } from '../errors';
import type { BucketEncryption, CorsRule, Tag, VersioningStatus } from '../store/object-store';
import { checkTags, type TagTarget } from '../tag-rules';
import { parseXml, type XmlTree } from '../xml';

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const texts = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** A Tagging document, checked against the limits of its target. */
export function parseTagging(body: string, target: TagTarget): Tag[] {
  const tagSet = parseXml(body, 'Tagging', ['Tag']).TagSet as { Tag?: Array<{ Key?: unknown; Value?: unknown }> } | '' | undefined;
  const tags = (typeof tagSet === 'object' ? (tagSet.Tag ?? []) : []).map((tag) => {
    const key = text(tag.Key);
    const value = text(tag.Value);
    // A Tag needs both elements, though either may be empty; S3 refuses one without (localstack's
    // recorded answers: test_tagging_validation 'put-bucket-tags-none-key', 'put-object-tags-none-value').
    if (key === undefined || value === undefined) throw new S3Error('MalformedXML');
    return { key, value };
  });
  return checkTags(tags, target);
}

export function tagging(tags: Tag[]): XmlTree {
  return { TagSet: { Tag: tags.map((tag) => ({ Key: tag.key, Value: tag.value })) } };
}

/** An origin or header may hold one `*` at most (http://*.example.com, x-amz-*), as S3's CORS guide says. */
function assertOneWildcard(field: 'AllowedOrigin' | 'AllowedHeader', values: string[]): void {
  const many = values.find((value) => value.split('*').length > 2);
  if (many !== undefined) throw new S3Error('InvalidRequest', `${field} "${many}" can not have more than one wildcard.`);
}

export function parseCors(body: string): CorsRule[] {
  const repeated = ['CORSRule', 'AllowedOrigin', 'AllowedMethod', 'AllowedHeader', 'ExposeHeader'];
  const rules = (parseXml(body, 'CORSConfiguration', repeated).CORSRule ?? []) as Array<Record<string, unknown>>;
  if (rules.length === 0) throw new S3Error('MalformedXML');
  return rules.map((rule) => {
    const allowedOrigins = texts(rule.AllowedOrigin);
    const allowedMethods = texts(rule.AllowedMethod);
    if (allowedOrigins.length === 0 || allowedMethods.length === 0) throw new S3Error('MalformedXML');
    const unsupported = allowedMethods.find((method) => !['GET', 'PUT', 'POST', 'DELETE', 'HEAD'].includes(method));
    if (unsupported !== undefined) throw new S3Error('InvalidRequest', `Found unsupported HTTP method in CORS config. Unsupported method is ${unsupported}`);
    const allowedHeaders = texts(rule.AllowedHeader);
    assertOneWildcard('AllowedOrigin', allowedOrigins);
    assertOneWildcard('AllowedHeader', allowedHeaders);
    const maxAge = text(rule.MaxAgeSeconds);
    return {
      ...(text(rule.ID) ? { id: text(rule.ID) } : {}),
      allowedOrigins,
      allowedMethods,
      allowedHeaders,
      exposeHeaders: texts(rule.ExposeHeader),
      ...(maxAge !== undefined && /^\d+$/.test(maxAge.trim()) ? { maxAgeSeconds: Number(maxAge) } : {}),
    };
  });
}

export function corsConfiguration(rules: CorsRule[]): XmlTree {
  return {
    CORSRule: rules.map((rule) => ({
      ID: rule.id,
      AllowedHeader: rule.allowedHeaders,
      AllowedMethod: rule.allowedMethods,
      AllowedOrigin: rule.allowedOrigins,
      ExposeHeader: rule.exposeHeaders,
      MaxAgeSeconds: rule.maxAgeSeconds,
    })),
  };
}

export function parseEncryption(body: string): BucketEncryption {
  const rules = (parseXml(body, 'ServerSideEncryptionConfiguration', ['Rule']).Rule ?? []) as Array<Record<string, unknown>>;
  const byDefault = rules[0]?.ApplyServerSideEncryptionByDefault as Record<string, unknown> | undefined;
  const algorithm = text(byDefault?.SSEAlgorithm);
  if (!algorithm) throw new S3Error('MalformedXML');
  if (!['AES256', 'aws:kms', 'aws:kms:dsse'].includes(algorithm)) throw new S3Error('InvalidEncryptionAlgorithmError');
  const kmsKeyId = text(byDefault?.KMSMasterKeyID);
  const bucketKey = text(rules[0]?.BucketKeyEnabled);
  return {
    algorithm,
    ...(kmsKeyId ? { kmsKeyId } : {}),
    ...(bucketKey !== undefined ? { bucketKeyEnabled: bucketKey.trim() === 'true' } : {}),
  };
}

export function encryptionConfiguration(encryption: BucketEncryption): XmlTree {
  return {
    Rule: {
      ApplyServerSideEncryptionByDefault: { SSEAlgorithm: encryption.algorithm, KMSMasterKeyID: encryption.kmsKeyId },
      BucketKeyEnabled: encryption.bucketKeyEnabled,
    },
  };
}

export interface VersioningDocument {
  status: VersioningStatus;
  /** MfaDelete as put; the mock has no MFA devices, so only Disabled can be put. */
  mfaDelete?: 'Disabled';
}

export function parseVersioning(body: string): VersioningDocument {
  const document = parseXml(body, 'VersioningConfiguration');
  const status = text(document.Status)?.trim();
  const mfaDelete = text(document.MfaDelete)?.trim();
  // An empty VersioningConfiguration is refused in S3's words (localstack's recorded answer:
  // test_bucket_versioning_crud 'put-versioning-empty').
  if (status === undefined && mfaDelete === undefined) throw new S3Error('IllegalVersioningConfigurationException');
  if (status !== 'Enabled' && status !== 'Suspended') throw new S3Error('MalformedXML');
  if (mfaDelete === undefined) return { status };
  if (mfaDelete === 'Enabled') throw new S3Error('AccessDenied', 'Mfa Authentication must be used for this request');
  if (mfaDelete !== 'Disabled') throw new S3Error('MalformedXML');
  return { status, mfaDelete };
}

export function versioningConfiguration(status: VersioningStatus | undefined, mfaDelete: 'Disabled' | undefined): XmlTree {
  return { Status: status, MfaDelete: mfaDelete };
}
