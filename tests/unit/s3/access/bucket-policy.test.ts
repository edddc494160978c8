/**
 * Bucket policy validation and evaluation (src/s3/access/bucket-policy.ts), over a table of
 * statements and requests: who, which action, which resource, which condition values.
 */
import { assertPolicyAccepted, evaluatePolicy, isPublicPolicy, parseBucketPolicy, type PolicyDecision } from '../../../../src/s3/access/bucket-policy';
import { ANONYMOUS, PrincipalDirectory, type Principal } from '../../../../src/s3/access/principals';

const directory = new PrincipalDirectory('123456789012', ['owner-key', 'alice-key', 'alt-key'], new Map([
  ['alice-key', { arn: 'arn:aws:iam::123456789012:user/alice' }],
  ['alt-key', { arn: 'arn:aws:iam::222222222222:root' }],
]));
const owner = directory.ofAccessKey('owner-key');
const alice = directory.ofAccessKey('alice-key');
const alt = directory.ofAccessKey('alt-key');

type Statement = Record<string, unknown>;
const policyOf = (...statements: Statement[]) => parseBucketPolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), 'b');
/** As PutBucketPolicy takes a policy: parsed, then checked. */
const putPolicyOf = (...statements: Statement[]) => assertPolicyAccepted(policyOf(...statements));

const allow = (extra: Statement = {}): Statement => ({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...extra });
const deny = (extra: Statement = {}): Statement => ({ ...allow(extra), Effect: 'Deny', ...extra });

interface Case {
  name: string;
  statements: Statement[];
  principal?: Principal;
  action?: string;
  resource?: string;
  values?: Record<string, string[]>;
  expected: PolicyDecision;
}

const cases: Case[] = [
  { name: 'Principal * allows anyone, anonymous included', statements: [allow()], principal: ANONYMOUS, expected: 'Allow' },
  { name: 'a statement for another action says nothing', statements: [allow()], action: 's3:PutObject', expected: 'None' },
  { name: 'action wildcards match case-insensitively', statements: [allow({ Action: 'S3:Get*' })], action: 's3:GetObjectAcl', expected: 'Allow' },
  { name: 'resource wildcards match the key', statements: [allow({ Resource: 'arn:aws:s3:::b/public/*' })], resource: 'arn:aws:s3:::b/private/k', expected: 'None' },
  { name: 'an explicit Deny wins over an Allow', statements: [allow(), deny()], expected: 'Deny' },
  { name: '{"AWS": "*"} matches anonymous callers', statements: [allow({ Principal: { AWS: '*' } })], principal: ANONYMOUS, expected: 'Allow' },
  { name: 'an account id matches its root and its users', statements: [allow({ Principal: { AWS: '222222222222' } })], principal: alt, expected: 'Allow' },
  { name: 'a user ARN matches that user only', statements: [allow({ Principal: { AWS: ['arn:aws:iam::123456789012:user/alice'] } })], principal: owner, expected: 'None' },
  { name: 'a user ARN matches the key mapped to it', statements: [allow({ Principal: { AWS: 'arn:aws:iam::123456789012:user/alice' } })], principal: alice, expected: 'Allow' },
  { name: 'the account root ARN covers its IAM users', statements: [allow({ Principal: { AWS: 'arn:aws:iam::123456789012:root' } })], principal: alice, expected: 'Allow' },
  { name: 'a canonical user principal', statements: [allow({ Principal: { CanonicalUser: alt.canonicalId } })], principal: alt, expected: 'Allow' },
  { name: 'NotPrincipal denies everyone else', statements: [{ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: '*', Resource: 'arn:aws:s3:::b/*' }], principal: alt, expected: 'Deny' },
  { name: 'NotPrincipal spares the principals it names', statements: [{ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: '*', Resource: 'arn:aws:s3:::b/*' }], principal: owner, expected: 'None' },
  { name: 'NotAction applies to every other action', statements: [deny({ Action: undefined, NotAction: 's3:GetObject' })], action: 's3:DeleteObject', expected: 'Deny' },
  { name: 'NotResource applies to every other resource', statements: [deny({ Resource: undefined, NotResource: 'arn:aws:s3:::b/public/*' })], resource: 'arn:aws:s3:::b/secret', expected: 'Deny' },
  { name: 'StringLike s3:prefix holds', statements: [allow({ Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b', Condition: { StringLike: { 's3:prefix': 'public/*' } } })], action: 's3:ListBucket', resource: 'arn:aws:s3:::b', values: { 's3:prefix': ['public/a'] }, expected: 'Allow' },
  { name: 'StringLike s3:prefix fails', statements: [allow({ Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b', Condition: { StringLike: { 's3:prefix': 'public/*' } } })], action: 's3:ListBucket', resource: 'arn:aws:s3:::b', values: { 's3:prefix': ['private/a'] }, expected: 'None' },
  { name: 'a condition on a key the request lacks does not hold', statements: [allow({ Condition: { StringEquals: { 's3:x-amz-acl': 'private' } } })], expected: 'None' },
  { name: '...IfExists holds when the key is absent', statements: [allow({ Condition: { StringLikeIfExists: { 'aws:Referer': 'http://www.example.com/*' } } })], expected: 'Allow' },
  { name: '...IfExists still tests a present key', statements: [allow({ Condition: { StringLikeIfExists: { 'aws:Referer': 'http://www.example.com/*' } } })], values: { 'aws:referer': ['http://example.com'] }, expected: 'None' },
  { name: 'a negated operator holds when the key is absent', statements: [deny({ Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' } } })], expected: 'Deny' },
  { name: 'StringNotEquals with the expected value does not deny', statements: [deny({ Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' } } })], values: { 's3:x-amz-server-side-encryption': ['AES256'] }, expected: 'None' },
  { name: 'IpAddress matches inside the CIDR', statements: [allow({ Condition: { IpAddress: { 'aws:SourceIp': '127.0.0.0/8' } } })], values: { 'aws:sourceip': ['127.0.0.1'] }, expected: 'Allow' },
  { name: 'IpAddress reads IPv4-mapped IPv6 addresses', statements: [allow({ Condition: { IpAddress: { 'aws:SourceIp': '10.1.0.0/16' } } })], values: { 'aws:sourceip': ['::ffff:10.1.2.3'] }, expected: 'Allow' },
  { name: 'NotIpAddress denies from outside', statements: [deny({ Condition: { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } } })], values: { 'aws:sourceip': ['127.0.0.1'] }, expected: 'Deny' },
  { name: 'Bool aws:SecureTransport false denies plain HTTP', statements: [deny({ Condition: { Bool: { 'aws:SecureTransport': 'false' } } })], values: { 'aws:securetransport': ['false'] }, expected: 'Deny' },
  { name: 'NumericLessThanEquals on s3:max-keys', statements: [allow({ Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b', Condition: { NumericLessThanEquals: { 's3:max-keys': '10' } } })], action: 's3:ListBucket', resource: 'arn:aws:s3:::b', values: { 's3:max-keys': ['20'] }, expected: 'None' },
  { name: 'every key of an operator must hold (AND), any value of a key may (OR)', statements: [allow({ Condition: { StringEquals: { 's3:x-amz-acl': ['private', 'public-read'], 's3:x-amz-storage-class': 'STANDARD' } } })], values: { 's3:x-amz-acl': ['public-read'], 's3:x-amz-storage-class': ['STANDARD'] }, expected: 'Allow' },
  { name: 'ForAnyValue over a multi-valued key', statements: [allow({ Condition: { 'ForAnyValue:StringEquals': { 's3:RequestObjectTagKeys': ['team'] } } })], values: { 's3:requestobjecttagkeys': ['team', 'x'] }, expected: 'Allow' },
  { name: 'ForAnyValue:StringNotEquals holds when one value is outside the list', statements: [allow({ Condition: { 'ForAnyValue:StringNotEquals': { 's3:RequestObjectTagKeys': ['team'] } } })], values: { 's3:requestobjecttagkeys': ['team', 'x'] }, expected: 'Allow' },
  { name: 'ForAnyValue:StringNotEquals fails when every value is in the list', statements: [allow({ Condition: { 'ForAnyValue:StringNotEquals': { 's3:RequestObjectTagKeys': ['team', 'x'] } } })], values: { 's3:requestobjecttagkeys': ['team', 'x'] }, expected: 'None' },
  { name: 'ForAllValues refuses a value outside the list', statements: [allow({ Condition: { 'ForAllValues:StringEquals': { 's3:RequestObjectTagKeys': ['team'] } } })], values: { 's3:requestobjecttagkeys': ['team', 'x'] }, expected: 'None' },
  { name: 'Null true holds for an absent key', statements: [deny({ Condition: { Null: { 's3:x-amz-server-side-encryption': 'true' } } })], expected: 'Deny' },
];

describe('bucket policy evaluation', () => {
  it.each(cases)('$name', ({ statements, principal = alt, action = 's3:GetObject', resource = 'arn:aws:s3:::b/k', values = {}, expected }) => {
    const policy = policyOf(...statements);
    expect(evaluatePolicy(policy, { principal, action, resource, values: (key) => values[key] })).toBe(expected);
  });

  it('ignores public Allows when asked to (Block Public Access RestrictPublicBuckets), not pinned ones', () => {
    const policy = policyOf(allow(), allow({ Principal: { AWS: '222222222222' }, Action: 's3:PutObject' }));
    const request = { principal: alt, resource: 'arn:aws:s3:::b/k', values: () => undefined };
    expect(evaluatePolicy(policy, { ...request, action: 's3:GetObject' }, { skipPublicAllows: true })).toBe('None');
    expect(evaluatePolicy(policy, { ...request, action: 's3:PutObject' }, { skipPublicAllows: true })).toBe('Allow');
  });
});

describe('bucket policy validation (MalformedPolicy)', () => {
  it.each([
    ['not JSON', '{"Statement":'],
    ['no Statement', '{"Version":"2012-10-17"}'],
    ['an unknown Effect', JSON.stringify({ Statement: [{ ...allow(), Effect: 'Maybe' }] })],
    ['no Principal', JSON.stringify({ Statement: [{ ...allow(), Principal: undefined }] })],
    ['no Action', JSON.stringify({ Statement: [{ ...allow(), Action: undefined }] })],
    ['an action outside S3', JSON.stringify({ Statement: [allow({ Action: 'ec2:RunInstances' })] })],
    ['a resource in another bucket', JSON.stringify({ Statement: [allow({ Resource: 'arn:aws:s3:::other/*' })] })],
    ['an unknown condition operator', JSON.stringify({ Statement: [allow({ Condition: { StringSortOf: { 's3:prefix': 'a' } } })] })],
    ['NotPrincipal with Allow', JSON.stringify({ Statement: [{ ...allow(), Principal: undefined, NotPrincipal: { AWS: '*' } }] })],
    ['an unknown version', JSON.stringify({ Version: '2020-01-01', Statement: [allow()] })],
  ])('refuses %s', (_name, text) => {
    expect(() => parseBucketPolicy(text, 'b')).toThrow(expect.objectContaining({ code: 'MalformedPolicy', status: 400 }));
  });

  it.each([
    ['a bucket action on objects', allow({ Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b/*' })],
    ['an object action on the bucket', allow({ Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: 'arn:aws:s3:::b' })],
    ['one of its actions on no resource of its kind', allow({ Action: ['s3:GetObject', 's3:ListBucket'], Resource: 'arn:aws:s3:::b/*' })],
    ['an action wildcard matching object actions only, on the bucket', allow({ Action: 's3:*ObjectTagging', Resource: 'arn:aws:s3:::b' })],
  ])('refuses %s: "Action does not apply to any resource(s) in statement"', (_name, statement) => {
    expect(() => putPolicyOf(statement)).toThrow(expect.objectContaining({ code: 'MalformedPolicy', message: 'Action does not apply to any resource(s) in statement' }));
  });

  it.each([
    ['bucket and object actions over both', allow({ Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'] })],
    ['s3:Get* on the bucket alone (s3:GetBucketPolicy is one)', allow({ Action: 's3:Get*', Resource: 'arn:aws:s3:::b' })],
    ['s3:* on objects', allow({ Action: 's3:*', Resource: 'arn:aws:s3:::b/*' })],
    ['an object action on a wildcard bucket name', allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::b*' })],
    ['an action the mock does not serve', allow({ Action: 's3:GetBucketWebsite', Resource: 'arn:aws:s3:::b' })],
  ])('accepts %s', (_name, statement) => {
    expect(() => putPolicyOf(statement)).not.toThrow();
  });

  it.each([
    ['a misspelt action', allow({ Action: 's3:GetObjectz' })],
    ['an API operation that is no IAM action', allow({ Action: ['s3:GetObject', 's3:HeadObject'] })],
    ['a wildcard that names no S3 action', allow({ Action: 's3:Foo*' })],
    ['a ? wildcard that names no S3 action', allow({ Action: 's3:GetObjec?z' })],
    ['a NotAction that names no S3 action', deny({ Action: undefined, NotAction: 's3:GetObjects' })],
  ])('refuses %s: "Policy has invalid action"', (_name, statement) => {
    expect(() => putPolicyOf(statement)).toThrow(expect.objectContaining({ code: 'MalformedPolicy', message: 'Policy has invalid action' }));
  });

  it.each([
    ['*', allow({ Action: '*' })],
    ['an action in another case', allow({ Action: 'S3:getobject' })],
    ['wildcards that name S3 actions', allow({ Action: ['s3:GetObject*', 's3:*Object', 's3:GetObjec?'] })],
  ])('accepts %s', (_name, statement) => {
    expect(() => putPolicyOf(statement)).not.toThrow();
  });

  it('reads back a stored policy that PutBucketPolicy now refuses, as it was taken before', () => {
    const stored = policyOf(allow({ Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b/*' }), allow({ Principal: { AWS: 'alice' } }), allow({ Action: 's3:GetObjectz' }));
    expect(stored.statements).toHaveLength(3);
  });

  it('refuses an AWS principal that is no account id, IAM or STS ARN, or *: "Invalid principal in policy"', () => {
    for (const AWS of [['222222222222', 'alice'], 'arn:aws:s3:::b', '12345']) {
      expect(() => putPolicyOf(allow({ Principal: { AWS } }))).toThrow(expect.objectContaining({ code: 'MalformedPolicy', message: 'Invalid principal in policy' }));
    }
    expect(() => putPolicyOf(allow({ Principal: { AWS: ['*', '222222222222', 'arn:aws:sts::222222222222:assumed-role/app/session'] } }))).not.toThrow();
  });

  it('refuses a Version that is neither 2012-10-17 nor 2008-10-17, an empty one too: "The policy must contain a valid version string"', () => {
    for (const Version of ['2017-06-20', '', 2012]) {
      expect(() => parseBucketPolicy(JSON.stringify({ Version, Statement: [allow()] }), 'b')).toThrow(
        expect.objectContaining({ code: 'MalformedPolicy', message: 'The policy must contain a valid version string' }),
      );
    }
    expect(() => parseBucketPolicy(JSON.stringify({ Statement: [allow()] }), 'b')).not.toThrow();
  });

  it.each([
    ['{true}', 'This policy contains invalid Json'],
    ['{"Principal": "*" ', 'This policy contains invalid Json'],
    ['', "Policies must be valid JSON and the first byte must be '{'"],
    ['false', "Policies must be valid JSON and the first byte must be '{'"],
    ['"Statement": []}', "Policies must be valid JSON and the first byte must be '{'"],
  ])('refuses %j that does not parse as an object: %s', (text, message) => {
    expect(() => parseBucketPolicy(text, 'b')).toThrow(expect.objectContaining({ code: 'MalformedPolicy', message }));
  });

  it.each([
    ['Action', 'Policy has invalid action', { Action: [] }],
    ['Resource', 'Policy has invalid resource', { Resource: [] }],
    ['AWS principal', 'Invalid principal in policy', { Principal: { AWS: [] } }],
    ['CanonicalUser principal', 'Invalid principal in policy', { Principal: { CanonicalUser: [] } }],
  ])('refuses an empty %s list in its own words: %s', (_name, message, extra) => {
    expect(() => policyOf(allow(extra))).toThrow(expect.objectContaining({ code: 'MalformedPolicy', message }));
  });

  it('accepts wildcard resources that may name the bucket', () => {
    expect(() => parseBucketPolicy(JSON.stringify({ Statement: [allow({ Resource: ['arn:aws:s3:::*', 'arn:aws:s3:::*/*'] })] }), 'b')).not.toThrow();
  });
});

describe('public policies (Block Public Access)', () => {
  it.each([
    ['Principal *', [allow()], true],
    ['{"AWS": "*"}', [allow({ Principal: { AWS: '*' } })], true],
    ['an account principal', [allow({ Principal: { AWS: '222222222222' } })], false],
    ['* pinned to a source IP range', [allow({ Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })], false],
    ['* with an open IP range', [allow({ Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } })], true],
    ['* pinned to a source account', [allow({ Condition: { StringEquals: { 'aws:SourceAccount': '222222222222' } } })], false],
    ['a Deny for everyone', [deny()], false],
  ])('%s', (_name, statements, expected) => {
    expect(isPublicPolicy(policyOf(...(statements as Statement[])))).toBe(expected);
  });
});
