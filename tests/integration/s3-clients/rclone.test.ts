/**
 * rclone (Debian's `rclone`) against the real S3 mock, configured as rclone documents for an
 * S3-compatible provider ("Other"). One session, step by step: each step builds on the bucket
 * the previous ones left. Contents are compared by SHA-256, listings exactly.
 */
import { rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { succeeded } from './command-line-tool';
import { digestContents, md5, randomContents, sampleTree, sha256, sha256File, writeTree, type TreeContents } from './local-tree';
import { MULTIPART_5_MIB, MULTIPART_COPY_5_MIB, parseLs, rclone, type LsJsonEntry } from './rclone-remote';
import { multipartEtag } from './multipart-etag';
import { headBucket, headObject, startS3Mock, type RunningS3Mock } from './running-s3-mock';

jest.setTimeout(60_000);

const BUCKET = 'rclone-bucket';
const MTIME = new Date('2021-02-03T04:05:06Z');
const PART = 5 * 1024 * 1024;
const TREE = sampleTree('rclone', 200 * 1024);
const BIG = randomContents(2 * PART + 12_345);

let mock: RunningS3Mock;
let local: string;

beforeAll(async () => {
  mock = await startS3Mock();
  local = join(mock.workDir, 'tree');
  await writeTree(local, TREE);
  for (const path of Object.keys(TREE)) await utimes(join(local, path), MTIME, MTIME);
  await writeFile(join(mock.workDir, 'big.bin'), BIG);
});
afterAll(() => mock?.close());

const remote = (path = '') => `mock:${BUCKET}${path ? `/${path}` : ''}`;
const listing = async (path: string) => parseLs(succeeded(await rclone(mock, ['ls', remote(path)])));
const cat = async (path: string) => {
  const run = await rclone(mock, ['cat', remote(path)]);
  succeeded(run);
  return run.stdout;
};
const sizes = (files: TreeContents) => Object.fromEntries(Object.entries(digestContents(files)).map(([path, { size }]) => [path, size]));

describe('an rclone session against the S3 mock', () => {
  it('mkdir creates a bucket, which lsjson lists at the root of the remote', async () => {
    succeeded(await rclone(mock, ['mkdir', remote()]));

    const roots = JSON.parse(succeeded(await rclone(mock, ['lsjson', 'mock:']))) as LsJsonEntry[];
    expect(roots).toContainEqual(expect.objectContaining({ Name: BUCKET, IsDir: true, IsBucket: true }));
    expect(await headBucket(mock, BUCKET)).toBe(200);
  });

  it('is refused with 403 SignatureDoesNotMatch when signing with a wrong secret key', async () => {
    const upload = await rclone(mock, ['copyto', join(local, 'hello.txt'), remote('impostor.txt')], { secretAccessKey: 'not-the-secret' });
    // A HEAD answer has no body to carry the code, so a listing (GET) shows it.
    const listing = await rclone(mock, ['ls', remote()], { secretAccessKey: 'not-the-secret' });

    expect(upload.code).not.toBe(0);
    expect(upload.stderr).toMatch(/status code: 403/);
    expect(listing.code).not.toBe(0);
    expect(listing.stderr).toMatch(/SignatureDoesNotMatch/);
    expect((await headObject(mock, BUCKET, 'impostor.txt')).status).toBe(404);
  });

  it('copy uploads a directory tree, and ls lists every key with its exact size', async () => {
    succeeded(await rclone(mock, ['copy', local, remote('tree')]));

    expect(await listing('tree')).toEqual(sizes(TREE));
  });

  it('cat returns every object byte-exact, including keys with spaces, "+" and UTF-8', async () => {
    for (const [path, contents] of Object.entries(TREE)) {
      expect({ path, sha256: sha256(await cat(`tree/${path}`)) }).toEqual({ path, sha256: sha256(contents) });
    }
  });

  it('lsjson reports each object with its size, its MD5 and the modification time rclone keeps in user metadata', async () => {
    const entries = JSON.parse(succeeded(await rclone(mock, ['lsjson', '-R', '--files-only', '--hash', remote('tree')]))) as LsJsonEntry[];

    const seen = Object.fromEntries(entries.map((e) => [e.Path, { size: e.Size, md5: e.Hashes?.md5, modTime: Date.parse(e.ModTime) }]));
    const expected = Object.fromEntries(Object.entries(TREE).map(([path, contents]) => [path, { size: Buffer.byteLength(contents), md5: md5(contents), modTime: MTIME.getTime() }]));
    expect(seen).toEqual(expected);
  });

  it('check finds the bucket identical to the local tree', async () => {
    const run = await rclone(mock, ['check', local, remote('tree')]);
    succeeded(run);
    expect(run.stderr).toMatch(/0 differences found/);
  });

  it('sync mirrors local changes: the changed and new files uploaded, the removed one deleted', async () => {
    const changed: TreeContents = { ...TREE, 'hello.txt': 'hello again, changed\n', 'new/added.bin': randomContents(3000) };
    delete changed['empty.txt'];
    await writeTree(local, { 'hello.txt': changed['hello.txt'], 'new/added.bin': changed['new/added.bin'] });
    await rm(join(local, 'empty.txt'));

    const before = await rclone(mock, ['check', local, remote('tree')]);
    expect(before.code).toBe(1);
    expect(before.stderr).toMatch(/3 differences found/);

    succeeded(await rclone(mock, ['sync', local, remote('tree')]));

    expect(await listing('tree')).toEqual(sizes(changed));
    expect(sha256(await cat('tree/hello.txt'))).toBe(sha256(changed['hello.txt']));
    succeeded(await rclone(mock, ['check', local, remote('tree')]));
  });

  it('copyto uploads a 12 MiB file as a multipart upload of 5 MiB parts and downloads it byte-exact', async () => {
    succeeded(await rclone(mock, ['copyto', join(mock.workDir, 'big.bin'), remote('big/big.bin'), ...MULTIPART_5_MIB]));

    // The mock's own answer proves the upload really was multipart: ETag = MD5 of the part MD5s, "-3".
    expect(await headObject(mock, BUCKET, 'big/big.bin')).toEqual({ status: 200, etag: `"${multipartEtag(BIG, PART)}"` });
    const downloaded = join(mock.workDir, 'big.downloaded');
    succeeded(await rclone(mock, ['copyto', remote('big/big.bin'), downloaded]));
    expect(await sha256File(downloaded)).toBe(sha256(BIG));
    // For a multipart object rclone reads the whole-file MD5 from the metadata it stored (X-Amz-Meta-Md5chksum).
    expect(succeeded(await rclone(mock, ['md5sum', remote('big')]))).toBe(`${md5(BIG)}  big.bin\n`);
  });

  it('copies server-side: CopyObject for a small object, UploadPartCopy for one over the copy cutoff', async () => {
    succeeded(await rclone(mock, ['copyto', remote('tree/hello.txt'), remote('copies/hello.txt')]));
    succeeded(await rclone(mock, ['copyto', remote('big/big.bin'), remote('copies/big.bin'), ...MULTIPART_COPY_5_MIB]));

    expect(sha256(await cat('copies/hello.txt'))).toBe(sha256(await cat('tree/hello.txt')));
    expect(sha256(await cat('copies/big.bin'))).toBe(sha256(BIG));
    expect((await headObject(mock, BUCKET, 'copies/big.bin')).etag).toMatch(/-3"$/);
  });

  it('rcat streams standard input of unknown length as a multipart upload', async () => {
    const streamed = randomContents(PART + 777);

    succeeded(await rclone(mock, ['rcat', remote('streamed/rcat.bin'), ...MULTIPART_5_MIB], { stdin: streamed }));

    expect(await headObject(mock, BUCKET, 'streamed/rcat.bin')).toEqual({ status: 200, etag: `"${multipartEtag(streamed, PART)}"` });
    expect(sha256(await cat('streamed/rcat.bin'))).toBe(sha256(streamed));
  });

  it('link hands out a presigned URL (SigV4 query string) that a plain HTTP client downloads byte-exact', async () => {
    const url = succeeded(await rclone(mock, ['link', remote('big/big.bin'), '--expire', '1h'])).trim();

    expect(url).toMatch(/[?&]X-Amz-Signature=/);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(sha256(BIG));
  });

  it('signs with SigV2 too (--s3-v2-auth): upload, listing, download', async () => {
    const v2 = ['--s3-v2-auth'];
    succeeded(await rclone(mock, ['copyto', join(mock.workDir, 'big.bin'), remote('v2/big.bin'), ...v2]));

    expect(parseLs(succeeded(await rclone(mock, ['ls', remote('v2'), ...v2])))).toEqual({ 'big.bin': BIG.length });
    const download = await rclone(mock, ['cat', remote('v2/big.bin'), ...v2]);
    succeeded(download);
    expect(sha256(download.stdout)).toBe(sha256(BIG));
  });

  it.each(['1', '2'])('lists 250 keys in pages of 100 with ListObjects v%s, recursively and folder by folder', async (version) => {
    const many: TreeContents = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`${['a', 'b', 'c'][i % 3]}/file-${i}.txt`, `file ${i}\n`]));
    const paging = ['--s3-list-chunk', '100', '--s3-list-version', version];
    await writeTree(join(mock.workDir, 'many'), many);
    succeeded(await rclone(mock, ['copy', join(mock.workDir, 'many'), remote(`many-v${version}`), '--transfers', '16']));

    expect(parseLs(succeeded(await rclone(mock, ['ls', remote(`many-v${version}`), ...paging])))).toEqual(sizes(many));
    expect(succeeded(await rclone(mock, ['lsf', remote(`many-v${version}`), '--s3-list-chunk', '2', '--s3-list-version', version]))).toBe('a/\nb/\nc/\n');
  });

  it('delete removes only the objects a filter matches', async () => {
    succeeded(await rclone(mock, ['delete', remote('tree'), '--include', '*.txt']));

    expect(await listing('tree')).toEqual({ 'dir/data.bin': 200 * 1024, 'new/added.bin': 3000 });
  });

  it('purge removes the bucket with everything in it', async () => {
    succeeded(await rclone(mock, ['purge', remote()]));

    expect(await headBucket(mock, BUCKET)).toBe(404);
    const roots = JSON.parse(succeeded(await rclone(mock, ['lsjson', 'mock:']))) as LsJsonEntry[];
    expect(roots.map((e) => e.Name)).not.toContain(BUCKET);
  });
});
