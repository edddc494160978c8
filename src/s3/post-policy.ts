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

function verifySignature(fields: FormFields, policy: string, credentials: Credentials): void {
  const v4Signature = fields.get('x-amz-signature');
  if (v4Signature !== undefined) {
    if (fields.get('x-amz-algorithm') !== 'AWS4-HMAC-SHA256') throw new S3Error('InvalidArgument', 'Invalid x-amz-algorithm', { ArgumentName: 'x-amz-algorithm', ArgumentValue: fields.get('x-amz-algorithm') ?? '' });
    const [accessKeyId, date, region, service] = (fields.get('x-amz-credential') ?? '').split('/');
    const secret = credentials.get(accessKeyId ?? '');
    if (secret === undefined) throw new S3Error('InvalidAccessKeyId', undefined, { AWSAccessKeyId: accessKeyId ?? '' });
    const expected = signatureOf(signingKey(secret, { date, region, service }), policy);
    if (!signaturesEqual(expected, v4Signature.toLowerCase())) throw new S3Error('SignatureDoesNotMatch', undefined, { StringToSign: policy, SignatureProvided: v4Signature });
    return;
  }
  const accessKeyId = fields.get('awsaccesskeyid');
  const v2Signature = fields.get('signature');
  if (accessKeyId === undefined || v2Signature === undefined) throw new S3Error('InvalidArgument', 'Bucket POST must contain a field named x-amz-signature (or AWSAccessKeyId and signature) with the policy', { ArgumentName: 'policy', ArgumentValue: '' });
  const secret = credentials.get(accessKeyId);
  if (secret === undefined) throw new S3Error('InvalidAccessKeyId', undefined, { AWSAccessKeyId: accessKeyId });
  const expected = createHmac('sha1', secret).update(policy, 'utf8').digest('base64');
  if (!signaturesEqual(expected, v2Signature)) throw new S3Error('SignatureDoesNotMatch', undefined, { StringToSign: policy, SignatureProvided: v2Signature });
}

function parsePolicy(policy: string): { expiration: string; conditions: unknown[] } {
  try {
    const document = JSON.parse(Buffer.from(policy, 'base64').toString('utf8')) as { expiration?: unknown; conditions?: unknown };
    if (typeof document.expiration !== 'string' || !Array.isArray(document.conditions)) throw new Error('shape');
    return { expiration: document.expiration, conditions: document.conditions };
  } catch {
    throw new S3Error('InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.');
  }
}

/** `["eq", "$key", "a"]`, `["starts-with", "$key", "a/"]`, `["content-length-range", 1, 9]` or `{"key": "a"}`. */
function conditionParts(condition: unknown): [string, string, string] {
  if (Array.isArray(condition) && condition.length === 3) return condition.map(String) as [string, string, string];
  if (condition !== null && typeof condition === 'object' && Object.keys(condition).length === 1) {
    const [[field, value]] = Object.entries(condition);
    return ['eq', `$${field}`, String(value)];
  }
  throw new S3Error('InvalidPolicyDocument', `Invalid Policy: Invalid Condition: ${JSON.stringify(condition)}`);
}

/**
 * Checks the policy's signature, expiry and conditions against the form fields (with the bucket
 * as a field). Returns the content-length-range to enforce while the file streams, if any.
 */
export function checkPostPolicy(fields: FormFields, bucket: string, credentials: Credentials, now: Date): LengthRange | undefined {
  const policy = fields.get('policy');
  if (policy === undefined) return undefined;
  verifySignature(fields, policy, credentials);
  const { expiration, conditions } = parsePolicy(policy);
  if (!(Date.parse(expiration) > now.getTime())) throw denied('Policy expired.');

  const values = new Map(fields);
  values.set('bucket', bucket);
  const covered = new Set<string>();
  let lengthRange: LengthRange | undefined;
  for (const condition of conditions) {
    const [operator, field, expected] = conditionParts(condition);
    if (operator === 'content-length-range') {
      lengthRange = { min: Number(field), max: Number(expected) };
      continue;
    }
    const name = field.replace(/^\$/, '').toLowerCase();
    covered.add(name);
    const actual = values.get(name) ?? '';
    const holds = operator.toLowerCase() === 'eq' ? actual === expected : operator.toLowerCase() === 'starts-with' && actual.startsWith(expected);
    if (!holds) throw denied(`Policy Condition failed: ${JSON.stringify(condition)}`);
  }
  const extra = [...fields.keys()].filter((name) => !UNCONDITIONED.has(name) && !name.startsWith('x-ignore-') && !covered.has(name));
  if (extra.length > 0) throw denied(`Extra input fields: ${extra.join(', ')}`);
  return lengthRange;
}
