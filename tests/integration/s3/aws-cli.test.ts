/** The aws CLI (`aws s3` and `aws s3api`, --endpoint-url) against a running S3 mock. */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aws } from './python-clients';
import { localhostUrl, useS3 } from './s3-fixture';

let home: string;
const run = (...args: string[]) => aws(localhostUrl(s3.server), home, args);
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 's3-awscli-'));
});
const s3 = useS3();
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('aws s3', () => {
  it('mb makes a bucket that ls lists', async () => {
    expect(await run('s3', 'mb', 's3://cli-bucket')).toContain('make_bucket: cli-bucket');
    expect(await run('s3', 'ls')).toMatch(/cli-bucket\n/);
  });

  it('cp uploads and downloads small and multipart-sized files byte for byte', async () => {
    const small = Buffer.from('hello from the aws cli\n'.repeat(50).slice(0, 1000));
    const large = randomBytes(20 * 1024 * 1024); // above the CLI's 8 MiB multipart threshold
    await writeFile(join(home, 'small.bin'), small);
    await writeFile(join(home, 'large.bin'), large);
    await run('s3', 'cp', join(home, 'small.bin'), 's3://cli-bucket/files/small.bin');
    await run('s3', 'cp', join(home, 'large.bin'), 's3://cli-bucket/files/large file.bin');
    await run('s3', 'cp', 's3://cli-bucket/files/large file.bin', join(home, 'large-back.bin'));
    expect(sha256(await readFile(join(home, 'large-back.bin')))).toBe(sha256(large));
    expect(await run('s3', 'cp', 's3://cli-bucket/files/small.bin', '-')).toBe(small.toString());
    const listing = await run('s3', 'ls', 's3://cli-bucket/files/');
    expect(listing).toMatch(/ 1000 small\.bin\n/);
    expect(listing).toMatch(/ 20971520 large file\.bin\n/);
  }, 60_000);

  it('sync copies a tree up and back down', async () => {
    const tree = { 'a.txt': 'alpha', 'nested/b.txt': 'beta', 'nested/deeper/c d.txt': 'gamma' };
    const anHourAgo = new Date(Date.now() - 3600_000);
    for (const [path, body] of Object.entries(tree)) {
      await mkdir(join(home, 'tree', path, '..'), { recursive: true });
      await writeFile(join(home, 'tree', path), body);
      // sync re-uploads files newer than the stored copy; S3 keeps whole seconds.
      await utimes(join(home, 'tree', path), anHourAgo, anHourAgo);
    }
    await run('s3', 'sync', join(home, 'tree'), 's3://cli-bucket/tree');
    await run('s3', 'sync', 's3://cli-bucket/tree', join(home, 'tree-back'));
    for (const [path, body] of Object.entries(tree)) expect(await readFile(join(home, 'tree-back', path), 'utf8')).toBe(body);
    expect(await run('s3', 'sync', join(home, 'tree'), 's3://cli-bucket/tree')).toBe(''); // nothing changed
  }, 60_000);

  it('rm deletes one object and --recursive deletes a prefix', async () => {
    await run('s3', 'rm', 's3://cli-bucket/files/small.bin');
    await run('s3', 'rm', '--recursive', 's3://cli-bucket/tree');
    const listing = await run('s3', 'ls', '--recursive', 's3://cli-bucket');
    expect(listing).not.toContain('small.bin');
    expect(listing).not.toContain('tree/');
    expect(listing).toContain('large file.bin');
  }, 30_000);
});

describe('aws s3api', () => {
  it('put-object with metadata, then head-object reports it', async () => {
    await writeFile(join(home, 'doc.json'), '{"a":1}');
    const put = JSON.parse(await run('s3api', 'put-object', '--bucket', 'cli-bucket', '--key', 'doc.json', '--body', join(home, 'doc.json'), '--content-type', 'application/json', '--metadata', 'origin=cli', '--server-side-encryption', 'AES256'));
    expect(put).toMatchObject({ ETag: `"${createHash('md5').update('{"a":1}').digest('hex')}"`, ServerSideEncryption: 'AES256' });
    const head = JSON.parse(await run('s3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'doc.json'));
    expect(head).toMatchObject({ ContentLength: 7, ContentType: 'application/json', Metadata: { origin: 'cli' }, ServerSideEncryption: 'AES256' });
  });

  it('restore-object restores a GLACIER object, which head-object then reports restored until midnight UTC after the days asked for', async () => {
    await writeFile(join(home, 'archived.txt'), 'cold data');
    await run('s3', 'cp', join(home, 'archived.txt'), 's3://cli-bucket/archive/cold.txt', '--storage-class', 'GLACIER');
    const before = JSON.parse(await run('s3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'archive/cold.txt'));
    expect(before).toMatchObject({ StorageClass: 'GLACIER' });
    expect(before.Restore).toBeUndefined();
    // Its bytes are out of reach until it is restored, whether read or copied.
    const refused = (promise: Promise<string>) => promise.catch((error: { stderr: string }) => error.stderr);
    expect(await refused(run('s3api', 'get-object', '--bucket', 'cli-bucket', '--key', 'archive/cold.txt', join(home, 'cold-back.txt')))).toContain('(InvalidObjectState) when calling the GetObject operation');
    expect(await refused(run('s3api', 'copy-object', '--bucket', 'cli-bucket', '--key', 'archive/warm.txt', '--copy-source', 'cli-bucket/archive/cold.txt'))).toContain('(InvalidObjectState) when calling the CopyObject operation');

    await run('s3api', 'restore-object', '--bucket', 'cli-bucket', '--key', 'archive/cold.txt', '--restore-request', 'Days=2,GlacierJobParameters={Tier=Bulk}');

    const after = JSON.parse(await run('s3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'archive/cold.txt'));
    const expiry = /^ongoing-request="false", expiry-date="(.+)"$/.exec(after.Restore)?.[1];
    expect(expiry).toBeDefined();
    const expected = new Date(Math.ceil((Date.now() + 2 * 86_400_000) / 86_400_000) * 86_400_000);
    expect(Math.abs(Date.parse(expiry!) - expected.getTime())).toBeLessThanOrEqual(86_400_000); // a run across midnight UTC
    expect(new Date(expiry!).getUTCHours()).toBe(0);
    expect(await run('s3', 'cp', 's3://cli-bucket/archive/cold.txt', '-')).toBe('cold data');
    // Restoring it again extends the copy: S3 answers 200 instead of 202, which the CLI takes alike.
    await run('s3api', 'restore-object', '--bucket', 'cli-bucket', '--key', 'archive/cold.txt', '--restore-request', 'Days=5');
  }, 30_000);

  it('restore-object of an object that is not archived is refused with 403 InvalidObjectState', async () => {
    const failure = await run('s3api', 'restore-object', '--bucket', 'cli-bucket', '--key', 'doc.json', '--restore-request', 'Days=1').catch((error: { stderr: string }) => error.stderr);
    expect(failure).toContain("An error occurred (InvalidObjectState) when calling the RestoreObject operation: Restore is not allowed for the object's current storage class");
  });

  it('reports S3 errors as the CLI shows them', async () => {
    const failure = await run('s3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'nope').catch((error: { stderr: string }) => error.stderr);
    expect(failure).toContain('Not Found');
  });
});
