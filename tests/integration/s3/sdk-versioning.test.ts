/**
 * Versioning and Object Lock with @aws-sdk/client-s3 on its defaults (flexible checksums,
 * aws-chunked uploads), and what survives a restart.
 */
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectTaggingCommand,
  DeleteObjectsCommand,
  GetBucketVersioningCommand,
  GetObjectAclCommand,
  GetObjectAttributesCommand,
  GetObjectCommand,
  GetObjectLegalHoldCommand,
  GetObjectLockConfigurationCommand,
  GetObjectRetentionCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  PutObjectLegalHoldCommand,
  PutObjectLockConfigurationCommand,
  PutObjectRetentionCommand,
  PutObjectTaggingCommand,
  type S3ServiceException,
  UploadPartCommand,
  UploadPartCopyCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from '../../../src/kit';
import { startServer } from '../../support/standin-harness';
import { errorCodeOf, rawRequest } from './raw-http';
import { s3ErrorOf } from './s3-error';
import { useS3 } from './s3-fixture';
import { s3Client } from './sdk-client';
import { signedRequest } from './signed-request';

const s3 = useS3();
let bucketNumber = 0;

async function versionedBucket(client: S3Client = s3.client): Promise<string> {
  const Bucket = `versioned-${(bucketNumber += 1)}`;
  await client.send(new CreateBucketCommand({ Bucket }));
  await client.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  return Bucket;
}

const text = async (client: S3Client, input: { Bucket: string; Key: string; VersionId?: string }) =>
  (await client.send(new GetObjectCommand(input))).Body!.transformToString();

describe('versioning', () => {
  it('answers every write with its version id and serves each version by id', async () => {
    const Bucket = await versionedBucket();
    const first = await s3.client.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'one' }));
    const second = await s3.client.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'two' }));
    expect(first.VersionId).toBeDefined();
    expect(second.VersionId).not.toBe(first.VersionId);
    expect(await text(s3.client, { Bucket, Key: 'k' })).toBe('two');
    expect(await text(s3.client, { Bucket, Key: 'k', VersionId: first.VersionId })).toBe('one');
    expect((await s3.client.send(new HeadObjectCommand({ Bucket, Key: 'k', VersionId: first.VersionId }))).VersionId).toBe(first.VersionId);
    expect((await s3.client.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBe('Enabled');
  });

  it('writes a delete marker that hides the key from GET and listings, and lists it with the versions', async () => {
    const Bucket = await versionedBucket();
    const put = await s3.client.send(new PutObjectCommand({ Bucket, Key: 'gone', Body: 'x' }));
    const deleted = await s3.client.send(new DeleteObjectCommand({ Bucket, Key: 'gone' }));
    expect(deleted.DeleteMarker).toBe(true);
    const missing = await s3ErrorOf(s3.client.send(new GetObjectCommand({ Bucket, Key: 'gone' })));
    expect([missing.name, missing.$response?.headers['x-amz-delete-marker'], missing.$response?.headers['x-amz-version-id']]).toEqual(['NoSuchKey', 'true', deleted.VersionId]);
    const markerGet = await s3ErrorOf(s3.client.send(new GetObjectCommand({ Bucket, Key: 'gone', VersionId: deleted.VersionId })));
    expect([markerGet.$metadata.httpStatusCode, markerGet.$response?.headers['x-amz-delete-marker']]).toEqual([405, 'true']);
    expect((await s3.client.send(new ListObjectsV2Command({ Bucket }))).KeyCount).toBe(0);
    const versions = await s3.client.send(new ListObjectVersionsCommand({ Bucket }));
    expect(versions.DeleteMarkers).toMatchObject([{ Key: 'gone', VersionId: deleted.VersionId, IsLatest: true }]);
    expect(versions.Versions).toMatchObject([{ Key: 'gone', VersionId: put.VersionId, IsLatest: false }]);
  });

  it('pages ListObjectVersions with key and version-id markers', async () => {
    const Bucket = await versionedBucket();
    const ids: string[] = [];
    for (const body of ['1', '2', '3']) ids.push((await s3.client.send(new PutObjectCommand({ Bucket, Key: 'p', Body: body }))).VersionId!);
    const seen: string[] = [];
    let page = await s3.client.send(new ListObjectVersionsCommand({ Bucket, MaxKeys: 2 }));
    seen.push(...page.Versions!.map((version) => version.VersionId!));
    expect(page).toMatchObject({ IsTruncated: true, NextKeyMarker: 'p', NextVersionIdMarker: ids[1] });
    page = await s3.client.send(new ListObjectVersionsCommand({ Bucket, MaxKeys: 2, KeyMarker: page.NextKeyMarker, VersionIdMarker: page.NextVersionIdMarker }));
    seen.push(...page.Versions!.map((version) => version.VersionId!));
    expect(page.IsTruncated).toBe(false);
    expect(seen).toEqual([...ids].reverse());
  });

  it('resumes ListObjectVersions after a marker version deleted meanwhile, as a cleanup deleting each page does', async () => {
    const Bucket = await versionedBucket();
    const put = async (Key: string, count: number) => {
      const ids: string[] = [];
      for (let i = 0; i < count; i += 1) ids.push((await s3.client.send(new PutObjectCommand({ Bucket, Key, Body: `${Key}${i}` }))).VersionId!);
      return ids;
    };
    const [a, b] = [await put('a', 3), await put('b', 2)];
    const pages: { Key?: string; VersionId?: string; IsLatest?: boolean }[][] = [];
    let markers: { KeyMarker?: string; VersionIdMarker?: string } = {};
    for (let truncated = true; truncated && pages.length < 5; ) {
      const page = await s3.client.send(new ListObjectVersionsCommand({ Bucket, MaxKeys: 2, ...markers }));
      const versions = (page.Versions ?? []).map(({ Key, VersionId, IsLatest }) => ({ Key, VersionId, IsLatest }));
      pages.push(versions);
      await s3.client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: versions.map(({ Key, VersionId }) => ({ Key, VersionId })) } }));
      truncated = page.IsTruncated === true;
      markers = { KeyMarker: page.NextKeyMarker, VersionIdMarker: page.NextVersionIdMarker };
    }
    // Each page's marker version is gone when the next page is asked for; what is left of a key is its latest then.
    expect(pages).toEqual([
      [{ Key: 'a', VersionId: a[2], IsLatest: true }, { Key: 'a', VersionId: a[1], IsLatest: false }],
      [{ Key: 'a', VersionId: a[0], IsLatest: true }, { Key: 'b', VersionId: b[1], IsLatest: true }],
      [{ Key: 'b', VersionId: b[0], IsLatest: true }],
    ]);
    expect((await s3.client.send(new ListObjectVersionsCommand({ Bucket }))).Versions).toBeUndefined();
  });

  it('deletes versions and markers in a batch, answering DeleteMarker and DeleteMarkerVersionId', async () => {
    const Bucket = await versionedBucket();
    const put = await s3.client.send(new PutObjectCommand({ Bucket, Key: 'a', Body: 'a' }));
    const result = await s3.client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'a', VersionId: put.VersionId }, { Key: 'b' }] } }));
    expect(result.Deleted).toEqual([
      { Key: 'a', VersionId: put.VersionId },
      { Key: 'b', DeleteMarker: true, DeleteMarkerVersionId: expect.any(String) },
    ]);
    const versions = await s3.client.send(new ListObjectVersionsCommand({ Bucket }));
    expect([versions.Versions, versions.DeleteMarkers?.map((marker) => marker.Key)]).toEqual([undefined, ['b']]);
  });

  it('copies a named source version and says which (x-amz-copy-source-version-id)', async () => {
    const Bucket = await versionedBucket();
    const old = await s3.client.send(new PutObjectCommand({ Bucket, Key: 'src', Body: 'old' }));
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'src', Body: 'new' }));
    const copy = await s3.client.send(new CopyObjectCommand({ Bucket, Key: 'dst', CopySource: `${Bucket}/src?versionId=${old.VersionId}` }));
    expect(copy.CopySourceVersionId).toBe(old.VersionId);
    expect(copy.VersionId).toBeDefined();
    expect(await text(s3.client, { Bucket, Key: 'dst' })).toBe('old');
  });

  it('copies into a bucket whose versioning is suspended by replacing the null version, answering VersionId null and naming no null source version', async () => {
    const Bucket = `suspended-copy-${(bucketNumber += 1)}`;
    await s3.client.send(new CreateBucketCommand({ Bucket }));
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'before versioning' }));
    await s3.client.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended' } }));
    const copyInPlace = () => s3.client.send(new CopyObjectCommand({ Bucket, Key: 'k', CopySource: `${Bucket}/k`, MetadataDirective: 'REPLACE', ContentType: 'text/plain' }));
    for (const copy of [await copyInPlace(), await copyInPlace()]) expect([copy.VersionId, copy.CopySourceVersionId]).toEqual(['null', undefined]);
    const listed = async () => (await s3.client.send(new ListObjectVersionsCommand({ Bucket }))).Versions?.map((v) => [v.VersionId, v.IsLatest]);
    expect(await listed()).toEqual([['null', true]]);
    await s3.client.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const enabled = await copyInPlace();
    expect([enabled.VersionId, enabled.CopySourceVersionId]).toEqual([expect.not.stringMatching(/^null$/), undefined]);
    await s3.client.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended' } }));
    const suspendedAgain = await copyInPlace();
    expect([suspendedAgain.VersionId, suspendedAgain.CopySourceVersionId]).toEqual(['null', enabled.VersionId]);
    expect(await listed()).toEqual([['null', true], [enabled.VersionId, false]]);
    // PutObject still leaves a null version out of its answer.
    expect((await s3.client.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'put' }))).VersionId).toBeUndefined();
  });

  it('refuses a delete marker as copy source: InvalidRequest by version id, NoSuchKey as the latest', async () => {
    const Bucket = await versionedBucket();
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'gone', Body: 'x' }));
    const { VersionId } = await s3.client.send(new DeleteObjectCommand({ Bucket, Key: 'gone' }));
    const byVersion = await s3ErrorOf(s3.client.send(new CopyObjectCommand({ Bucket, Key: 'dst', CopySource: `${Bucket}/gone?versionId=${VersionId}` })));
    expect([byVersion.name, byVersion.$metadata.httpStatusCode]).toEqual(['InvalidRequest', 400]);
    const latest = await s3ErrorOf(s3.client.send(new CopyObjectCommand({ Bucket, Key: 'dst', CopySource: `${Bucket}/gone` })));
    expect([latest.name, latest.$metadata.httpStatusCode]).toEqual(['NoSuchKey', 404]);
    const { UploadId } = await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'mpu' }));
    const partCopy = await s3ErrorOf(s3.client.send(new UploadPartCopyCommand({ Bucket, Key: 'mpu', UploadId, PartNumber: 1, CopySource: `${Bucket}/gone?versionId=${VersionId}` })));
    expect([partCopy.name, partCopy.$metadata.httpStatusCode]).toEqual(['InvalidRequest', 400]);
  });

  it('tags one version by id, and multipart and part copies make versions', async () => {
    const Bucket = await versionedBucket();
    const first = await s3.client.send(new PutObjectCommand({ Bucket, Key: 't', Body: 'first' }));
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 't', Body: 'second' }));
    const tagged = await s3.client.send(new PutObjectTaggingCommand({ Bucket, Key: 't', VersionId: first.VersionId, Tagging: { TagSet: [{ Key: 'v', Value: '1' }] } }));
    expect(tagged.VersionId).toBe(first.VersionId);
    expect((await s3.client.send(new GetObjectTaggingCommand({ Bucket, Key: 't', VersionId: first.VersionId }))).TagSet).toEqual([{ Key: 'v', Value: '1' }]);
    expect((await s3.client.send(new GetObjectTaggingCommand({ Bucket, Key: 't' }))).TagSet).toEqual([]);

    const { UploadId } = await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'mpu' }));
    const part = await s3.client.send(new UploadPartCopyCommand({ Bucket, Key: 'mpu', UploadId, PartNumber: 1, CopySource: `${Bucket}/t?versionId=${first.VersionId}` }));
    expect(part.CopySourceVersionId).toBe(first.VersionId);
    const done = await s3.client.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'mpu', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.CopyPartResult!.ETag }] } }));
    expect(done.VersionId).toBeDefined();
    expect(await text(s3.client, { Bucket, Key: 'mpu', VersionId: done.VersionId })).toBe('first');
    const again = await s3.client.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'mpu', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.CopyPartResult!.ETag }] } }));
    expect([again.ETag, again.VersionId]).toEqual([done.ETag, done.VersionId]);
  });

  it("refuses tagging of a delete marker, by its version id or as the key's latest version, with 405 MethodNotAllowed naming the request's method", async () => {
    const Bucket = await versionedBucket();
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'gone', Body: 'x' }));
    const { VersionId } = await s3.client.send(new DeleteObjectCommand({ Bucket, Key: 'gone' }));
    const Tagging = { TagSet: [{ Key: 'k', Value: 'v' }] };
    for (const version of [{ VersionId }, {}]) {
      const calls: Array<[string, () => Promise<unknown>]> = [
        ['PUT', () => s3.client.send(new PutObjectTaggingCommand({ Bucket, Key: 'gone', Tagging, ...version }))],
        ['GET', () => s3.client.send(new GetObjectTaggingCommand({ Bucket, Key: 'gone', ...version }))],
        ['DELETE', () => s3.client.send(new DeleteObjectTaggingCommand({ Bucket, Key: 'gone', ...version }))],
      ];
      for (const [method, call] of calls) {
        const error = (await s3ErrorOf(call())) as S3ServiceException & { Method?: string; ResourceType?: string };
        expect([error.name, error.$metadata.httpStatusCode, error.Method, error.ResourceType]).toEqual(['MethodNotAllowed', 405, method, 'DeleteMarker']);
      }
    }
  });

  it('refuses PutObjectAcl of a delete marker with 405 naming PUT, where GetObjectAcl of the key it hides is NoSuchKey', async () => {
    const Bucket = `acl-marker-${(bucketNumber += 1)}`;
    await s3.client.send(new CreateBucketCommand({ Bucket, ObjectOwnership: 'ObjectWriter' }));
    await s3.client.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'gone', Body: 'x' }));
    const { VersionId } = await s3.client.send(new DeleteObjectCommand({ Bucket, Key: 'gone' }));
    for (const version of [{}, { VersionId }]) {
      const error = (await s3ErrorOf(s3.client.send(new PutObjectAclCommand({ Bucket, Key: 'gone', ACL: 'private', ...version })))) as S3ServiceException & { Method?: string };
      expect([error.name, error.$metadata.httpStatusCode, error.Method]).toEqual(['MethodNotAllowed', 405, 'PUT']);
    }
    expect((await s3ErrorOf(s3.client.send(new GetObjectAclCommand({ Bucket, Key: 'gone' })))).name).toBe('NoSuchKey');
  });

  it('refuses a version id it could not have issued (InvalidArgument; NoSuchVersion in DeleteObjects) and answers one it no longer has NoSuchVersion', async () => {
    const Bucket = await versionedBucket();
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'k' }));
    const { VersionId: gone } = await s3.client.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'gone' }));
    await s3.client.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: gone }));
    const unknown = await s3ErrorOf(s3.client.send(new GetObjectCommand({ Bucket, Key: 'k', VersionId: gone })));
    expect([unknown.name, unknown.$metadata.httpStatusCode]).toEqual(['NoSuchVersion', 404]);
    expect((await s3ErrorOf(s3.client.send(new GetObjectAclCommand({ Bucket, Key: 'k', VersionId: gone })))).name).toBe('NoSuchVersion');
    // A malformed id, an id of S3's shape this store never issued, and an issued one with its end changed.
    for (const forged of ['v2', 'HPniJFCxqTsMuIH9KX8K8wEjNUgmABCD', `${gone!.slice(0, -4)}ABCD`]) {
      for (const request of [
        () => s3.client.send(new GetObjectCommand({ Bucket, Key: 'k', VersionId: forged })),
        () => s3.client.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: forged })),
        () => s3.client.send(new GetObjectTaggingCommand({ Bucket, Key: 'k', VersionId: forged })),
      ]) {
        const error = (await s3ErrorOf(request())) as S3ServiceException & { ArgumentName?: string; ArgumentValue?: string };
        expect([error.name, error.$metadata.httpStatusCode, error.message, error.ArgumentName, error.ArgumentValue]).toEqual(['InvalidArgument', 400, 'Invalid version id specified', 'versionId', forged]);
      }
      expect((await s3ErrorOf(s3.client.send(new HeadObjectCommand({ Bucket, Key: 'k', VersionId: forged })))).$metadata.httpStatusCode).toBe(400);
      const { Errors, Deleted } = await s3.client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'k', VersionId: forged }] } }));
      expect([Errors, Deleted]).toEqual([[{ Key: 'k', VersionId: forged, Code: 'NoSuchVersion', Message: 'The specified version does not exist.' }], undefined]);
    }
    expect(await (await s3.client.send(new GetObjectCommand({ Bucket, Key: 'k' }))).Body!.transformToString()).toBe('k');
  });
});

describe('Object Lock', () => {
  const future = new Date(Date.now() + 24 * 3600 * 1000);
  future.setUTCMilliseconds(0);

  async function lockBucket(): Promise<string> {
    const Bucket = `locked-${(bucketNumber += 1)}`;
    await s3.client.send(new CreateBucketCommand({ Bucket, ObjectLockEnabledForBucket: true }));
    return Bucket;
  }

  it('stores the configuration, and its default retention applies to new versions', async () => {
    const Bucket = await lockBucket();
    const ObjectLockConfiguration = { ObjectLockEnabled: 'Enabled' as const, Rule: { DefaultRetention: { Mode: 'GOVERNANCE' as const, Days: 1 } } };
    await s3.client.send(new PutObjectLockConfigurationCommand({ Bucket, ObjectLockConfiguration }));
    expect((await s3.client.send(new GetObjectLockConfigurationCommand({ Bucket }))).ObjectLockConfiguration).toEqual(ObjectLockConfiguration);
    expect((await s3.client.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBe('Enabled');
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' }));
    expect((await s3.client.send(new GetObjectRetentionCommand({ Bucket, Key: 'k' }))).Retention?.Mode).toBe('GOVERNANCE');
    const suspend = await s3ErrorOf(s3.client.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended' } })));
    expect([suspend.name, suspend.$metadata.httpStatusCode]).toEqual(['InvalidBucketState', 409]);
  });

  it('needs Content-MD5 or a checksum on bytes that default retention will keep (PutObject, UploadPart)', async () => {
    const Bucket = await lockBucket();
    const unretained = await rawRequest(s3.server.port, await signedRequest(s3.server.port, { method: 'PUT', path: `/${Bucket}/plain`, body: 'x', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }));
    expect(unretained.status).toBe(200);
    const Rule = { DefaultRetention: { Mode: 'GOVERNANCE' as const, Days: 1 } };
    await s3.client.send(new PutObjectLockConfigurationCommand({ Bucket, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule } }));
    const put = (headers: Record<string, string>, path = `/${Bucket}/retained`) =>
      signedRequest(s3.server.port, { method: 'PUT', path, body: 'x', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', ...headers } }).then((request) => rawRequest(s3.server.port, request));
    const bare = await put({});
    expect([bare.status, errorCodeOf(bare.body)]).toEqual([400, 'InvalidRequest']);
    expect(bare.body).toContain('Content-MD5 OR x-amz-checksum- HTTP header is required');
    expect((await put({ 'Content-MD5': createHash('md5').update('x').digest('base64') })).status).toBe(200);
    // The AWS SDK sends a CRC32 checksum on its defaults.
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'from-sdk', Body: 'x' }));
    const { UploadId } = await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'parts' }));
    const barePart = await put({}, `/${Bucket}/parts?partNumber=1&uploadId=${UploadId}`);
    expect([barePart.status, errorCodeOf(barePart.body)]).toEqual([400, 'InvalidRequest']);
    await s3.client.send(new UploadPartCommand({ Bucket, Key: 'parts', UploadId, PartNumber: 1, Body: 'x' }));
  });

  it('keeps a locked version: AccessDenied without bypass, a delete marker still written, GOVERNANCE bypassed', async () => {
    const Bucket = await lockBucket();
    const put = await s3.client.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x', ObjectLockMode: 'GOVERNANCE', ObjectLockRetainUntilDate: future }));
    const head = await s3.client.send(new HeadObjectCommand({ Bucket, Key: 'k' }));
    expect([head.ObjectLockMode, head.ObjectLockRetainUntilDate]).toEqual(['GOVERNANCE', future]);
    const denied = await s3ErrorOf(s3.client.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: put.VersionId })));
    expect([denied.name, denied.$metadata.httpStatusCode]).toEqual(['AccessDenied', 403]);
    const marker = await s3.client.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    expect(marker.DeleteMarker).toBe(true);
    // The delete marker has no retention to set: 405 naming PUT, as S3 answers.
    const onMarker = (await s3ErrorOf(
      s3.client.send(new PutObjectRetentionCommand({ Bucket, Key: 'k', VersionId: marker.VersionId, Retention: { Mode: 'GOVERNANCE', RetainUntilDate: future } })),
    )) as S3ServiceException & { Method?: string };
    expect([onMarker.name, onMarker.$metadata.httpStatusCode, onMarker.Method]).toEqual(['MethodNotAllowed', 405, 'PUT']);
    const shorter = new Date(future.getTime() - 3600 * 1000);
    const shorten = await s3ErrorOf(s3.client.send(new PutObjectRetentionCommand({ Bucket, Key: 'k', VersionId: put.VersionId, Retention: { Mode: 'GOVERNANCE', RetainUntilDate: shorter } })));
    expect(shorten.name).toBe('AccessDenied');
    await s3.client.send(new PutObjectRetentionCommand({ Bucket, Key: 'k', VersionId: put.VersionId, BypassGovernanceRetention: true, Retention: { Mode: 'GOVERNANCE', RetainUntilDate: shorter } }));
    expect((await s3.client.send(new GetObjectRetentionCommand({ Bucket, Key: 'k', VersionId: put.VersionId }))).Retention?.RetainUntilDate).toEqual(shorter);
    await s3.client.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: put.VersionId, BypassGovernanceRetention: true }));
  });

  it('a legal hold keeps a version until it is OFF; COMPLIANCE cannot be shortened', async () => {
    const Bucket = await lockBucket();
    const put = await s3.client.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x', ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: future }));
    const shorten = await s3ErrorOf(
      s3.client.send(new PutObjectRetentionCommand({ Bucket, Key: 'k', BypassGovernanceRetention: true, Retention: { Mode: 'COMPLIANCE', RetainUntilDate: new Date(Date.now() + 60_000) } })),
    );
    expect(shorten.name).toBe('AccessDenied');
    const held = await s3.client.send(new PutObjectCommand({ Bucket, Key: 'held', Body: 'x' }));
    await s3.client.send(new PutObjectLegalHoldCommand({ Bucket, Key: 'held', LegalHold: { Status: 'ON' } }));
    expect((await s3.client.send(new GetObjectLegalHoldCommand({ Bucket, Key: 'held' }))).LegalHold?.Status).toBe('ON');
    expect((await s3ErrorOf(s3.client.send(new DeleteObjectCommand({ Bucket, Key: 'held', VersionId: held.VersionId, BypassGovernanceRetention: true })))).name).toBe('AccessDenied');
    await s3.client.send(new PutObjectLegalHoldCommand({ Bucket, Key: 'held', LegalHold: { Status: 'OFF' } }));
    await s3.client.send(new DeleteObjectCommand({ Bucket, Key: 'held', VersionId: held.VersionId }));
    expect(put.VersionId).toBeDefined();
  });

  it('answers lock operations on a bucket without Object Lock as S3 does', async () => {
    const Bucket = `plain-${(bucketNumber += 1)}`;
    await s3.client.send(new CreateBucketCommand({ Bucket }));
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' }));
    expect((await s3ErrorOf(s3.client.send(new GetObjectLockConfigurationCommand({ Bucket })))).name).toBe('ObjectLockConfigurationNotFoundError');
    expect((await s3ErrorOf(s3.client.send(new GetObjectRetentionCommand({ Bucket, Key: 'k' })))).name).toBe('InvalidRequest');
    expect((await s3ErrorOf(s3.client.send(new PutObjectLegalHoldCommand({ Bucket, Key: 'k', LegalHold: { Status: 'ON' } })))).name).toBe('InvalidRequest');
    // Without a document, the document is what S3 refuses first.
    expect((await s3ErrorOf(s3.client.send(new PutObjectLegalHoldCommand({ Bucket, Key: 'k' })))).name).toBe('MalformedXML');
    const lockHeaders = await s3ErrorOf(s3.client.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x', ObjectLockMode: 'GOVERNANCE', ObjectLockRetainUntilDate: future })));
    expect(lockHeaders.name).toBe('InvalidRequest');
    const enable = await s3ErrorOf(
      s3.client.send(new PutObjectLockConfigurationCommand({ Bucket, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' } })),
    );
    expect([enable.name, enable.$metadata.httpStatusCode]).toEqual(['InvalidBucketState', 409]);
  });
});

describe('parts of an object', () => {
  it('GetObject partNumber beyond the parts is 416 InvalidPartNumber naming the part count, as on S3; GetObjectAttributes pages ObjectParts', async () => {
    const Bucket = await versionedBucket();
    const { UploadId } = await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'mp', ChecksumAlgorithm: 'SHA256' }));
    const bodies = [Buffer.alloc(5 * 1024 * 1024, 'a'), Buffer.from('tail')];
    const parts = [];
    for (const [i, Body] of bodies.entries()) {
      const part = await s3.client.send(new UploadPartCommand({ Bucket, Key: 'mp', UploadId, PartNumber: i + 1, Body, ChecksumAlgorithm: 'SHA256' }));
      parts.push({ PartNumber: i + 1, ETag: part.ETag, ChecksumSHA256: part.ChecksumSHA256 });
    }
    await s3.client.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'mp', UploadId, MultipartUpload: { Parts: parts } }));
    const beyond = await s3ErrorOf(s3.client.send(new GetObjectCommand({ Bucket, Key: 'mp', PartNumber: 3 })));
    expect([beyond.name, beyond.$metadata.httpStatusCode]).toEqual(['InvalidPartNumber', 416]);
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'whole', Body: 'one part' }));
    const notInParts = await rawRequest(s3.server.port, { method: 'GET', path: `/${Bucket}/whole?partNumber=2` });
    expect([notInParts.status, errorCodeOf(notInParts.body)]).toEqual([416, 'InvalidPartNumber']);
    expect(notInParts.body).toContain('<PartNumberRequested>2</PartNumberRequested><ActualPartCount>1</ActualPartCount>');
    const attributes = await s3.client.send(new GetObjectAttributesCommand({ Bucket, Key: 'mp', ObjectAttributes: ['ObjectParts'], MaxParts: 1 }));
    expect(attributes.VersionId).toBeDefined();
    expect(attributes.ObjectParts).toMatchObject({ TotalPartsCount: 2, MaxParts: 1, IsTruncated: true, NextPartNumberMarker: '1', Parts: [{ PartNumber: 1, Size: bodies[0].length, ChecksumSHA256: parts[0].ChecksumSHA256 }] });
    const rest = await s3.client.send(new GetObjectAttributesCommand({ Bucket, Key: 'mp', ObjectAttributes: ['ObjectParts'], PartNumberMarker: '1' }));
    expect(rest.ObjectParts).toMatchObject({ IsTruncated: false, PartNumberMarker: '1', Parts: [{ PartNumber: 2, Size: 4 }] });
    // Past the last part, ObjectParts lists none and its NextPartNumberMarker is 0, as S3's is.
    const pastTheEnd = await s3.client.send(new GetObjectAttributesCommand({ Bucket, Key: 'mp', ObjectAttributes: ['ObjectParts'], PartNumberMarker: '10' }));
    expect([pastTheEnd.ObjectParts?.Parts, pastTheEnd.ObjectParts?.NextPartNumberMarker]).toEqual([undefined, '0']);
  });
});

describe('the admin extras', () => {
  it('reset removes versions and delete markers too, and test-bucket comes back unversioned', async () => {
    const Bucket = 'test-bucket';
    await s3.client.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' }));
    await s3.client.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    const listed = (await (await fetch(`${s3.server.url}/admin/objects/${Bucket}`)).json()) as { objects: unknown[] };
    expect(listed.objects).toEqual([]);
    expect((await fetch(`${s3.server.url}/admin/reset`, { method: 'DELETE' })).status).toBe(200);
    const versions = await s3.client.send(new ListObjectVersionsCommand({ Bucket }));
    expect([versions.Versions, versions.DeleteMarkers]).toEqual([undefined, undefined]);
    expect((await s3.client.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBeUndefined();
  });
});

describe('versions across a restart', () => {
  let dataDir: string;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 's3-versions-'));
  });
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps versions, delete markers, retention and legal holds', async () => {
    server = await startServer('s3', { dataDir });
    let client = s3Client(server);
    const Bucket = 'durable';
    await client.send(new CreateBucketCommand({ Bucket, ObjectLockEnabledForBucket: true }));
    const put = await client.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'v1', ObjectLockLegalHoldStatus: 'ON' }));
    await client.send(new PutObjectRetentionCommand({ Bucket, Key: 'k', Retention: { Mode: 'GOVERNANCE', RetainUntilDate: new Date('2100-01-01T00:00:00Z') } }));
    const marker = await client.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    client.destroy();
    await server.close();

    server = await startServer('s3', { dataDir });
    client = s3Client(server);
    const versions = await client.send(new ListObjectVersionsCommand({ Bucket }));
    expect(versions.Versions?.map((version) => version.VersionId)).toEqual([put.VersionId]);
    expect(versions.DeleteMarkers?.map((entry) => entry.VersionId)).toEqual([marker.VersionId]);
    expect((await client.send(new GetObjectRetentionCommand({ Bucket, Key: 'k', VersionId: put.VersionId }))).Retention?.RetainUntilDate).toEqual(new Date('2100-01-01T00:00:00Z'));
    expect((await client.send(new GetObjectLegalHoldCommand({ Bucket, Key: 'k', VersionId: put.VersionId }))).LegalHold?.Status).toBe('ON');
    expect(await text(client, { Bucket, Key: 'k', VersionId: put.VersionId })).toBe('v1');
    client.destroy();
  });
});
