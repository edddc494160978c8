import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';

/** Relative path (with '/') -> contents. */
export type TreeContents = Record<string, Buffer | string>;
/** Relative path -> { size, sha256 }: what "byte-exact" is checked against. */
export type TreeDigest = Record<string, { size: number; sha256: string }>;

export async function writeTree(root: string, files: TreeContents): Promise<void> {
  for (const [path, contents] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), contents);
  }
}

/** Size and SHA-256 of every file under root, keyed by relative path. */
export async function digestTree(root: string): Promise<TreeDigest> {
  const digest: TreeDigest = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    digest[relative(root, path).split('\\').join('/')] = { size: (await stat(path)).size, sha256: await sha256File(path) };
  }
  return digest;
}

export function digestContents(files: TreeContents): TreeDigest {
  return Object.fromEntries(Object.entries(files).map(([path, contents]) => [path, { size: Buffer.byteLength(contents), sha256: sha256(contents) }]));
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

export function md5(data: Buffer | string): string {
  return createHash('md5').update(data).digest('hex');
}

/** Incompressible bytes, so no layer can pass a test by accident. */
export function randomContents(size: number): Buffer {
  return randomBytes(size);
}

/**
 * The tree a client under test syncs: a text file, an empty one, binary data of `dataBytes`, and
 * keys that clients must encode (spaces, '&', '+', non-ASCII). `client` signs the text file.
 */
export function sampleTree(client: string, dataBytes: number): TreeContents {
  return {
    'hello.txt': `hello from ${client}\n`,
    'empty.txt': '',
    'dir/data.bin': randomContents(dataBytes),
    'dir/sub/name with spaces & plus+.txt': 'a key with characters that need encoding\n',
    'dir/sub/ünïcödé 日本.txt': 'a UTF-8 key\n',
  };
}
