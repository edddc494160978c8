/**
 * Who may do what (docs/ARCHITECTURE.md, "S3 access control"), from @aws-sdk/client-s3 for the
 * owner, an IAM user of the owner's account and a second account, and from plain HTTP for
 * anonymous callers, with S3_AUTH=strict and ACLs enabled (S3_OBJECT_OWNERSHIP=ObjectWriter),
 * Requester Pays buckets included.
 * The last test restarts the server on the same data and reads every setting back.
 */
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketOwnershipControlsCommand,
  DeleteBucketPolicyCommand,
  DeleteObjectCommand,
  GetBucketAclCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketRequestPaymentCommand,
  GetObjectAclCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectVersionsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutBucketAclCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutBucketRequestPaymentCommand,
  PutBucketVersioningCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from '../../../src/kit';
import { startServer } from '../../support/standin-harness';
import { rawRequest } from './raw-http';
import { s3ErrorOf } from './s3-error';
import { signedRequest } from './signed-request';
import { s3Client } from './sdk-client';

const OWNER_ID = '75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a';
const ALT_ID = 'a1'.repeat(32);
const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';

const ENV = {
  S3_AUTH: 'strict',
  S3_OBJECT_OWNERSHIP: 'ObjectWriter',
  S3_CREDENTIALS: 'test-key:test-secret,alice-key:alice-secret,alt-key:alt-secret',
  S3_PRINCIPALS: JSON.stringify({
    'alice-key': { arn: 'arn:aws:iam::123456789012:user/alice' },
    'alt-key': { arn: 'arn:aws:iam::222222222222:root', id: ALT_ID, displayName: 'alt' },
  }),
};

let dataDir: string;
let server: RunningServer;
const clients: S3Client[] = [];

function clientFor(accessKeyId: string, secretAccessKey: string): S3Client {
  const client = s3Client(server, 'path', 'us-east-1', { credentials: { accessKeyId, secretAccessKey } });
  clients.push(client);
  return client;
}
const owner = () => clientFor('test-key', 'test-secret');
const alice = () => clientFor('alice-key', 'alice-secret');
const alt = () => clientFor('alt-key', 'alt-secret');
const anonymous = (method: string, path: string, body?: string) => fetch(`http://127.0.0.1:${server.port}${path}`, { method, body });

async function restart(): Promise<void> {
  for (const client of clients.splice(0)) client.destroy();
  await server?.close();
  server = await startServer('s3', { env: ENV, dataDir });
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 's3-access-'));
  await restart();
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('anonymous requests (S3_AUTH=strict)', () => {
  beforeAll(async () => {
    await owner().send(new CreateBucketCommand({ Bucket: 'anon' }));
    await owner().send(new PutObjectCommand({ Bucket: 'anon', Key: 'private.txt', Body: 'secret' }));
    await owner().send(new PutObjectCommand({ Bucket: 'anon', Key: 'public.txt', Body: 'hello', ACL: 'public-read' }));
  });

  it('read an object whose ACL grants AllUsers READ, and nothing else', async () => {
    const publicRead = await anonymous('GET', '/anon/public.txt');
    expect([publicRead.status, await publicRead.text()]).toEqual([200, 'hello']);
    const privateRead = await anonymous('GET', '/anon/private.txt');
    expect(privateRead.status).toBe(403);
    expect(await privateRead.text()).toContain('<Code>AccessDenied</Code>');
    expect((await anonymous('GET', '/anon')).status).toBe(403);
    expect((await anonymous('PUT', '/anon/new.txt', 'x')).status).toBe(403);
  });

  it('may not ask for response-* header overrides, which a signed request may', async () => {
    const refused = await anonymous('GET', '/anon/public.txt?response-content-type=text/html');
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('<Message>Request specific response headers cannot be used for anonymous GET requests.</Message>');
    expect((await anonymous('HEAD', '/anon/public.txt?response-cache-control=no-store')).status).toBe(400);
    const signed = await owner().send(new GetObjectCommand({ Bucket: 'anon', Key: 'public.txt', ResponseContentType: 'text/html' }));
    expect([signed.ContentType, await signed.Body?.transformToString()]).toEqual(['text/html', 'hello']);
  });

  it('write to a bucket whose ACL grants AllUsers WRITE', async () => {
    await owner().send(new PutBucketAclCommand({ Bucket: 'anon', ACL: 'public-read-write' }));
    expect((await anonymous('PUT', '/anon/dropped.txt', 'from anyone')).status).toBe(200);
    expect((await anonymous('GET', '/anon?list-type=2')).status).toBe(200);
    await owner().send(new PutBucketAclCommand({ Bucket: 'anon', ACL: 'private' }));
    expect((await anonymous('PUT', '/anon/dropped.txt', 'again')).status).toBe(403);
  });

  it('are refused a PutObjectTagging before its body is read, unless the policy tests the tags it sets', async () => {
    const putTagging = (bucket: string, body: string) => anonymous('PUT', `/${bucket}/private.txt?tagging`, body);
    const tagging = (value: string) => `<Tagging><TagSet><Tag><Key>team</Key><Value>${value}</Value></Tag></TagSet></Tagging>`;
    const refused = await putTagging('anon', 'not a Tagging document');
    expect([refused.status, await refused.text()]).toEqual([403, expect.stringContaining('<Code>AccessDenied</Code>')]);
    await owner().send(new CreateBucketCommand({ Bucket: 'anon-tags' }));
    await owner().send(new PutObjectCommand({ Bucket: 'anon-tags', Key: 'private.txt', Body: 'x' }));
    const byTag = { Effect: 'Allow', Principal: '*', Action: 's3:PutObjectTagging', Resource: 'arn:aws:s3:::anon-tags/*', Condition: { StringEquals: { 's3:RequestObjectTag/team': 'blue' } } };
    await owner().send(new PutBucketPolicyCommand({ Bucket: 'anon-tags', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [byTag] }) }));
    const malformed = await putTagging('anon-tags', 'not a Tagging document');
    expect([malformed.status, await malformed.text()]).toEqual([400, expect.stringContaining('<Code>MalformedXML</Code>')]);
    expect((await putTagging('anon-tags', tagging('red'))).status).toBe(403);
    expect((await putTagging('anon-tags', tagging('blue'))).status).toBe(200);
  });

  it('are refused AccessDenied for ListBuckets and CreateBucket, and an empty Authorization header is no anonymous request', async () => {
    const listBuckets = await anonymous('GET', '/');
    expect(listBuckets.status).toBe(403);
    expect(await listBuckets.text()).toContain('<Code>AccessDenied</Code>');
    expect((await anonymous('PUT', '/made-by-nobody')).status).toBe(403);
    const emptyAuth = await fetch(`http://127.0.0.1:${server.port}/anon/public.txt`, { headers: { Authorization: '' } });
    expect(emptyAuth.status).toBe(403);
    expect(await emptyAuth.text()).toContain('<Code>AccessDenied</Code>');
  });
});

describe('another account (a second key pair mapped to another account)', () => {
  beforeAll(async () => {
    await owner().send(new CreateBucketCommand({ Bucket: 'shared' }));
    await owner().send(new PutObjectCommand({ Bucket: 'shared', Key: 'report.txt', Body: 'numbers' }));
  });

  it('is refused the owner’s bucket until a grant or the policy allows it', async () => {
    expect((await s3ErrorOf(alt().send(new ListObjectsV2Command({ Bucket: 'shared' })))).name).toBe('AccessDenied');
    expect((await s3ErrorOf(alt().send(new GetObjectCommand({ Bucket: 'shared', Key: 'report.txt' })))).$metadata.httpStatusCode).toBe(403);
    await owner().send(new PutBucketAclCommand({ Bucket: 'shared', GrantRead: `id="${ALT_ID}"` }));
    expect((await alt().send(new ListObjectsV2Command({ Bucket: 'shared' }))).Contents?.map((object) => object.Key)).toEqual(['report.txt']);
    await owner().send(new PutObjectAclCommand({ Bucket: 'shared', Key: 'report.txt', GrantRead: `id="${ALT_ID}"` }));
    expect(await (await alt().send(new GetObjectCommand({ Bucket: 'shared', Key: 'report.txt' }))).Body?.transformToString()).toBe('numbers');
  });

  it('owns what it writes into a bucket with ACLs enabled, and sees only its own buckets', async () => {
    await owner().send(new PutBucketAclCommand({ Bucket: 'shared', GrantWrite: `id="${ALT_ID}"` }));
    await alt().send(new PutObjectCommand({ Bucket: 'shared', Key: 'from-alt.txt', Body: 'mine' }));
    const acl = await alt().send(new GetObjectAclCommand({ Bucket: 'shared', Key: 'from-alt.txt' }));
    expect(acl.Owner).toEqual({ ID: ALT_ID });
    // The bucket owner may delete it, but reads it only if its ACL says so.
    expect((await s3ErrorOf(owner().send(new GetObjectCommand({ Bucket: 'shared', Key: 'from-alt.txt' })))).name).toBe('AccessDenied');
    await alt().send(new PutObjectAclCommand({ Bucket: 'shared', Key: 'from-alt.txt', ACL: 'bucket-owner-read' }));
    expect(await (await owner().send(new GetObjectCommand({ Bucket: 'shared', Key: 'from-alt.txt' }))).Body?.transformToString()).toBe('mine');
    await alt().send(new PutObjectAclCommand({ Bucket: 'shared', Key: 'from-alt.txt', ACL: 'private' }));
    await alt().send(new CreateBucketCommand({ Bucket: 'alt-own' }));
    expect((await alt().send(new ListBucketsCommand({}))).Buckets?.map((bucket) => bucket.Name)).toEqual(['alt-own']);
    expect((await owner().send(new ListBucketsCommand({}))).Buckets?.map((bucket) => bucket.Name)).not.toContain('alt-own');
    const taken = await s3ErrorOf(owner().send(new CreateBucketCommand({ Bucket: 'alt-own' })));
    expect([taken.name, taken.$metadata.httpStatusCode]).toEqual(['BucketAlreadyExists', 409]);
  });

  it('is allowed by a bucket policy naming its account, and an explicit Deny wins even for the owner’s own IAM user', async () => {
    await owner().send(new CreateBucketCommand({ Bucket: 'governed' }));
    await owner().send(new PutObjectCommand({ Bucket: 'governed', Key: 'keep.txt', Body: 'k' }));
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: '222222222222' }, Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::governed', 'arn:aws:s3:::governed/*'] },
        { Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::123456789012:user/alice' }, Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::governed/*' },
      ],
    };
    await owner().send(new PutBucketPolicyCommand({ Bucket: 'governed', Policy: JSON.stringify(policy) }));
    expect(await (await alt().send(new GetObjectCommand({ Bucket: 'governed', Key: 'keep.txt' }))).Body?.transformToString()).toBe('k');
    expect((await s3ErrorOf(alt().send(new PutObjectCommand({ Bucket: 'governed', Key: 'x', Body: 'x' })))).name).toBe('AccessDenied');
    expect((await s3ErrorOf(alice().send(new DeleteObjectCommand({ Bucket: 'governed', Key: 'keep.txt' })))).name).toBe('AccessDenied');
    await alice().send(new PutObjectCommand({ Bucket: 'governed', Key: 'by-alice.txt', Body: 'a' }));
    await owner().send(new DeleteObjectCommand({ Bucket: 'governed', Key: 'by-alice.txt' }));
  });

  it('may not read or change a bucket policy, even where the policy allows it (405 MethodNotAllowed)', async () => {
    await owner().send(new CreateBucketCommand({ Bucket: 'policy-shared' }));
    const policy = { Statement: [{ Effect: 'Allow', Principal: { AWS: '222222222222' }, Action: ['s3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy'], Resource: 'arn:aws:s3:::policy-shared' }] };
    expect((await s3ErrorOf(alt().send(new GetBucketPolicyCommand({ Bucket: 'policy-shared' })))).$metadata.httpStatusCode).toBe(403);
    await owner().send(new PutBucketPolicyCommand({ Bucket: 'policy-shared', Policy: JSON.stringify(policy) }));
    for (const request of [
      alt().send(new GetBucketPolicyCommand({ Bucket: 'policy-shared' })),
      alt().send(new PutBucketPolicyCommand({ Bucket: 'policy-shared', Policy: JSON.stringify(policy) })),
      alt().send(new DeleteBucketPolicyCommand({ Bucket: 'policy-shared' })),
    ]) {
      const refused = await s3ErrorOf(request);
      expect([refused.name, refused.$metadata.httpStatusCode]).toEqual(['MethodNotAllowed', 405]);
    }
    expect(JSON.parse((await owner().send(new GetBucketPolicyCommand({ Bucket: 'policy-shared' }))).Policy ?? '{}')).toEqual(policy);
  });

  it('may copy only what it may read', async () => {
    await alt().send(new CopyObjectCommand({ Bucket: 'alt-own', Key: 'copied', CopySource: 'governed/keep.txt' }));
    const refused = await s3ErrorOf(alt().send(new CopyObjectCommand({ Bucket: 'alt-own', Key: 'stolen', CopySource: 'anon/private.txt' })));
    expect(refused.name).toBe('AccessDenied');
  });

  it('checks the expected owner of a copy’s destination and of its source, each against its own header', async () => {
    const copy = (expected: { ExpectedBucketOwner?: string; ExpectedSourceBucketOwner?: string }) =>
      alt().send(new CopyObjectCommand({ Bucket: 'alt-own', Key: 'copied-checked', CopySource: 'governed/keep.txt', ...expected }));
    await copy({ ExpectedBucketOwner: '222222222222', ExpectedSourceBucketOwner: '123456789012' });
    expect((await s3ErrorOf(copy({ ExpectedSourceBucketOwner: '222222222222' }))).name).toBe('AccessDenied');
    expect((await s3ErrorOf(copy({ ExpectedBucketOwner: '123456789012' }))).name).toBe('AccessDenied');
  });

  it('learns a key is missing only when it may list the bucket', async () => {
    const missing = await s3ErrorOf(alt().send(new GetObjectCommand({ Bucket: 'governed', Key: 'nothing-here' })));
    expect(missing.name).toBe('NoSuchKey');
    await owner().send(new PutBucketAclCommand({ Bucket: 'shared', GrantRead: `id="${ALT_ID}"` }));
    expect((await s3ErrorOf(alt().send(new GetObjectCommand({ Bucket: 'shared', Key: 'nothing-here' })))).$metadata.httpStatusCode).toBe(404);
    await owner().send(new PutBucketAclCommand({ Bucket: 'shared', ACL: 'private' }));
    expect((await s3ErrorOf(alt().send(new GetObjectCommand({ Bucket: 'shared', Key: 'nothing-here' })))).name).toBe('AccessDenied');
  });

  it('learns a key is missing only when it may list the bucket, also where a policy allows the read', async () => {
    await owner().send(new CreateBucketCommand({ Bucket: 'website' }));
    await owner().send(new PutObjectCommand({ Bucket: 'website', Key: 'index.html', Body: 'home' }));
    const statement = (Action: string, Resource: string) => ({ Effect: 'Allow', Principal: '*', Action, Resource });
    const readOnly = [statement('s3:GetObject', 'arn:aws:s3:::website/*')];
    await owner().send(new PutBucketPolicyCommand({ Bucket: 'website', Policy: JSON.stringify({ Version: '2012-10-17', Statement: readOnly }) }));
    expect((await anonymous('GET', '/website/index.html')).status).toBe(200);
    const missing = await anonymous('GET', '/website/missing.html');
    expect([missing.status, await missing.text()]).toEqual([403, expect.stringContaining('<Code>AccessDenied</Code>')]);
    expect((await anonymous('HEAD', '/website/missing.html')).status).toBe(403);
    expect((await s3ErrorOf(alt().send(new GetObjectCommand({ Bucket: 'website', Key: 'missing.html' })))).name).toBe('AccessDenied');
    const listing = [...readOnly, statement('s3:ListBucket', 'arn:aws:s3:::website')];
    await owner().send(new PutBucketPolicyCommand({ Bucket: 'website', Policy: JSON.stringify({ Version: '2012-10-17', Statement: listing }) }));
    expect((await anonymous('GET', '/website/missing.html')).status).toBe(404);
    expect((await s3ErrorOf(alt().send(new GetObjectCommand({ Bucket: 'website', Key: 'missing.html' })))).name).toBe('NoSuchKey');
  });

  it('refuses a policy that is not one with MalformedPolicy', async () => {
    const bad = { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::someone-else/*' }] };
    const error = await s3ErrorOf(owner().send(new PutBucketPolicyCommand({ Bucket: 'governed', Policy: JSON.stringify(bad) })));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['MalformedPolicy', 400]);
  });
});

describe('ACLs and Object Ownership', () => {
  it('serves canned ACLs and grant headers back with their grantee types', async () => {
    await owner().send(new CreateBucketCommand({ Bucket: 'acls', ACL: 'public-read' }));
    const acl = await owner().send(new GetBucketAclCommand({ Bucket: 'acls' }));
    expect(acl.Owner).toEqual({ ID: OWNER_ID });
    expect(acl.Grants).toEqual([
      { Grantee: { Type: 'Group', URI: ALL_USERS }, Permission: 'READ' },
      { Grantee: { Type: 'CanonicalUser', ID: OWNER_ID }, Permission: 'FULL_CONTROL' },
    ]);
    await owner().send(new PutObjectCommand({ Bucket: 'acls', Key: 'k', Body: 'v', GrantFullControl: `id="${OWNER_ID}"`, GrantReadACP: 'uri="http://acs.amazonaws.com/groups/s3/LogDelivery"' }));
    expect((await owner().send(new GetObjectAclCommand({ Bucket: 'acls', Key: 'k' }))).Grants).toEqual([
      { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/s3/LogDelivery' }, Permission: 'READ_ACP' },
      { Grantee: { Type: 'CanonicalUser', ID: OWNER_ID }, Permission: 'FULL_CONTROL' },
    ]);
  });

  it('lists a delete marker with the account that wrote it', async () => {
    await owner().send(new CreateBucketCommand({ Bucket: 'marked', GrantWrite: `id="${ALT_ID}"` }));
    await owner().send(new PutBucketVersioningCommand({ Bucket: 'marked', VersioningConfiguration: { Status: 'Enabled' } }));
    await owner().send(new PutObjectCommand({ Bucket: 'marked', Key: 'k', Body: 'v' }));
    await alt().send(new DeleteObjectCommand({ Bucket: 'marked', Key: 'k' }));
    await owner().send(new DeleteObjectCommand({ Bucket: 'marked', Key: 'k' }));
    const { DeleteMarkers, Versions } = await owner().send(new ListObjectVersionsCommand({ Bucket: 'marked' }));
    expect(DeleteMarkers?.map((marker) => marker.Owner?.ID)).toEqual([OWNER_ID, ALT_ID]);
    expect(Versions?.map((version) => version.Owner?.ID)).toEqual([OWNER_ID]);
  });

  it('resets the bucket ACL when its owner re-creates it in us-east-1 (200, as S3 answers for legacy compatibility)', async () => {
    const grantees = async () => (await owner().send(new GetBucketAclCommand({ Bucket: 'recreated' }))).Grants?.map((grant) => grant.Grantee?.URI ?? grant.Grantee?.ID);
    await owner().send(new CreateBucketCommand({ Bucket: 'recreated', ACL: 'public-read' }));
    expect(await grantees()).toEqual([ALL_USERS, OWNER_ID]);
    await owner().send(new CreateBucketCommand({ Bucket: 'recreated' }));
    expect(await grantees()).toEqual([OWNER_ID]);
    await owner().send(new CreateBucketCommand({ Bucket: 'recreated', ACL: 'public-read' }));
    expect(await grantees()).toEqual([ALL_USERS, OWNER_ID]);
  });

  it('refuses a grant to an unknown canonical id', async () => {
    expect((await s3ErrorOf(owner().send(new PutBucketAclCommand({ Bucket: 'acls', GrantRead: `id="${'0'.repeat(64)}"` })))).name).toBe('InvalidArgument');
  });

  it('refuses any grantee named by e-mail, in a header or a document, 405 MethodNotAllowed, as S3 since October 2025', async () => {
    const { Owner, Grants = [] } = await owner().send(new GetBucketAclCommand({ Bucket: 'acls' }));
    const byEmail = { Grantee: { Type: 'AmazonCustomerByEmail' as const, EmailAddress: 'alt@example.com' }, Permission: 'READ' as const };
    for (const request of [
      owner().send(new PutBucketAclCommand({ Bucket: 'acls', GrantRead: 'emailAddress="alt@example.com"' })),
      owner().send(new PutBucketAclCommand({ Bucket: 'acls', AccessControlPolicy: { Owner, Grants: [...Grants, byEmail] } })),
      owner().send(new PutObjectAclCommand({ Bucket: 'acls', Key: 'k', GrantFullControl: 'emailAddress="nobody@example.com"' })),
      owner().send(new PutObjectCommand({ Bucket: 'acls', Key: 'by-email', Body: 'x', GrantRead: 'emailAddress="alt@example.com"' })),
    ]) {
      const refused = await s3ErrorOf(request);
      expect([refused.name, refused.$metadata.httpStatusCode, refused.message]).toEqual(['MethodNotAllowed', 405, 'The specified method is not allowed against this resource.']);
    }
    expect((await owner().send(new GetBucketAclCommand({ Bucket: 'acls' }))).Grants).toEqual(Grants);
    expect((await s3ErrorOf(owner().send(new HeadObjectCommand({ Bucket: 'acls', Key: 'by-email' })))).$metadata.httpStatusCode).toBe(404);
  });

  it('has no ownership controls by default under ObjectWriter, and disabling ACLs needs a private bucket ACL', async () => {
    expect((await s3ErrorOf(owner().send(new GetBucketOwnershipControlsCommand({ Bucket: 'acls' })))).name).toBe('OwnershipControlsNotFoundError');
    const enforced = { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' as const }] };
    expect((await s3ErrorOf(owner().send(new PutBucketOwnershipControlsCommand({ Bucket: 'acls', OwnershipControls: enforced })))).name).toBe('InvalidBucketAclWithObjectOwnership');
    await owner().send(new PutBucketAclCommand({ Bucket: 'acls', ACL: 'private' }));
    await owner().send(new PutBucketOwnershipControlsCommand({ Bucket: 'acls', OwnershipControls: enforced }));
    expect((await owner().send(new GetBucketOwnershipControlsCommand({ Bucket: 'acls' }))).OwnershipControls?.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    const refused = await s3ErrorOf(owner().send(new PutObjectCommand({ Bucket: 'acls', Key: 'p', Body: 'p', ACL: 'public-read' })));
    expect([refused.name, refused.$metadata.httpStatusCode]).toEqual(['AccessControlListNotSupported', 400]);
    await owner().send(new CreateBucketCommand({ Bucket: 'enforced', ObjectOwnership: 'BucketOwnerEnforced' }));
    expect((await s3ErrorOf(owner().send(new PutBucketAclCommand({ Bucket: 'enforced', ACL: 'public-read' })))).name).toBe('AccessControlListNotSupported');
  });

  it('gives the bucket owner objects written with bucket-owner-full-control under BucketOwnerPreferred', async () => {
    await owner().send(new CreateBucketCommand({ Bucket: 'preferred', ObjectOwnership: 'BucketOwnerPreferred', GrantWrite: `id="${ALT_ID}"` }));
    await alt().send(new PutObjectCommand({ Bucket: 'preferred', Key: 'given', Body: 'g', ACL: 'bucket-owner-full-control' }));
    await alt().send(new PutObjectCommand({ Bucket: 'preferred', Key: 'kept', Body: 'k' }));
    expect((await owner().send(new GetObjectAclCommand({ Bucket: 'preferred', Key: 'given' }))).Owner?.ID).toBe(OWNER_ID);
    expect((await alt().send(new GetObjectAclCommand({ Bucket: 'preferred', Key: 'kept' }))).Owner?.ID).toBe(ALT_ID);
  });

  it('lists each object with the account that owns it, and with the bucket owner once ACLs are disabled', async () => {
    const owners = async () => {
      const v2 = await owner().send(new ListObjectsV2Command({ Bucket: 'preferred', FetchOwner: true }));
      const v1 = await owner().send(new ListObjectsCommand({ Bucket: 'preferred' }));
      const versions = await owner().send(new ListObjectVersionsCommand({ Bucket: 'preferred' }));
      const byKey = (entries: { Key?: string; Owner?: { ID?: string } }[] = []) => Object.fromEntries(entries.map((entry) => [entry.Key, entry.Owner?.ID]));
      expect(byKey(v1.Contents)).toEqual(byKey(v2.Contents));
      expect(byKey(versions.Versions)).toEqual(byKey(v2.Contents));
      return byKey(v2.Contents);
    };
    expect(await owners()).toEqual({ given: OWNER_ID, kept: ALT_ID });
    await owner().send(new PutBucketAclCommand({ Bucket: 'preferred', ACL: 'private' }));
    await owner().send(new PutBucketOwnershipControlsCommand({ Bucket: 'preferred', OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } }));
    expect(await owners()).toEqual({ given: OWNER_ID, kept: OWNER_ID });
  });
});

describe('Block Public Access', () => {
  beforeAll(async () => {
    await owner().send(new CreateBucketCommand({ Bucket: 'blocked' }));
    await owner().send(new PutObjectCommand({ Bucket: 'blocked', Key: 'open.txt', Body: 'o', ACL: 'public-read' }));
  });

  it('refuses public ACLs and public policies when asked to block them', async () => {
    const settings = { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: false };
    await owner().send(new PutPublicAccessBlockCommand({ Bucket: 'blocked', PublicAccessBlockConfiguration: settings }));
    expect((await owner().send(new GetPublicAccessBlockCommand({ Bucket: 'blocked' }))).PublicAccessBlockConfiguration).toEqual(settings);
    // S3 says why to a caller of the bucket owner's account, and nothing more to another account.
    const refusal = async (request: Promise<unknown>) => {
      const error = await s3ErrorOf(request);
      return [error.name, error.message];
    };
    const because = (user: string, action: string, resource: string, what: string, setting: string) =>
      `User: ${user} is not authorized to perform: ${action} on resource: "${resource}" because ${what} are prevented by the ${setting} setting in S3 Block Public Access.`;
    const ownerRoot = 'arn:aws:iam::123456789012:root';
    expect(await refusal(owner().send(new PutBucketAclCommand({ Bucket: 'blocked', ACL: 'public-read' })))).toEqual([
      'AccessDenied',
      because(ownerRoot, 's3:PutBucketAcl', 'arn:aws:s3:::blocked', 'public ACLs', 'BlockPublicAcls'),
    ]);
    expect(await refusal(alice().send(new PutObjectCommand({ Bucket: 'blocked', Key: 'p', Body: 'p', ACL: 'authenticated-read' })))).toEqual([
      'AccessDenied',
      because('arn:aws:iam::123456789012:user/alice', 's3:PutObject', 'arn:aws:s3:::blocked/p', 'public ACLs', 'BlockPublicAcls'),
    ]);
    expect(await refusal(owner().send(new PutObjectAclCommand({ Bucket: 'blocked', Key: 'open.txt', ACL: 'public-read-write' })))).toEqual([
      'AccessDenied',
      because(ownerRoot, 's3:PutObjectAcl', 'arn:aws:s3:::blocked/open.txt', 'public ACLs', 'BlockPublicAcls'),
    ]);
    await owner().send(new PutBucketAclCommand({ Bucket: 'blocked', GrantWrite: `id="${ALT_ID}"` }));
    await alt().send(new PutObjectCommand({ Bucket: 'blocked', Key: 'q', Body: 'q' }));
    expect(await refusal(alt().send(new PutObjectCommand({ Bucket: 'blocked', Key: 'q', Body: 'q', ACL: 'public-read' })))).toEqual(['AccessDenied', 'Access Denied']);
    await owner().send(new PutBucketAclCommand({ Bucket: 'blocked', ACL: 'private' }));
    const publicPolicy = { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::blocked/*' }] };
    expect(await refusal(owner().send(new PutBucketPolicyCommand({ Bucket: 'blocked', Policy: JSON.stringify(publicPolicy) })))).toEqual([
      'AccessDenied',
      because(ownerRoot, 's3:PutBucketPolicy', 'arn:aws:s3:::blocked', 'public policies', 'BlockPublicPolicy'),
    ]);
  });

  it('ignores public grants and restricts public policies to the owner’s account', async () => {
    expect((await anonymous('GET', '/blocked/open.txt')).status).toBe(200);
    await owner().send(new PutPublicAccessBlockCommand({ Bucket: 'blocked', PublicAccessBlockConfiguration: { IgnorePublicAcls: true } }));
    expect((await anonymous('GET', '/blocked/open.txt')).status).toBe(403);
    const publicPolicy = { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::blocked/*' }] };
    await owner().send(new PutBucketPolicyCommand({ Bucket: 'blocked', Policy: JSON.stringify(publicPolicy) }));
    expect((await anonymous('GET', '/blocked/open.txt')).status).toBe(200);
    await owner().send(new PutPublicAccessBlockCommand({ Bucket: 'blocked', PublicAccessBlockConfiguration: { IgnorePublicAcls: true, RestrictPublicBuckets: true } }));
    expect((await anonymous('GET', '/blocked/open.txt')).status).toBe(403);
    expect((await s3ErrorOf(alt().send(new GetObjectCommand({ Bucket: 'blocked', Key: 'open.txt' })))).name).toBe('AccessDenied');
    expect((await alice().send(new GetObjectCommand({ Bucket: 'blocked', Key: 'open.txt' }))).$metadata.httpStatusCode).toBe(200);
  });

  it('restricts a public policy to the account that owns the bucket, whichever it is', async () => {
    await alt().send(new CreateBucketCommand({ Bucket: 'alt-public' }));
    await alt().send(new PutObjectCommand({ Bucket: 'alt-public', Key: 'page.html', Body: 'p' }));
    const publicPolicy = { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::alt-public/*' }] };
    await alt().send(new PutBucketPolicyCommand({ Bucket: 'alt-public', Policy: JSON.stringify(publicPolicy) }));
    expect((await owner().send(new GetObjectCommand({ Bucket: 'alt-public', Key: 'page.html' }))).$metadata.httpStatusCode).toBe(200);
    await alt().send(new PutPublicAccessBlockCommand({ Bucket: 'alt-public', PublicAccessBlockConfiguration: { RestrictPublicBuckets: true } }));
    expect((await s3ErrorOf(owner().send(new GetObjectCommand({ Bucket: 'alt-public', Key: 'page.html' })))).name).toBe('AccessDenied');
    expect((await anonymous('GET', '/alt-public/page.html')).status).toBe(403);
    expect((await alt().send(new GetObjectCommand({ Bucket: 'alt-public', Key: 'page.html' }))).$metadata.httpStatusCode).toBe(200);
    await alt().send(new DeleteObjectCommand({ Bucket: 'alt-public', Key: 'page.html' }));
    await alt().send(new DeleteBucketCommand({ Bucket: 'alt-public' }));
  });
});

// https://docs.aws.amazon.com/AmazonS3/latest/userguide/RequesterPaysBuckets.html
describe('a Requester Pays bucket', () => {
  const Bucket = 'paid-by-readers';
  const payerOf = async () => (await owner().send(new GetBucketRequestPaymentCommand({ Bucket }))).Payer;
  const setPayer = (Payer: 'Requester' | 'BucketOwner') => owner().send(new PutBucketRequestPaymentCommand({ Bucket, RequestPaymentConfiguration: { Payer } }));

  beforeAll(async () => {
    await owner().send(new CreateBucketCommand({ Bucket }));
    await owner().send(new PutObjectCommand({ Bucket, Key: 'data.csv', Body: 'a,b' }));
    const publicRead = { Statement: [{ Effect: 'Allow', Principal: '*', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::${Bucket}`, `arn:aws:s3:::${Bucket}/*`] }] };
    await owner().send(new PutBucketPolicyCommand({ Bucket, Policy: JSON.stringify(publicRead) }));
  });

  it('is paid for by its owner until Requester is put', async () => {
    expect(await payerOf()).toBe('BucketOwner');
    expect((await anonymous('GET', `/${Bucket}/data.csv`)).status).toBe(200);

    await setPayer('Requester');

    expect(await payerOf()).toBe('Requester');
  });

  it('refuses anonymous requests, even where the policy allows everyone', async () => {
    const refused = await anonymous('GET', `/${Bucket}/data.csv`);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('refuses another account unless it says it will pay, in a header or a presigned URL', async () => {
    expect((await s3ErrorOf(alt().send(new GetObjectCommand({ Bucket, Key: 'data.csv' })))).name).toBe('AccessDenied');
    expect((await s3ErrorOf(alt().send(new ListObjectsV2Command({ Bucket })))).name).toBe('AccessDenied');

    const paid = await alt().send(new GetObjectCommand({ Bucket, Key: 'data.csv', RequestPayer: 'requester' }));
    expect(await paid.Body?.transformToString()).toBe('a,b');
    expect((await alt().send(new ListObjectsV2Command({ Bucket, RequestPayer: 'requester' }))).KeyCount).toBe(1);
    const presigned = await getSignedUrl(alt(), new GetObjectCommand({ Bucket, Key: 'data.csv', RequestPayer: 'requester' }), { expiresIn: 60 });
    expect(presigned).toContain('x-amz-request-payer=requester');
    expect((await fetch(presigned)).status).toBe(200);
  });

  it('serves the owner’s account without the header', async () => {
    expect(await (await owner().send(new GetObjectCommand({ Bucket, Key: 'data.csv' }))).Body?.transformToString()).toBe('a,b');
    expect(await (await alice().send(new GetObjectCommand({ Bucket, Key: 'data.csv' }))).Body?.transformToString()).toBe('a,b');
  });

  it('is set by the owner alone, to Requester or BucketOwner (anything else is MalformedXML)', async () => {
    expect((await s3ErrorOf(alt().send(new PutBucketRequestPaymentCommand({ Bucket, RequestPaymentConfiguration: { Payer: 'BucketOwner' } })))).name).toBe('AccessDenied');
    const body = '<RequestPaymentConfiguration><Payer>Nobody</Payer></RequestPaymentConfiguration>';
    const malformed = await rawRequest(server.port, await signedRequest(server.port, { method: 'PUT', path: `/${Bucket}?requestPayment`, body }));
    expect([malformed.status, malformed.body]).toEqual([400, expect.stringContaining('<Code>MalformedXML</Code>')]);

    await setPayer('BucketOwner');
    expect(await payerOf()).toBe('BucketOwner');
    expect((await anonymous('GET', `/${Bucket}/data.csv`)).status).toBe(200);
    expect((await alt().send(new GetObjectCommand({ Bucket, Key: 'data.csv' }))).$metadata.httpStatusCode).toBe(200);

    await setPayer('Requester'); // kept for the restart below
  });
});

describe('after a restart on the same data', () => {
  it('serves and enforces every access setting as before', async () => {
    await owner().send(new DeleteBucketOwnershipControlsCommand({ Bucket: 'preferred' }));
    await restart();
    expect((await owner().send(new GetBucketAclCommand({ Bucket: 'shared' }))).Grants?.map((grant) => grant.Permission)).toEqual(['FULL_CONTROL']);
    expect((await alt().send(new GetObjectAclCommand({ Bucket: 'shared', Key: 'from-alt.txt' }))).Owner?.ID).toBe(ALT_ID);
    expect((await s3ErrorOf(owner().send(new GetObjectCommand({ Bucket: 'shared', Key: 'from-alt.txt' })))).name).toBe('AccessDenied');
    expect(JSON.parse((await owner().send(new GetBucketPolicyCommand({ Bucket: 'governed' }))).Policy ?? '{}').Statement).toHaveLength(2);
    expect((await s3ErrorOf(alice().send(new DeleteObjectCommand({ Bucket: 'governed', Key: 'keep.txt' })))).name).toBe('AccessDenied');
    expect((await owner().send(new GetPublicAccessBlockCommand({ Bucket: 'blocked' }))).PublicAccessBlockConfiguration?.RestrictPublicBuckets).toBe(true);
    expect((await anonymous('GET', '/blocked/open.txt')).status).toBe(403);
    expect((await owner().send(new GetBucketOwnershipControlsCommand({ Bucket: 'acls' }))).OwnershipControls?.Rules?.[0].ObjectOwnership).toBe('BucketOwnerEnforced');
    expect((await s3ErrorOf(owner().send(new GetBucketOwnershipControlsCommand({ Bucket: 'preferred' })))).name).toBe('OwnershipControlsNotFoundError');
    expect((await alt().send(new ListBucketsCommand({}))).Buckets?.map((bucket) => bucket.Name)).toEqual(['alt-own']);
    expect((await anonymous('GET', '/anon/public.txt')).status).toBe(200);
    expect((await owner().send(new GetBucketRequestPaymentCommand({ Bucket: 'paid-by-readers' }))).Payer).toBe('Requester');
    expect((await anonymous('GET', '/paid-by-readers/data.csv')).status).toBe(403);
  });
});
