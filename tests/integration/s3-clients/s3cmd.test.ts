/**
 * s3cmd (Debian's `s3cmd`) against the real S3 mock, configured as s3cmd documents for an
 * S3-compatible service (host_base/host_bucket, plain HTTP), once signing with SigV4 (its
 * default) and once with SigV2 (`signature_v2 = True`). Each run is one session, step by
 * step. Contents are compared by SHA-256, listings exactly.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { succeeded } from './command-line-tool';
import { digestContents, digestTree, md5, randomContents, sampleTree, sha256, sha256File, writeTree, type TreeContents } from './local-tree';
import { multipartEtag } from './multipart-etag';
import { headBucket, headObject, objectHeaders, startS3Mock, startUnfinishedUpload, type RunningS3Mock } from './running-s3-mock';
import { parseS3cmdBuckets, parseS3cmdLs, s3cmdFor, type S3cmd } from './s3cmd-config';

jest.setTimeout(60_000);

const PART = 5 * 1024 * 1024;
const TREE = sampleTree('s3cmd', 150 * 1024);
const BIG = randomContents(2 * PART + 54_321);

let mock: RunningS3Mock;
beforeAll(async () => {
  mock = await startS3Mock();
});
afterAll(() => mock?.close());

describe.each([
  { signature: 'SigV4', signatureV2: false },
  { signature: 'SigV2', signatureV2: true },
])('an s3cmd session signing with $signature', ({ signatureV2 }) => {
  const bucket = `s3cmd-${signatureV2 ? 'v2' : 'v4'}`;
  const s3 = (key = '') => `s3://${bucket}/${key}`;
  let s3cmd: S3cmd;
  let local: string;
  const ls = async (...args: string[]) => parseS3cmdLs(succeeded(await s3cmd(['ls', ...args])));
  const get = async (key: string) => {
    const target = join(local, 'downloads', sha256(key));
    succeeded(await s3cmd(['get', '--force', s3(key), target]));
    return target;
  };

  beforeAll(async () => {
    s3cmd = await s3cmdFor(mock, { signatureV2 });
    local = join(mock.workDir, bucket);
    await writeTree(join(local, 'tree'), TREE);
    await writeFile(join(local, 'big.bin'), BIG);
  });

  it('mb creates a bucket, which ls s3:// lists', async () => {
    succeeded(await s3cmd(['mb', s3()]));

    expect(parseS3cmdBuckets(succeeded(await s3cmd(['ls', 's3://'])))).toContain(s3().replace(/\/$/, ''));
    expect(await headBucket(mock, bucket)).toBe(200);
  });

  it('mb of a bucket it already owns succeeds: S3 in us-east-1 answers 200 OK to a re-create, for legacy compatibility', async () => {
    // s3cmd sends CreateBucket with no LocationConstraint (us-east-1, the mock's region); AWS answers
    // BucketAlreadyOwnedByYou (409) in every other region only.
    const run = await s3cmd(['mb', s3()]);

    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout.toString()).toBe(`Bucket '${s3()}' created\n`);
  });

  it('is refused with 403 SignatureDoesNotMatch when signing with a wrong secret key', async () => {
    const impostor = await s3cmdFor(mock, { signatureV2, secretKey: 'not-the-secret' });

    const run = await impostor(['put', join(local, 'tree', 'hello.txt'), s3('impostor.txt')]);

    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/403 \(SignatureDoesNotMatch\)/);
    expect((await headObject(mock, bucket, 'impostor.txt')).status).toBe(404);
  });

  it('put --recursive uploads a tree, and get returns every object byte-exact', async () => {
    succeeded(await s3cmd(['put', '--recursive', `${join(local, 'tree')}/`, s3('files/')]));

    for (const [path, contents] of Object.entries(TREE)) {
      expect({ path, sha256: await sha256File(await get(`files/${path}`)) }).toEqual({ path, sha256: sha256(contents) });
    }
  });

  it('ls lists the keys and common prefixes under a prefix; ls -r and la -r list every object with its size', async () => {
    expect(await ls(s3('files/'))).toEqual({
      [s3('files/dir/')]: 'DIR',
      [s3('files/empty.txt')]: 0,
      [s3('files/hello.txt')]: Buffer.byteLength(TREE['hello.txt']),
    });
    const everything = Object.fromEntries(Object.entries(digestContents(TREE)).map(([path, { size }]) => [s3(`files/${path}`), size]));
    expect(await ls('-r', s3())).toEqual(everything);
    const all = parseS3cmdLs(succeeded(await s3cmd(['la', '-r'])));
    expect(Object.fromEntries(Object.entries(all).filter(([uri]) => uri.startsWith(s3())))).toEqual(everything);
  });

  it("info shows an object's size, MIME type, MD5 and ACL, and the bucket's location", async () => {
    const object = succeeded(await s3cmd(['info', s3('files/hello.txt')]));
    expect(object).toMatch(new RegExp(`File size: ${Buffer.byteLength(TREE['hello.txt'])}\\n`));
    expect(object).toMatch(/MIME type: text\/plain/);
    expect(object).toMatch(new RegExp(`MD5 sum: +${md5(TREE['hello.txt'])}\\n`));
    // The grantee by its canonical ID: S3 names no one (DisplayName) since November 2025.
    expect(object).toMatch(/ACL: +75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a: FULL_CONTROL\n/);

    expect(succeeded(await s3cmd(['info', s3()]))).toMatch(/Location: +us-east-1\n/);
  });

  it('payer --requester-pays makes the bucket Requester Pays, which info shows, and payer alone gives it back to the owner', async () => {
    expect(succeeded(await s3cmd(['info', s3()]))).toMatch(/Payer: +BucketOwner\n/);

    expect(succeeded(await s3cmd(['payer', '--requester-pays', s3()]))).toBe(`${s3()}: Payer updated\n`);
    expect(succeeded(await s3cmd(['info', s3()]))).toMatch(/Payer: +Requester\n/);

    succeeded(await s3cmd(['payer', s3()]));
    expect(succeeded(await s3cmd(['info', s3()]))).toMatch(/Payer: +BucketOwner\n/);
  });

  it('put sends a 12 MiB file as a multipart upload of 5 MiB parts, and get returns it byte-exact', async () => {
    succeeded(await s3cmd(['put', '--multipart-chunk-size-mb=5', join(local, 'big.bin'), s3('big.bin')]));

    // The mock's own answer proves the upload really was multipart: ETag = MD5 of the part MD5s, "-3".
    expect(await headObject(mock, bucket, 'big.bin')).toEqual({ status: 200, etag: `"${multipartEtag(BIG, PART)}"` });
    expect(await sha256File(await get('big.bin'))).toBe(sha256(BIG));
  });

  it('put --upload-id resumes an unfinished multipart upload: the part already there is skipped (ListParts), the rest sent and completed', async () => {
    const uploadId = await startUnfinishedUpload(mock, bucket, 'resumed.bin', BIG.subarray(0, PART));

    const run = await s3cmd(['put', '--multipart-chunk-size-mb=5', `--upload-id=${uploadId}`, join(local, 'big.bin'), s3('resumed.bin')]);

    succeeded(run);
    expect(run.stderr).toMatch(/part 1, skipping/);
    expect(await headObject(mock, bucket, 'resumed.bin')).toEqual({ status: 200, etag: `"${multipartEtag(BIG, PART)}"` });
    expect(await sha256File(await get('resumed.bin'))).toBe(sha256(BIG));
  });

  it('put --server-side-encryption --storage-class: both stored, and shown by ls -l and info', async () => {
    succeeded(await s3cmd(['put', '--server-side-encryption', '--storage-class=STANDARD_IA', join(local, 'big.bin'), s3('encrypted.bin')]));

    expect(succeeded(await s3cmd(['ls', '-l', s3('encrypted.bin')]))).toMatch(new RegExp(` ${BIG.length} +${md5(BIG)} +STANDARD_IA +${s3('encrypted.bin')}\n`));
    const info = succeeded(await s3cmd(['info', s3('encrypted.bin')]));
    expect(info).toMatch(/Storage: +STANDARD_IA\n/);
    expect(info).toMatch(/SSE: +AES256\n/);
  });

  it('sync uploads only what changed, --delete-removed deletes what is gone, and syncing back reproduces the tree', async () => {
    const tree = join(local, 'tree');
    succeeded(await s3cmd(['sync', `${tree}/`, s3('synced/')]));
    const changed: TreeContents = { ...TREE, 'hello.txt': 'hello again, changed\n', 'new/added.bin': randomContents(3000) };
    delete changed['empty.txt'];
    await writeTree(tree, { 'hello.txt': changed['hello.txt'], 'new/added.bin': changed['new/added.bin'] });
    await rm(join(tree, 'empty.txt'));

    const output = succeeded(await s3cmd(['sync', '--delete-removed', `${tree}/`, s3('synced/')]));

    expect(output.match(/^upload: .*$/gm)?.map((line) => /-> '([^']+)'/.exec(line)?.[1]).sort()).toEqual([s3('synced/hello.txt'), s3('synced/new/added.bin')]);
    expect(output.match(/^delete: .*$/gm)).toEqual([`delete: '${s3('synced/empty.txt')}'`]);
    const synced = Object.fromEntries(Object.entries(digestContents(changed)).map(([path, { size }]) => [s3(`synced/${path}`), size]));
    expect(await ls('-r', s3('synced/'))).toEqual(synced);

    const back = join(local, 'back');
    succeeded(await s3cmd(['sync', s3('synced/'), `${back}/`]));
    expect(await digestTree(back)).toEqual(digestContents(changed));
  });

  it('put keeps the MIME type, headers and x-amz-meta-* it was given, modify adds to them in place, cp and mv copy them server-side', async () => {
    const contents = 'an object with metadata\n';
    const file = join(local, 'meta.txt');
    await writeFile(file, contents);
    succeeded(await s3cmd(['put', '--mime-type=text/x-custom', '--add-header=Cache-Control:max-age=60', '--add-header=x-amz-meta-owner:tests', file, s3('meta/hello.txt')]));
    succeeded(await s3cmd(['modify', '--add-header=x-amz-meta-color:blue', s3('meta/hello.txt')]));
    succeeded(await s3cmd(['cp', s3('meta/hello.txt'), s3('meta/copy.txt')]));
    succeeded(await s3cmd(['mv', s3('meta/copy.txt'), s3('meta/moved.txt')]));

    expect(Object.keys(await ls(s3('meta/')))).toEqual([s3('meta/hello.txt'), s3('meta/moved.txt')]);
    for (const key of ['meta/hello.txt', 'meta/moved.txt']) {
      expect({ key, ...(await objectHeaders(mock, bucket, key)) }).toMatchObject({
        key,
        etag: `"${md5(contents)}"`,
        'content-type': 'text/x-custom',
        'cache-control': 'max-age=60',
        'x-amz-meta-owner': 'tests',
        'x-amz-meta-color': 'blue',
      });
    }
    expect(succeeded(await s3cmd(['info', s3('meta/moved.txt')]))).toMatch(/MIME type: text\/x-custom\n[^]*x-amz-meta-color: blue\n/);
  });

  it('signurl makes a presigned URL (SigV2 query string) a plain HTTP client can use, refused once expired', async () => {
    const url = succeeded(await s3cmd(['signurl', s3('files/hello.txt'), '+300'])).trim();
    const expiredUrl = succeeded(await s3cmd(['signurl', s3('files/hello.txt'), '1000000000'])).trim();

    const response = await fetch(url);
    expect({ status: response.status, body: await response.text() }).toEqual({ status: 200, body: TREE['hello.txt'] });
    const expired = await fetch(expiredUrl);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toMatch(/<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
  });

  it('multipart, listmp and abortmp show an unfinished upload and its parts, and abort it', async () => {
    const part = randomContents(PART);
    const uploadId = await startUnfinishedUpload(mock, bucket, 'unfinished.bin', part);
    const rows = (output: string) => output.split('\n').map((line) => line.split('\t'));

    expect(rows(succeeded(await s3cmd(['multipart', s3()])))).toContainEqual([expect.any(String), s3('unfinished.bin'), uploadId]);
    expect(rows(succeeded(await s3cmd(['listmp', s3('unfinished.bin'), uploadId])))).toContainEqual([expect.any(String), '1', `"${md5(part)}"`, String(PART)]);
    succeeded(await s3cmd(['abortmp', s3('unfinished.bin'), uploadId]));
    expect(succeeded(await s3cmd(['multipart', s3()]))).not.toContain(uploadId);
  });

  it('rb refuses a bucket that still holds objects (BucketNotEmpty)', async () => {
    const run = await s3cmd(['rb', s3()]);

    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/409 \(BucketNotEmpty\)/);
  });

  it('del removes one object, del --recursive --force the rest, and rb the emptied bucket', async () => {
    succeeded(await s3cmd(['del', s3('big.bin')]));
    expect((await headObject(mock, bucket, 'big.bin')).status).toBe(404);

    succeeded(await s3cmd(['del', '--recursive', '--force', s3()]));
    expect(await ls('-r', s3())).toEqual({});

    succeeded(await s3cmd(['rb', s3()]));
    expect(await headBucket(mock, bucket)).toBe(404);
  });
});
