/**
 * Browser form uploads (POST Object): the signed policy document and its conditions.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTForms.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/HTTPPOSTForms.html (SigV2)
 */
import { createHmac } from 'node:crypto';
import type { Credentials } from './auth/credentials';
import { signaturesEqual } from './auth/signature-compare';
import { signatureOf, signingKey } from './auth/sigv4-signing';
import { S3Error } from './errors';

/** Form fields before the file, names lower-cased (S3 treats them case-insensitively). */
export type FormFields = ReadonlyMap<string, string>;

export interface LengthRange {
  min: number;
  max: number;
}

const denied = (reason: string) => new S3Error('AccessDenied', `Invalid according to Policy: ${reason}`);

/** Fields a policy need not mention. */
const UNCONDITIONED = new Set(['x-amz-signature', 'signature', 'awsaccesskeyid', 'file', 'policy', 'x-amz-security-token']);

/**
 * The fields a signed form holds, per signature version, in the order S3 names the first one
 * missing, as it spells them. S3 tells the version by any of its fields being there.
 */
const SIGNATURE_FIELDS = {
  v4: [['x-amz-signature', 'X-Amz-Signature'], ['x-amz-algorithm', 'X-Amz-Algorithm'], ['x-amz-credential', 'X-Amz-Credential'], ['x-amz-date', 'X-Amz-Date']],
  v2: [['signature', 'Signature'], ['awsaccesskeyid', 'AWSAccessKeyId']],
} as const;

/**
 * Which signature the form carries: a form with one of a version's fields must have them all
 * (InvalidArgument naming the first missing), and a policy with no signature field at all is
 * AccessDenied (the answers localstack recorded from S3).
 */
function signatureVersion(fields: FormFields): keyof typeof SIGNATURE_FIELDS {
  for (const version of ['v4', 'v2'] as const) {
    const names = SIGNATURE_FIELDS[version];
    if (!names.some(([name]) => fields.has(name))) continue;
    const missing = names.find(([name]) => !fields.has(name));
    if (missing) {
      throw new S3Error('InvalidArgument', `Bucket POST must contain a field named '${missing[1]}'.  If it is specified, please check the order of the fields.`, { ArgumentName: missing[1], ArgumentValue: '' });
    }
    return version;
  }
  throw new S3Error('AccessDenied');
}

/** Verifies the form's signature of its policy; returns the access key that signed it. */
function verifySignature(fields: FormFields, policy: string, credentials: Credentials): string {
  if (signatureVersion(fields) === 'v4') {
    const v4Signature = fields.get('x-amz-signature') ?? '';
    if (fields.get('x-amz-algorithm') !== 'AWS4-HMAC-SHA256') throw new S3Error('InvalidArgument', 'Invalid x-amz-algorithm', { ArgumentName: 'x-amz-algorithm', ArgumentValue: fields.get('x-amz-algorithm') ?? '' });
    const [accessKeyId, date, region, service] = (fields.get('x-amz-credential') ?? '').split('/');
    const secret = credentials.get(accessKeyId ?? '');
    if (secret === undefined) throw new S3Error('InvalidAccessKeyId', undefined, { AWSAccessKeyId: accessKeyId ?? '' });
    const expected = signatureOf(signingKey(secret, { date, region, service }), policy);
    if (!signaturesEqual(expected, v4Signature.toLowerCase())) throw new S3Error('SignatureDoesNotMatch', undefined, { StringToSign: policy, SignatureProvided: v4Signature });
    return accessKeyId;
  }
  const accessKeyId = fields.get('awsaccesskeyid') ?? '';
  const v2Signature = fields.get('signature') ?? '';
  const secret = credentials.get(accessKeyId);
  if (secret === undefined) throw new S3Error('InvalidAccessKeyId', undefined, { AWSAccessKeyId: accessKeyId });
  const expected = createHmac('sha1', secret).update(policy, 'utf8').digest('base64');
  if (!signaturesEqual(expected, v2Signature)) throw new S3Error('SignatureDoesNotMatch', undefined, { StringToSign: policy, SignatureProvided: v2Signature });
  return accessKeyId;
}

/** ISO 8601 in UTC, as the policy's `expiration` must be: 2026-01-02T03:04:05Z or with .sss. */
const EXPIRATION_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

function parsePolicy(policy: string): { expiration: number; conditions: unknown[] } {
  let document: { expiration?: unknown; conditions?: unknown };
  try {
    document = JSON.parse(Buffer.from(policy, 'base64').toString('utf8')) as typeof document;
    if (typeof document !== 'object' || document === null || !Array.isArray(document.conditions)) throw new Error('shape');
  } catch {
    throw new S3Error('InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.');
  }
  const expiration = typeof document.expiration === 'string' && EXPIRATION_FORMAT.test(document.expiration) ? Date.parse(document.expiration) : NaN;
  if (Number.isNaN(expiration)) throw new S3Error('InvalidPolicyDocument', `Invalid Policy: Invalid 'expiration' value: '${String(document.expiration)}'`);
  return { expiration, conditions: document.conditions };
}

/** A condition as S3 quotes it in its messages: JSON with a space after each ',' and ':'. */
function quoted(condition: unknown): string {
  if (Array.isArray(condition)) return `[${condition.map(quoted).join(', ')}]`;
  if (condition !== null && typeof condition === 'object') {
    return `{${Object.entries(condition).map(([name, value]) => `${JSON.stringify(name)}: ${quoted(value)}`).join(', ')}}`;
  }
  return JSON.stringify(condition);
}

const conditionFailed = (condition: unknown) => denied(`Policy Condition failed: ${quoted(condition)}`);

/**
 * `["content-length-range", min, max]`: two integers (numbers or numeric strings), else the
 * condition fails as any other would; a negative bound or min > max is no range at all.
 */
function lengthRangeOf(condition: unknown, min: string, max: string): LengthRange {
  if (!/^-?\d+$/.test(min) || !/^-?\d+$/.test(max)) throw conditionFailed(condition);
  const range = { min: Number(min), max: Number(max) };
  if (range.min < 0 || range.max < range.min) {
    throw new S3Error('InvalidPolicyDocument', `Invalid Policy: Invalid content-length-range: ${JSON.stringify(condition)}`);
  }
  return range;
}

/** `["eq", "$key", "a"]`, `["starts-with", "$key", "a/"]`, `["content-length-range", 1, 9]` or `{"key": "a"}`. */
function conditionParts(condition: unknown): [string, string, string] {
  if (Array.isArray(condition) && condition.length === 3) return condition.map(String) as [string, string, string];
  if (condition !== null && typeof condition === 'object' && !Array.isArray(condition)) {
    const entries = Object.entries(condition);
    if (entries.length !== 1) throw new S3Error('InvalidPolicyDocument', 'Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.');
    const [[field, value]] = entries;
    return ['eq', `$${field}`, String(value)];
  }
  throw new S3Error('InvalidPolicyDocument', `Invalid Policy: Invalid Condition: ${JSON.stringify(condition)}`);
}

export interface PostPolicyVerdict {
  /** The key that signed the policy; undefined for a form without one (anonymous). */
  accessKeyId?: string;
  /** content-length-range, to enforce while the file streams. */
  lengthRange?: LengthRange;
}

/**
 * Checks the policy's signature, expiry and conditions against the form fields (with the bucket
 * as a field).
 */
export function checkPostPolicy(fields: FormFields, bucket: string, credentials: Credentials, now: Date): PostPolicyVerdict {
  const policy = fields.get('policy');
  if (policy === undefined) return {};
  const accessKeyId = verifySignature(fields, policy, credentials);
  const { expiration, conditions } = parsePolicy(policy);
  if (expiration <= now.getTime()) throw denied('Policy expired.');

  const values = new Map(fields);
  values.set('bucket', bucket);
  const covered = new Set<string>();
  let lengthRange: LengthRange | undefined;
  for (const condition of conditions) {
    const [operator, field, expected] = conditionParts(condition);
    if (operator === 'content-length-range') {
      lengthRange = lengthRangeOf(condition, field, expected);
      continue;
    }
    // A condition names a form field as `$name`; without the `$` it names none, and fails.
    if (!field.startsWith('$')) throw conditionFailed(condition);
    const name = field.slice(1).toLowerCase();
    covered.add(name);
    const actual = values.get(name) ?? '';
    const holds = operator.toLowerCase() === 'eq' ? actual === expected : operator.toLowerCase() === 'starts-with' && actual.startsWith(expected);
    if (!holds) throw conditionFailed(condition);
  }
  // The bucket is not a form field, but S3 still wants the policy to name it, and counts it among
  // the fields the policy leaves out ("Extra input fields: bucket", S3's answer quoted in aws/aws-sdk-php#3292).
  // x-amz-checksum-* fields describe the file, which the store verifies; the policy need not name them.
  const extra = ['bucket', ...fields.keys()].filter((name) => !UNCONDITIONED.has(name) && !/^x-(ignore|amz-checksum)-/.test(name) && !covered.has(name));
  if (extra.length > 0) throw denied(`Extra input fields: ${extra.join(', ')}`);
  return { accessKeyId, lengthRange };
}
