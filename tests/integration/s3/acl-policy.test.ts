/**
 * ACLs as S3 serves them with ACLs disabled (Object Ownership "bucket owner enforced", S3's
 * default), and bucket policies stored and read back, from @aws-sdk/client-s3.
 */
import {
  CreateBucketCommand,
  DeleteBucketPolicyCommand,
  GetBucketAclCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetObjectAclCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutBucketAclCommand,
  PutBucketPolicyCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { errorCodeOf } from './raw-http';
import { s3ErrorOf } from './s3-error';
import { useS3 } from './s3-fixture';

const s3 = useS3();
const Bucket = 'test-bucket';

beforeAll(async () => {
  await s3.client.send(new PutObjectCommand({ Bucket, Key: 'owned.txt', Body: 'x' }));
});

describe('ACLs (disabled, as on every S3 bucket created since April 2023)', () => {
  it('GetBucketAcl and GetObjectAcl show the owner with FULL_CONTROL', async () => {
    for (const acl of [await s3.client.send(new GetBucketAclCommand({ Bucket })), await s3.client.send(new GetObjectAclCommand({ Bucket, Key: 'owned.txt' }))]) {
      expect(acl.Owner).toEqual({ ID: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(acl.Grants).toEqual([{ Grantee: { Type: 'CanonicalUser', ID: acl.Owner?.ID }, Permission: 'FULL_CONTROL' }]);
    }
  });

  it('accepts the owner-only ACL, by canned name or as the document GetBucketAcl returned', async () => {
    await s3.client.send(new PutObjectAclCommand({ Bucket, Key: 'owned.txt', ACL: 'private' }));
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'owner-full-control.txt', Body: 'x', ACL: 'bucket-owner-full-control' }));
    const { Owner, Grants } = await s3.client.send(new GetBucketAclCommand({ Bucket }));
    await s3.client.send(new PutBucketAclCommand({ Bucket, AccessControlPolicy: { Owner, Grants } }));
  });

  it('refuses any other ACL with AccessControlListNotSupported, storing nothing', async () => {
    const onObject = await s3ErrorOf(s3.client.send(new PutObjectAclCommand({ Bucket, Key: 'owned.txt', ACL: 'public-read' })));
    expect([onObject.name, onObject.$metadata.httpStatusCode, onObject.message]).toEqual(['AccessControlListNotSupported', 400, 'The bucket does not allow ACLs']);
    expect((await s3ErrorOf(s3.client.send(new PutObjectCommand({ Bucket, Key: 'public.txt', Body: 'x', ACL: 'public-read' })))).name).toBe('AccessControlListNotSupported');
    expect((await s3ErrorOf(s3.client.send(new HeadObjectCommand({ Bucket, Key: 'public.txt' })))).$metadata.httpStatusCode).toBe(404);
    const { Owner } = await s3.client.send(new GetBucketAclCommand({ Bucket }));
    const everyone = { Grantee: { Type: 'Group' as const, URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' as const };
    expect((await s3ErrorOf(s3.client.send(new PutBucketAclCommand({ Bucket, AccessControlPolicy: { Owner, Grants: [everyone] } })))).name).toBe('AccessControlListNotSupported');
  });

  it('refuses a bucket created with a public ACL with InvalidBucketAclWithObjectOwnership', async () => {
    expect((await s3ErrorOf(s3.client.send(new CreateBucketCommand({ Bucket: 'public-bucket', ACL: 'public-read' })))).name).toBe('InvalidBucketAclWithObjectOwnership');
  });

  it('refuses an unknown x-amz-object-ownership at creation with InvalidArgument quoting it, as S3 does', async () => {
    const error = await s3ErrorOf(s3.client.send(new CreateBucketCommand({ Bucket: 'odd-ownership', ObjectOwnership: 'RandomValue' as 'ObjectWriter' })));
    expect([error.name, error.message, (error as typeof error & { ArgumentValue?: string }).ArgumentValue]).toEqual(['InvalidArgument', 'Invalid x-amz-object-ownership header: RandomValue', undefined]);
  });

  it('answers NoSuchKey for the ACL of a key that does not exist', async () => {
    expect((await s3ErrorOf(s3.client.send(new GetObjectAclCommand({ Bucket, Key: 'missing.txt' })))).name).toBe('NoSuchKey');
  });
});

describe('bucket policy (stored and served back, not enforced)', () => {
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${Bucket}/*` }] });

  it('is NoSuchBucketPolicy until put, then reads back as put, until deleted', async () => {
    expect((await s3ErrorOf(s3.client.send(new GetBucketPolicyCommand({ Bucket })))).name).toBe('NoSuchBucketPolicy');
    await s3.client.send(new PutBucketPolicyCommand({ Bucket, Policy: policy }));
    expect((await s3.client.send(new GetBucketPolicyCommand({ Bucket }))).Policy).toBe(policy);
    await s3.client.send(new DeleteBucketPolicyCommand({ Bucket }));
    expect((await s3ErrorOf(s3.client.send(new GetBucketPolicyCommand({ Bucket })))).$metadata.httpStatusCode).toBe(404);
  });

  it('answers GetBucketPolicyStatus with NoSuchBucketPolicy while there is no policy, then with IsPublic', async () => {
    const missing = await s3ErrorOf(s3.client.send(new GetBucketPolicyStatusCommand({ Bucket })));
    expect([missing.name, missing.$metadata.httpStatusCode]).toEqual(['NoSuchBucketPolicy', 404]);
    await s3.client.send(new PutBucketPolicyCommand({ Bucket, Policy: policy }));
    expect((await s3.client.send(new GetBucketPolicyStatusCommand({ Bucket }))).PolicyStatus?.IsPublic).toBe(true);
    await s3.client.send(new DeleteBucketPolicyCommand({ Bucket }));
  });

  it.each(['not json', '[]', '{"Version":"2012-10-17"}'])('refuses %j with MalformedPolicy', async (Policy) => {
    expect((await s3ErrorOf(s3.client.send(new PutBucketPolicyCommand({ Bucket, Policy })))).name).toBe('MalformedPolicy');
  });

  it.each([
    [{ Effect: 'Allow', Principal: '*', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${Bucket}/*` }, 'Action does not apply to any resource(s) in statement'],
    [{ Effect: 'Allow', Principal: { AWS: 'alice' }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${Bucket}/*` }, 'Invalid principal in policy'],
    [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObjectz', Resource: `arn:aws:s3:::${Bucket}/*` }, 'Policy has invalid action'],
    [{ Effect: 'Allow', Principal: '*', Action: 's3:Foo*', Resource: `arn:aws:s3:::${Bucket}/*` }, 'Policy has invalid action'],
  ])('refuses %j: %s', async (statement, message) => {
    const error = await s3ErrorOf(s3.client.send(new PutBucketPolicyCommand({ Bucket, Policy: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }) })));
    expect([error.name, error.message]).toEqual(['MalformedPolicy', message]);
  });
});

describe('bucket policy conditions on tags', () => {
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `arn:aws:s3:::${Bucket}/finance/*`, Condition: { StringNotEquals: { 's3:RequestObjectTag/Department': 'Finance' } } },
      { Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${Bucket}/finance/*`, Condition: { StringEquals: { 's3:ExistingObjectTag/Classification': 'Secret' } } },
      { Effect: 'Deny', Principal: '*', Action: 's3:PutObjectTagging', Resource: `arn:aws:s3:::${Bucket}/finance/*`, Condition: { StringNotEquals: { 's3:RequestObjectTag/Department': 'Finance' } } },
      { Effect: 'Deny', Principal: '*', Action: 's3:PutObjectTagging', Resource: `arn:aws:s3:::${Bucket}/finance/*`, Condition: { 'ForAnyValue:StringNotEquals': { 's3:RequestObjectTagKeys': ['Department', 'Classification'] } } },
    ],
  });
  beforeAll(() => s3.client.send(new PutBucketPolicyCommand({ Bucket, Policy: policy })));
  afterAll(() => s3.client.send(new DeleteBucketPolicyCommand({ Bucket })));

  it('read the tag a condition names from the request, and from the object, whatever the case of its key', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'finance/q1.csv', Body: 'x', Tagging: 'Department=Finance' }));
    expect((await s3ErrorOf(s3.client.send(new PutObjectCommand({ Bucket, Key: 'finance/q2.csv', Body: 'x', Tagging: 'Department=Sales' })))).name).toBe('AccessDenied');
    expect((await s3ErrorOf(s3.client.send(new PutObjectCommand({ Bucket, Key: 'finance/q3.csv', Body: 'x' })))).name).toBe('AccessDenied');
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'finance/secret.csv', Body: 'x', Tagging: 'Department=Finance&Classification=Secret' }));
    expect((await s3ErrorOf(s3.client.send(new HeadObjectCommand({ Bucket, Key: 'finance/secret.csv' })))).$metadata.httpStatusCode).toBe(403);
    expect((await s3.client.send(new HeadObjectCommand({ Bucket, Key: 'finance/q1.csv' }))).ContentLength).toBe(1);
  });

  it('read the tags of a PutObjectTagging body, for s3:RequestObjectTag/<key> and s3:RequestObjectTagKeys', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'finance/retagged.csv', Body: 'x', Tagging: 'Department=Finance' }));
    const putTags = (...TagSet: Array<{ Key: string; Value: string }>) => s3.client.send(new PutObjectTaggingCommand({ Bucket, Key: 'finance/retagged.csv', Tagging: { TagSet } }));
    await putTags({ Key: 'Department', Value: 'Finance' }, { Key: 'Classification', Value: 'Internal' });
    expect((await s3ErrorOf(putTags({ Key: 'Department', Value: 'Sales' }))).name).toBe('AccessDenied');
    expect((await s3ErrorOf(putTags({ Key: 'Department', Value: 'Finance' }, { Key: 'Owner', Value: 'me' }))).name).toBe('AccessDenied');
    expect((await s3.client.send(new GetObjectTaggingCommand({ Bucket, Key: 'finance/retagged.csv' }))).TagSet).toEqual([
      { Key: 'Department', Value: 'Finance' },
      { Key: 'Classification', Value: 'Internal' },
    ]);
  });

  it("read the tags of a POST form's tagging field, a form built by createPresignedPost", async () => {
    const postForm = async (Key: string, department: string) => {
      const tagging = `<Tagging><TagSet><Tag><Key>Department</Key><Value>${department}</Value></Tag></TagSet></Tagging>`;
      const { url, fields } = await createPresignedPost(s3.client, { Bucket, Key, Fields: { tagging } });
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append('file', new Blob(['x']), 'q.csv');
      const response = await fetch(url, { method: 'POST', body: form });
      return [response.status, errorCodeOf(await response.text())];
    };
    expect(await postForm('finance/form-finance.csv', 'Finance')).toEqual([204, undefined]);
    expect(await postForm('finance/form-sales.csv', 'Sales')).toEqual([403, 'AccessDenied']);
    expect((await s3.client.send(new GetObjectTaggingCommand({ Bucket, Key: 'finance/form-finance.csv' }))).TagSet).toEqual([{ Key: 'Department', Value: 'Finance' }]);
  });
});

describe('bucket policy wildcards', () => {
  // Ten `*`s and a value of 44 characters: as a backtracking regular expression, a minute or more of one CPU per request.
  const pattern = `${'*a'.repeat(10)}z`;
  const long = 'a'.repeat(44);
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${Bucket}/${pattern}` },
      { Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${Bucket}/*`, Condition: { StringLike: { 'aws:Referer': pattern } } },
    ],
  });
  beforeAll(() => s3.client.send(new PutBucketPolicyCommand({ Bucket, Policy: policy })));
  afterAll(() => s3.client.send(new DeleteBucketPolicyCommand({ Bucket })));

  it('match a long key or header against many wildcards at once, denying what they match', async () => {
    const get = (key: string, referer?: string) => fetch(`${s3.server.url}/${Bucket}/${key}`, { headers: referer === undefined ? {} : { Referer: referer } });
    expect((await get(long)).status).toBe(404);
    expect((await get('owned.txt', long)).status).toBe(200);
    expect((await get(`${long}z`)).status).toBe(403);
    expect((await get('owned.txt', `${long}z`)).status).toBe(403);
  });
});
