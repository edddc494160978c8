/**
 * `npm run build` (scripts/build.mjs), which npm start, npm test and npm pack run first: dist/ holds
 * what the sources make now, so a file removed from src/ does not keep shipping. Run in a copy of
 * the checkout's sources, so this checkout's own dist/ is left alone.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const repo = path.join(__dirname, '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** A full tsc run of the project: seconds of CPU, which a busy two-core machine stretches. */
const BUILD_TIMEOUT_MS = 120_000;
let checkout: string;

beforeAll(async () => {
  checkout = await mkdtemp(path.join(os.tmpdir(), 'standin-build-'));
  for (const entry of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'src', 'generated', 'scripts']) {
    await cp(path.join(repo, entry), path.join(checkout, entry), { recursive: true });
  }
  await symlink(path.join(repo, 'node_modules'), path.join(checkout, 'node_modules'));
  // what an earlier build left of a module since removed from src/
  await mkdir(path.join(checkout, 'dist/src'), { recursive: true });
  await writeFile(path.join(checkout, 'dist/src/removed-module.js'), 'module.exports = {};\n');
});
afterAll(async () => {
  if (checkout) await rm(checkout, { recursive: true, force: true });
});

const build = () => promisify(execFile)(npm, ['run', '-s', 'build'], { cwd: checkout, maxBuffer: 16 * 1024 * 1024 });
const leftovers = async () => (await readdir(checkout)).filter((name) => name.startsWith('dist.'));

describe('npm run build', () => {
  it('starts from an empty dist/: what a removed source left there is gone', async () => {
    await build();
    expect(existsSync(path.join(checkout, 'dist/src/cli.js'))).toBe(true);
    expect(existsSync(path.join(checkout, 'dist/src/removed-module.js'))).toBe(false);
    expect(await leftovers()).toEqual([]);
  }, BUILD_TIMEOUT_MS);

  it('leaves dist/ as it was when tsc fails, and says why', async () => {
    await writeFile(path.join(checkout, 'src/broken.ts'), 'export const broken: number = "not a number";\n');
    const failed = await build().then(() => undefined, (error: { code: number; stdout: string }) => error);
    expect(failed?.code).not.toBe(0);
    expect(failed?.stdout).toContain('src/broken.ts');
    expect(existsSync(path.join(checkout, 'dist/src/cli.js'))).toBe(true);
    expect(existsSync(path.join(checkout, 'dist/src/broken.js'))).toBe(false);
    expect(await leftovers()).toEqual([]);
  }, BUILD_TIMEOUT_MS);
});
