/**
 * Requests racing on the same keys, uploads and buckets, on file storage: every outcome is one
 * that some serial order of the requests explains, and once they settle no body is left that no
 * object, version or part refers to.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeletePublicAccessBlockCommand,
  GetBucketAclCommand,
  GetBucketOwnershipControlsCommand,
  GetObjectAclCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectVersionsCommand,
  PutBucketAclCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IndexedObjectStore } from '../../../src/s3/store/indexed-object-store';
import { settledBodyIds } from '../../support/s3-stored-bodies';
import { errorCodeOf, rawRequest } from './raw-http';
import { useS3 } from './s3-fixture';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 's3-concurrent-'));
});
const s3 = useS3(() => ({ dataDir }));
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const Bucket = 'test-bucket';
/** Larger than the bodies kept as rows, so each is a file of its own. */
const FILE_BODY_BYTES = 65 * 1024;

type Outcome<T> = { ok: true; value: T } | { ok: false; code: string };
const outcomeOf = <T>(promise: Promise<T>): Promise<Outcome<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: Error) => ({ ok: false as const, code: error.name }),
  );
const codesOf = (outcomes: Outcome<unknown>[]) => outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.code));

const bodyOf = (tag: string, size: number) => Buffer.alloc(size, tag);
const bytesOf = async (Key: string, bucket = Bucket) =>
  Buffer.from(await (await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key }))).Body!.transformToByteArray());
const versionedBucket = 'versioned-races';

/** The body ids the index refers to: objects, versions and parts (a composite's id, not its parts'). */
function referencedBodyIds(): string[] {
  const index = new Database(join(dataDir, 'index.sqlite'), { readonly: true });
  try {
    const ids = index.prepare('SELECT body_id FROM objects UNION SELECT body_id FROM versions WHERE body_id IS NOT NULL UNION SELECT body_id FROM parts').pluck().all() as string[];
    return ids.sort();
  } finally {
    index.close();
  }
}

describe('a reset while requests arrive', () => {
  it('keeps the S3_BUCKETS buckets for the requests that arrive while it removes the old bodies', async () => {
    for (let i = 0; i < 200; i += 20) {
      await Promise.all(Array.from({ length: 20 }, (_, j) => s3.client.send(new PutObjectCommand({ Bucket, Key: `old-${i + j}`, Body: bodyOf('o', FILE_BODY_BYTES) }))));
    }
    let resetDone = false;
    const reset = fetch(`${s3.server.url}/admin/reset`, { method: 'DELETE' }).then((response) => {
      resetDone = true;
      return response.status;
    });
    const answers: string[] = [];
    while (!resetDone && answers.length < 2000) {
      answers.push(...codesOf([await outcomeOf(s3.client.send(new HeadBucketCommand({ Bucket })))]));
    }
    expect(await reset).toBe(200);
    expect(answers.filter((answer) => answer !== 'ok')).toEqual([]);
  });
});

describe('racing writes', () => {
  it('lets exactly one of concurrent If-None-Match: * PutObjects create a key; the others are 412 or 409', async () => {
    const bodies = Array.from({ length: 8 }, (_, i) => bodyOf(String(i), i % 2 ? FILE_BODY_BYTES : 10));
    const outcomes = await Promise.all(bodies.map((Body) => outcomeOf(s3.client.send(new PutObjectCommand({ Bucket, Key: 'once', Body, IfNoneMatch: '*' })))));
    const codes = codesOf(outcomes);
    expect(codes.filter((code) => code === 'ok')).toHaveLength(1);
    expect(codes.filter((code) => code !== 'ok' && code !== 'PreconditionFailed' && code !== 'ConditionalRequestConflict')).toEqual([]);
    expect(await bytesOf('once')).toEqual(bodies[codes.indexOf('ok')]);
  });

  it('answers concurrent Completes of one upload with the same object (or NoSuchUpload), and an Abort racing them ends it one way', async () => {
    const Key = 'assembled';
    const { UploadId } = await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    const body = bodyOf('p', FILE_BODY_BYTES);
    const { ETag } = await s3.client.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: body }));
    const Parts: CompletedPart[] = [{ PartNumber: 1, ETag }];
    const completes = await Promise.all(Array.from({ length: 4 }, () => outcomeOf(s3.client.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts } })))));
    expect(codesOf(completes).filter((code) => code !== 'ok' && code !== 'NoSuchUpload')).toEqual([]);
    expect(new Set(completes.flatMap((outcome) => (outcome.ok ? [outcome.value.ETag] : [])))).toEqual(new Set([expect.stringMatching(/-1"$/)]));
    expect(await bytesOf(Key)).toEqual(body);

    const next = await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'aborted-or-not' }));
    const part = await s3.client.send(new UploadPartCommand({ Bucket, Key: 'aborted-or-not', UploadId: next.UploadId, PartNumber: 1, Body: body }));
    const [complete, abort] = await Promise.all([
      outcomeOf(s3.client.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'aborted-or-not', UploadId: next.UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } }))),
      outcomeOf(s3.client.send(new AbortMultipartUploadCommand({ Bucket, Key: 'aborted-or-not', UploadId: next.UploadId }))),
    ]);
    expect([['ok', 'NoSuchUpload'], ['NoSuchUpload', 'ok']]).toContainEqual(codesOf([complete, abort]));
    const object = await outcomeOf(bytesOf('aborted-or-not'));
    expect(object.ok ? object.value : object.code).toEqual(complete.ok ? body : 'NoSuchKey');
  });

  it('keeps one latest version of a key written and deleted concurrently, and GET serves it', async () => {
    await s3.client.send(new CreateBucketCommand({ Bucket: versionedBucket }));
    await s3.client.send(new PutBucketVersioningCommand({ Bucket: versionedBucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const Key = 'contested';
    const written = new Map<string, Buffer>();
    await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        if (i % 4 === 3) return s3.client.send(new DeleteObjectCommand({ Bucket: versionedBucket, Key }));
        const Body = bodyOf(String(i), i % 2 ? FILE_BODY_BYTES : 10);
        written.set((await s3.client.send(new PutObjectCommand({ Bucket: versionedBucket, Key, Body }))).VersionId!, Body);
      }),
    );
    const listing = await s3.client.send(new ListObjectVersionsCommand({ Bucket: versionedBucket }));
    expect([listing.Versions?.length, listing.DeleteMarkers?.length]).toEqual([9, 3]);
    const latest = [...(listing.Versions ?? []), ...(listing.DeleteMarkers ?? [])].filter((entry) => entry.IsLatest);
    expect(latest).toHaveLength(1);
    const current = await outcomeOf(bytesOf(Key, versionedBucket));
    const isVersion = listing.Versions!.includes(latest[0]);
    expect(current.ok ? current.value : current.code).toEqual(isVersion ? written.get(latest[0].VersionId!) : 'NoSuchKey');
  });

  it('copies and reads a key being overwritten as one whole version each: bytes, ranges and metadata of the same one', async () => {
    const Key = 'overwritten';
    const versions = ['a', 'b', 'c', 'd', 'e'].map((tag, i) => ({ tag, body: bodyOf(tag, i % 2 ? FILE_BODY_BYTES * 3 : 100 + i) }));
    const write = ({ tag, body }: { tag: string; body: Buffer }) => s3.client.send(new PutObjectCommand({ Bucket, Key, Body: body, ContentType: `text/${tag}` }));
    await write(versions[0]);
    const writesAndCopies: Promise<unknown>[] = [];
    const reads: Promise<{ ContentRange?: string; ContentType?: string; bytes: Buffer }>[] = [];
    versions.slice(1).forEach((version, i) => {
      writesAndCopies.push(write(version), s3.client.send(new CopyObjectCommand({ Bucket, Key: `copy-${i}`, CopySource: `${Bucket}/${Key}` })));
      const read = s3.client.send(new GetObjectCommand({ Bucket, Key, Range: 'bytes=50-99' }));
      reads.push(read.then(async ({ ContentRange, ContentType, Body }) => ({ ContentRange, ContentType, bytes: Buffer.from(await Body!.transformToByteArray()) })));
    });
    await Promise.all(writesAndCopies);
    const versionOf = (bytes: Buffer) => versions.find(({ tag }) => bytes.every((byte) => byte === tag.charCodeAt(0)));
    for (let i = 0; i < versions.length - 1; i += 1) {
      const copy = await s3.client.send(new GetObjectCommand({ Bucket, Key: `copy-${i}` }));
      const bytes = Buffer.from(await copy.Body!.transformToByteArray());
      expect([bytes, copy.ContentType]).toEqual([versionOf(bytes)?.body, `text/${versionOf(bytes)?.tag}`]);
    }
    for (const { ContentRange, ContentType, bytes } of await Promise.all(reads)) {
      const version = versionOf(bytes);
      expect([bytes.length, ContentRange, ContentType]).toEqual([50, `bytes 50-99/${version?.body.length}`, `text/${version?.tag}`]);
    }
  });

  it.each([
    ['PutBucketAcl', '', (Bucket: string) => s3.client.send(new GetBucketAclCommand({ Bucket }))],
    ['PutObjectAcl', 'k', (Bucket: string) => s3.client.send(new GetObjectAclCommand({ Bucket, Key: 'k' }))],
  ] as const)('judges a %s by the Object Ownership in force once its document is in, not when it began', async (_operation, Key, aclOf) => {
    const bucket = `acl-${Key || 'bucket'}`;
    await s3.client.send(new CreateBucketCommand({ Bucket: bucket, ObjectOwnership: 'ObjectWriter' }));
    await s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: 'k', Body: 'x' }));
    const owner = (await s3.client.send(new GetBucketAclCommand({ Bucket: bucket }))).Owner!.ID!;
    const publicRead = `<AccessControlPolicy><Owner><ID>${owner}</ID></Owner><AccessControlList>
      <Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>${owner}</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant>
      <Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee><Permission>READ</Permission></Grant>
    </AccessControlList></AccessControlPolicy>`;
    // ACLs are switched off while the document is on its way: S3 refuses an ACL that grants more than the owner then.
    const response = await rawRequest(s3.server.port, {
      method: 'PUT',
      path: `/${bucket}/${Key}?acl`,
      headers: { Expect: '100-continue', 'Content-Length': String(Buffer.byteLength(publicRead)) },
      body: publicRead,
      awaitContinue: true,
      onContinue: () => s3.client.send(new PutBucketOwnershipControlsCommand({ Bucket: bucket, OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } })),
    });
    expect([response.status, errorCodeOf(response.body)]).toEqual([400, 'AccessControlListNotSupported']);
    expect((await aclOf(bucket)).Grants).toHaveLength(1);
  });

  it('judges a PutBucketOwnershipControls by the bucket ACL in force once its document is in', async () => {
    const bucket = 'ownership-race';
    await s3.client.send(new CreateBucketCommand({ Bucket: bucket, ObjectOwnership: 'ObjectWriter' }));
    await s3.client.send(new DeletePublicAccessBlockCommand({ Bucket: bucket }));
    const enforced = '<OwnershipControls><Rule><ObjectOwnership>BucketOwnerEnforced</ObjectOwnership></Rule></OwnershipControls>';
    const response = await rawRequest(s3.server.port, {
      method: 'PUT',
      path: `/${bucket}?ownershipControls`,
      headers: { Expect: '100-continue', 'Content-Length': String(Buffer.byteLength(enforced)) },
      body: enforced,
      awaitContinue: true,
      onContinue: () => s3.client.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'public-read' })),
    });
    expect([response.status, errorCodeOf(response.body)]).toEqual([400, 'InvalidBucketAclWithObjectOwnership']);
    expect((await s3.client.send(new GetBucketOwnershipControlsCommand({ Bucket: bucket }))).OwnershipControls?.Rules).toEqual([{ ObjectOwnership: 'ObjectWriter' }]);
  });

  const versionOf = (bytes: Buffer, old: Buffer, next: Buffer) => (bytes.equals(old) ? 'old' : bytes.equals(next) ? 'new' : 'neither');

  /**
   * Lets the first store read of `Key` return, then overwrites `Key` with `next` before handing
   * the read on: the moment a copy's second read of its source would see the new version.
   */
  function overwriteAfterFirstRead(Key: string, next: Buffer) {
    let raced = false;
    const spies = (['headObject', 'getObject'] as const).map((method) => {
      const original = IndexedObjectStore.prototype[method] as (...args: unknown[]) => Promise<unknown>;
      return jest.spyOn(IndexedObjectStore.prototype, method).mockImplementation(async function (this: IndexedObjectStore, ...args: unknown[]) {
        const result = await original.apply(this, args);
        if (args[1] === Key && !raced) {
          raced = true;
          await s3.client.send(new PutObjectCommand({ Bucket, Key, Body: next, ContentType: 'text/new' }));
        }
        return result as never;
      });
    });
    return { restore: () => spies.forEach((spy) => spy.mockRestore()), raced: () => raced };
  }

  it.each([['a row', 10], ['a file', FILE_BODY_BYTES]])('copies the version it judged, when an overwrite lands between its reads of the source (body in %s)', async (_place, size) => {
    const Key = `judged-${size}`;
    const [old, next] = [bodyOf('o', size), bodyOf('n', size)];
    const { ETag } = await s3.client.send(new PutObjectCommand({ Bucket, Key, Body: old, ContentType: 'text/old' }));
    const race = overwriteAfterFirstRead(Key, next);
    try {
      await s3.client.send(new CopyObjectCommand({ Bucket, Key: `${Key}-copy`, CopySource: `${Bucket}/${Key}`, CopySourceIfMatch: ETag }));
    } finally {
      race.restore();
    }
    expect(race.raced()).toBe(true);
    const copy = await s3.client.send(new GetObjectCommand({ Bucket, Key: `${Key}-copy` }));
    expect([versionOf(Buffer.from(await copy.Body!.transformToByteArray()), old, next), copy.ContentType]).toEqual(['old', 'text/old']);
    expect(versionOf(await bytesOf(Key), old, next)).toBe('new');
  });

  it('copies a part from the version it judged, when an overwrite lands between its reads of the source', async () => {
    const Key = 'judged-part';
    const [old, next] = [bodyOf('o', FILE_BODY_BYTES), bodyOf('n', FILE_BODY_BYTES * 2)];
    const { ETag } = await s3.client.send(new PutObjectCommand({ Bucket, Key, Body: old }));
    const { UploadId } = await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key: `${Key}-copy` }));
    const race = overwriteAfterFirstRead(Key, next);
    try {
      const CopySourceRange = `bytes=0-${FILE_BODY_BYTES - 1}`;
      const { CopyPartResult } = await s3.client.send(new UploadPartCopyCommand({ Bucket, Key: `${Key}-copy`, UploadId, PartNumber: 1, CopySource: `${Bucket}/${Key}`, CopySourceIfMatch: ETag, CopySourceRange }));
      race.restore();
      await s3.client.send(new CompleteMultipartUploadCommand({ Bucket, Key: `${Key}-copy`, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: CopyPartResult!.ETag }] } }));
    } finally {
      race.restore();
    }
    expect(race.raced()).toBe(true);
    expect(versionOf(await bytesOf(`${Key}-copy`), old, next)).toBe('old');
  });

  it('leaves no body that no object, version or part refers to', async () => {
    expect((await settledBodyIds(dataDir)).sort()).toEqual(referencedBodyIds());
  });
});
