/**
 * Every curl example of the seed README's S3 section, run verbatim with real curl (only the host
 * and port of http://localhost:9000 replaced by the test server's), in the README's order.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { localhostUrl, useS3 } from './s3-fixture';

const run = promisify(execFile);
const s3 = useS3();
let workDir: string;
let image: Buffer;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 's3-readme-'));
  image = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(40_000), Buffer.from([0xff, 0xd9])]);
  await writeFile(join(workDir, 'test_image.jpg'), image);
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** Runs a README command line through the shell, pointed at the test server. */
async function readme(commandLine: string): Promise<string> {
  const command = commandLine.replaceAll('http://localhost:9000', localhostUrl(s3.server));
  const { stdout } = await run('sh', ['-c', `curl --silent --show-error --fail-with-body ${command.replace(/^curl /, '')}`], { cwd: workDir });
  return stdout;
}

describe('the seed README S3 examples', () => {
  it('uploads with -F "file=@test_image.jpg", storing the file part byte for byte', async () => {
    await readme(`curl -X PUT http://localhost:9000/test-bucket/image.jpg \\
  -F "file=@test_image.jpg"`);
    const stored = await fetch(`${s3.server.url}/test-bucket/image.jpg`);
    expect(stored.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await stored.arrayBuffer()).equals(image)).toBe(true);
  });

  it('downloads with -o downloaded.jpg', async () => {
    await readme('curl http://localhost:9000/test-bucket/image.jpg -o downloaded.jpg');
    expect((await readFile(join(workDir, 'downloaded.jpg'))).equals(image)).toBe(true);
  });

  it('gets a presigned URL that curl can then download', async () => {
    const body = JSON.parse(await readme('curl "http://localhost:9000/presigned-url?bucket=test-bucket&key=image.jpg&expires_in=3600"')) as { url: string };
    expect(body.url).toContain('X-Amz-Signature=');
    await run('curl', ['--silent', '--fail', '-o', 'presigned.jpg', body.url], { cwd: workDir });
    expect((await readFile(join(workDir, 'presigned.jpg'))).equals(image)).toBe(true);
  });

  it('lists all buckets', async () => {
    const body = JSON.parse(await readme('curl http://localhost:9000/admin/buckets')) as { buckets: Array<{ name: string; object_count: number }> };
    expect(body.buckets).toContainEqual(expect.objectContaining({ name: 'test-bucket', object_count: 1 }));
  });

  it('lists the objects in a bucket', async () => {
    const body = JSON.parse(await readme('curl http://localhost:9000/admin/objects/test-bucket')) as { objects: Array<{ key: string; size: number }> };
    expect(body.objects).toEqual([expect.objectContaining({ key: 'image.jpg', size: image.length, content_type: 'image/jpeg' })]);
  });

  it('deletes the object', async () => {
    await readme('curl -X DELETE http://localhost:9000/test-bucket/image.jpg');
    expect((await fetch(`${s3.server.url}/test-bucket/image.jpg`, { method: 'HEAD' })).status).toBe(404);
  });

  it('clears all data', async () => {
    await readme('curl -X PUT http://localhost:9000/test-uploads/left-over.jpg -F "file=@test_image.jpg"');
    expect(JSON.parse(await readme('curl -X DELETE http://localhost:9000/admin/reset'))).toMatchObject({ status: 'reset' });
    const body = JSON.parse(await readme('curl http://localhost:9000/admin/objects/test-uploads')) as { count: number };
    expect(body.count).toBe(0);
  });

  it('serves the docs and the health check', async () => {
    expect(await readme('curl http://localhost:9000/docs')).toContain('<html');
    expect(JSON.parse(await readme('curl http://localhost:9000/health'))).toMatchObject({ status: 'ok', service: 's3-mock' });
  });
});
