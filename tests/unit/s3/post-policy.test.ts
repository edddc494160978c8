import { createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { parseCredentials } from '../../../src/s3/auth/credentials';
import { LengthLimit } from '../../../src/s3/body/length-limit';
import { checkPostPolicy } from '../../../src/s3/post-policy';

const credentials = parseCredentials('test-key:test-secret');
const now = new Date('2026-01-02T00:00:00Z');

/** A SigV2 POST form (AWSAccessKeyId + signature = base64 HMAC-SHA1 of the policy). */
function form(conditions: unknown[], fields: Record<string, string>, expiration = '2026-01-03T00:00:00Z') {
  const policy = Buffer.from(JSON.stringify({ expiration, conditions })).toString('base64');
  const signature = createHmac('sha1', 'test-secret').update(policy).digest('base64');
  return new Map(Object.entries({ ...fields, policy, awsaccesskeyid: 'test-key', signature }));
}

describe('POST policy conditions', () => {
  it('accepts fields meeting eq, starts-with and {field: value} conditions, returning the length range', () => {
    const fields = form([{ bucket: 'b' }, ['eq', '$key', 'a.txt'], ['starts-with', '$content-type', 'text/'], ['content-length-range', 0, 10]], { key: 'a.txt', 'content-type': 'text/plain' });
    expect(checkPostPolicy(fields, 'b', credentials, now)).toEqual({ accessKeyId: 'test-key', lengthRange: { min: 0, max: 10 } });
  });

  it.each([
    ['another bucket', [{ bucket: 'other' }], { key: 'a' }, 'Policy Condition failed'],
    ['an unmentioned field', [{ bucket: 'b' }], { key: 'a' }, 'Extra input fields: key'],
    ['an expired policy', [{ bucket: 'b' }, ['starts-with', '$key', '']], { key: 'a' }, 'Policy expired'],
    ['a policy that does not name the bucket', [['starts-with', '$key', '']], { key: 'a' }, 'Invalid according to Policy: Extra input fields: bucket'],
  ])('refuses %s with AccessDenied', (name, conditions, fields, reason) => {
    const expiration = name === 'an expired policy' ? '2026-01-01T00:00:00Z' : undefined;
    expect(() => checkPostPolicy(form(conditions, fields, expiration), 'b', credentials, now)).toThrow(
      expect.objectContaining({ code: 'AccessDenied', message: expect.stringContaining(reason) }),
    );
  });

  it.each([
    ['an expiration that is not ISO 8601 UTC', [{ bucket: 'b' }], '2026-01-03 00:00:00+00:00'],
    ['a content-length-range without its maximum', [{ bucket: 'b' }, ['content-length-range', 0]], undefined],
    ['a negative content-length-range', [{ bucket: 'b' }, ['content-length-range', -1, 0]], undefined],
    ['an empty condition', [{}], undefined],
  ])('refuses %s with InvalidPolicyDocument (400)', (_name, conditions, expiration) => {
    expect(() => checkPostPolicy(form(conditions, {}, expiration), 'b', credentials, now)).toThrow(expect.objectContaining({ code: 'InvalidPolicyDocument', status: 400 }));
  });

  it('refuses a policy signed with another secret with SignatureDoesNotMatch', () => {
    const fields = form([{ bucket: 'b' }], {});
    fields.set('signature', createHmac('sha1', 'wrong').update(fields.get('policy')!).digest('base64'));
    expect(() => checkPostPolicy(fields, 'b', credentials, now)).toThrow(expect.objectContaining({ code: 'SignatureDoesNotMatch' }));
  });

  it.each([
    ['a condition naming its field without $', [{ bucket: 'b' }, ['eq', 'key', 'a']], { key: 'a' }, 'Invalid according to Policy: Policy Condition failed: ["eq", "key", "a"]'],
    ['a failed condition, quoted as S3 quotes it', [{ bucket: 'b' }, ['starts-with', '$key', 'up/']], { key: 'a' }, 'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "up/"]'],
    ['a content-length-range that is no number', [{ bucket: 'b' }, ['content-length-range', 'test', '10']], {}, 'Invalid according to Policy: Policy Condition failed: ["content-length-range", "test", "10"]'],
  ])('refuses %s with AccessDenied in S3\'s words', (_name, conditions, fields, message) => {
    expect(() => checkPostPolicy(form(conditions, fields), 'b', credentials, now)).toThrow(expect.objectContaining({ code: 'AccessDenied', message }));
  });

  it('takes a content-length-range given as numeric strings', () => {
    expect(checkPostPolicy(form([{ bucket: 'b' }, ['content-length-range', '5', '10']], {}), 'b', credentials, now).lengthRange).toEqual({ min: 5, max: 10 });
  });

  it('refuses a simple condition of two properties with InvalidPolicyDocument in S3\'s words', () => {
    expect(() => checkPostPolicy(form([{ bucket: 'b', key: 'a' }], { key: 'a' }), 'b', credentials, now)).toThrow(
      expect.objectContaining({ code: 'InvalidPolicyDocument', message: 'Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.' }),
    );
  });

  it.each([
    ['SigV2 without its signature', ['signature'], 'Signature'],
    ['SigV2 without its access key', ['awsaccesskeyid'], 'AWSAccessKeyId'],
  ])('refuses a form signed with %s, naming the missing field', (_name, dropped, argumentName) => {
    const fields = form([{ bucket: 'b' }], {});
    for (const name of dropped) fields.delete(name);
    expect(() => checkPostPolicy(fields, 'b', credentials, now)).toThrow(
      expect.objectContaining({
        code: 'InvalidArgument',
        message: `Bucket POST must contain a field named '${argumentName}'.  If it is specified, please check the order of the fields.`,
        fields: expect.objectContaining({ ArgumentName: argumentName, ArgumentValue: '' }),
      }),
    );
  });

  it.each([
    ['its signature', { 'x-amz-algorithm': 'AWS4-HMAC-SHA256', 'x-amz-credential': 'test-key/20260102/us-east-1/s3/aws4_request', 'x-amz-date': '20260102T000000Z' }, 'X-Amz-Signature'],
    ['its algorithm and credential', { 'x-amz-date': '20260102T000000Z', 'x-amz-signature': 'abc' }, 'X-Amz-Algorithm'],
    ['its date', { 'x-amz-algorithm': 'AWS4-HMAC-SHA256', 'x-amz-credential': 'test-key/20260102/us-east-1/s3/aws4_request', 'x-amz-signature': 'abc' }, 'X-Amz-Date'],
  ])('refuses a SigV4 form without %s, naming the first field missing', (_name, signatureFields, argumentName) => {
    const fields = new Map(Object.entries({ key: 'a', policy: Buffer.from('{}').toString('base64'), ...signatureFields }));
    expect(() => checkPostPolicy(fields, 'b', credentials, now)).toThrow(
      expect.objectContaining({ code: 'InvalidArgument', message: expect.stringContaining(`'${argumentName}'`), fields: expect.objectContaining({ ArgumentName: argumentName }) }),
    );
  });

  it('refuses a policy with no signature fields at all with AccessDenied', () => {
    const fields = new Map([['key', 'a'], ['policy', Buffer.from('{}').toString('base64')]]);
    expect(() => checkPostPolicy(fields, 'b', credentials, now)).toThrow(expect.objectContaining({ code: 'AccessDenied', message: 'Access Denied' }));
  });

  it('has nothing to check without a policy', () => {
    expect(checkPostPolicy(new Map([['key', 'a']]), 'b', credentials, now)).toEqual({});
  });
});

describe('content-length-range enforcement while streaming', () => {
  it('passes a body within the range', async () => {
    expect((await buffer(Readable.from([Buffer.from('hello')]).pipe(new LengthLimit({ min: 1, max: 5 })))).toString()).toBe('hello');
  });

  it('fails with EntityTooLarge above it and EntityTooSmall below it', async () => {
    await expect(pipeline(Readable.from([Buffer.from('hello!')]), new LengthLimit({ min: 1, max: 5 }), async (s) => buffer(s))).rejects.toMatchObject({
      code: 'EntityTooLarge',
      message: 'Your proposed upload exceeds the maximum allowed size',
    });
    await expect(pipeline(Readable.from([Buffer.from('')]), new LengthLimit({ min: 1, max: 5 }), async (s) => buffer(s))).rejects.toMatchObject({
      code: 'EntityTooSmall',
      message: 'Your proposed upload is smaller than the minimum allowed size',
    });
  });
});
