/**
 * standin as a package (README, "Use it from your own tests"): the tarball `npm pack` makes, installed
 * into an empty project offline from the local npm cache, gives `npx standin start` and
 * `import { start } from 'standin'` with types. `npm test` builds dist/ first.
 */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repo = path.join(__dirname, '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let workDir: string;
let project: string;
let packedFiles: string[];

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'standin-package-'));
  project = path.join(workDir, 'app');
  // dist/ is already built; prepack would build it again.
  const { stdout } = await run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', workDir], { cwd: repo });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packedFiles = packed.files.map((file) => file.path);
  await mkdir(project);
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, dependencies: { standin: `file:../${packed.filename}` } }));
  await writeFile(path.join(project, 'package-lock.json'), JSON.stringify(await lockfileFor(`../${packed.filename}`)));
  await run(npm, ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: project, maxBuffer: 16 * 1024 * 1024 });
  // The one native addon is this checkout's build, so the test needs no compiler.
  await cp(path.join(repo, 'node_modules/better-sqlite3/build'), path.join(project, 'node_modules/better-sqlite3/build'), { recursive: true });
}, 240_000);

/**
 * A lockfile naming standin and this checkout's own runtime dependencies, so `npm ci --offline`
 * installs the tarball from the cache `npm ci` filled here, as it would from the registry.
 */
async function lockfileFor(tarball: string): Promise<object> {
  const manifest = JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8'));
  const lock = JSON.parse(await readFile(path.join(repo, 'package-lock.json'), 'utf8'));
  const runtime = Object.entries(lock.packages as Record<string, { dev?: boolean }>).filter(([where, entry]) => where.startsWith('node_modules/') && !entry.dev);
  return {
    name: 'app',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'app', version: '1.0.0', dependencies: { standin: `file:${tarball}` } },
      'node_modules/standin': { version: manifest.version, resolved: `file:${tarball}`, license: manifest.license, dependencies: manifest.dependencies, bin: manifest.bin, engines: manifest.engines },
      ...Object.fromEntries(runtime),
    },
  };
}

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** SIGTERM to the process group `leader` leads: none is left of one that exited on its own (the test's failure says why). */
function stopGroup(leader: number): void {
  try {
    process.kill(-leader, 'SIGTERM');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * tsc compiles a script that starts two servers, and it runs: seconds of CPU each, which a busy two-core machine
 * stretches past the 30 s a test gets by default.
 */
const TSC_AND_RUN_TIMEOUT_MS = 120_000;

describe('the packed tarball', () => {
  it('holds the built code, its types, the specs and the pages, and nothing else', () => {
    const topLevel = [...new Set(packedFiles.map((file) => file.split('/').slice(0, file.startsWith('dist/') ? 2 : 1).join('/')))].sort();
    expect(topLevel).toEqual(['LICENSE', 'README.md', 'dist/generated', 'dist/src', 'generated', 'openapi', 'package.json', 'public']);
    expect(packedFiles).toEqual(expect.arrayContaining(['dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/cli.js', 'openapi/s3-mock.yaml', 'generated/s3-mock.json', 'public/webhooks/index.html']));
    expect(packedFiles.filter((file) => file.endsWith('.map') || file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
  });

  it('starts a server through `npx standin start`', async () => {
    // In a process group of its own: npx runs standin as its child, and both must stop.
    const child = spawn('npx', ['--no-install', 'standin', 'start', 's3'], { cwd: project, detached: true, env: { ...process.env, S3_PORT: '0', STORAGE: 'memory', LOG_LEVEL: 'silent', HOST: '' } });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /S3 mock\s+(http:\/\/\S+)/.exec(output);
          if (match) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`standin exited with ${code}: ${output}`)));
      });
      const health = await (await fetch(`${url}/health`)).json();
      expect(health).toMatchObject({ status: 'ok', service: 's3-mock' });
    } finally {
      const exited = child.exitCode === null ? once(child, 'exit') : Promise.resolve();
      stopGroup(child.pid!);
      await exited;
    }
  });

  it("gives `import { start } from 'standin'` with types, and start() serves on ephemeral ports", async () => {
    const script = `import { start, type RunningServer, type Standin } from 'standin';
async function main(): Promise<void> {
  const standin: Standin = await start({ servers: ['webhooks', 's3'], port: 0, storage: 'memory' });
  const receiver: RunningServer | undefined = standin.servers.webhooks;
  const url: string | undefined = receiver?.url;
  const answer = await fetch(url + '/health');
  console.log(JSON.stringify({ status: answer.status, s3: standin.urls.s3 }));
  await standin.close();
}
void main();
`;
    await writeFile(path.join(project, 'use-standin.ts'), script);
    // The project has Node's types, as any TypeScript project on Node does, and no others: the
    // package's types must compile without those of the libraries it uses inside (no skipLibCheck).
    for (const types of ['@types/node', 'undici-types']) await cp(path.join(repo, 'node_modules', types), path.join(project, 'node_modules', types), { recursive: true });
    const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');
    await run(process.execPath, [tsc, '--strict', '--module', 'commonjs', '--target', 'es2022', '--moduleResolution', 'node', '--esModuleInterop', '--lib', 'es2022,dom', '--types', 'node', 'use-standin.ts'], { cwd: project });
    expect(await readdir(project)).toContain('use-standin.js');
    const { stdout } = await run(process.execPath, ['use-standin.js'], { cwd: project });
    const result = JSON.parse(stdout.trim());
    expect(result.status).toBe(200);
    expect(result.s3).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  }, TSC_AND_RUN_TIMEOUT_MS);
});
