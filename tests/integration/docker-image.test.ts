/**
 * The Docker image (README, "Docker"), without Docker: the files the Dockerfile's last stage
 * copies, laid out as it copies them, must start every server with the image's entrypoint.
 * `npm test` builds dist/ first; the build stage's /app is this checkout.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eventually } from '../support/eventually';

const repo = path.join(__dirname, '../..');
let image: string;

interface RuntimeStage {
  copies: Array<{ sources: string[]; destination: string }>;
  command: string[];
}

/** The COPY lines, ENTRYPOINT and CMD of the Dockerfile's last stage (exec form only, as written there). */
async function runtimeStage(): Promise<RuntimeStage> {
  const lines = (await readFile(path.join(repo, 'Dockerfile'), 'utf8')).split('\n').map((line) => line.trim());
  const lastFrom = lines.filter((line) => line.startsWith('FROM ')).pop()!;
  const stage = lines.slice(lines.lastIndexOf(lastFrom));
  const instruction = (name: string) => stage.filter((line) => line.startsWith(`${name} `)).map((line) => line.slice(name.length + 1).trim());
  const copies = instruction('COPY').map((args) => {
    const words = args.split(/\s+/);
    const fromBuild = words[0].startsWith('--from=');
    const paths = fromBuild ? words.slice(1) : words;
    // The build stage works in /app on a copy of this checkout.
    const sources = paths.slice(0, -1).map((source) => (fromBuild ? path.relative('/app', source) : source));
    return { sources, destination: paths[paths.length - 1] };
  });
  const exec = (name: string) => JSON.parse(instruction(name)[0]) as string[];
  return { copies, command: [...exec('ENTRYPOINT'), ...exec('CMD')] };
}

/** `generated/*.json` and the like: a `*` in the last segment of a source. */
async function expand(source: string): Promise<string[]> {
  const base = path.basename(source);
  if (!base.includes('*')) return [source];
  const [prefix, suffix] = base.split('*');
  const dir = path.dirname(source);
  return (await readdir(path.join(repo, dir))).filter((name) => name.startsWith(prefix) && name.endsWith(suffix)).map((name) => path.join(dir, name));
}

beforeAll(async () => {
  image = await mkdtemp(path.join(os.tmpdir(), 'standin-image-'));
  for (const { sources, destination } of (await runtimeStage()).copies) {
    for (const source of (await Promise.all(sources.map(expand))).flat()) {
      const target = destination.endsWith('/') ? path.join(image, destination, path.basename(source)) : path.join(image, destination);
      await mkdir(path.dirname(target), { recursive: true });
      // node_modules is the pruned build's; this checkout's serves as well and is not copied.
      if (source === 'node_modules') await symlink(path.join(repo, source), target);
      else await cp(path.join(repo, source), target, { recursive: true });
    }
  }
});

afterAll(async () => {
  if (image) await rm(image, { recursive: true, force: true });
});

describe('the Docker image', () => {
  it('starts all five servers from the files its last stage copies', async () => {
    const [program, ...args] = (await runtimeStage()).command;
    expect(program).toBe('node');
    const ports = { S3_PORT: '0', WEBHOOK_PORT: '0', AUTH_PORT: '0', IMAGE_API_PORT: '0', CLIENT_PORT: '0' };
    const child = spawn(process.execPath, args, { cwd: image, env: { ...process.env, ...ports, HOST: '127.0.0.1', STORAGE: 'memory', LOG_LEVEL: 'silent' } });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    try {
      const urls = await eventually(() => {
        const found = [...output.matchAll(/^standin: .+?\s(http:\/\/\S+)/gm)].map((match) => match[1]);
        if (found.length < 5 && child.exitCode !== null) throw new Error(`the image stopped: ${output}`);
        return found.length === 5 && found;
      }, { timeoutMs: 20_000, what: () => `five servers started; the image printed: ${output}` });
      for (const url of urls) expect((await fetch(`${url}/health`)).status).toBe(200);
    } finally {
      const exited = child.exitCode === null ? once(child, 'exit') : Promise.resolve();
      child.kill('SIGTERM');
      await exited;
    }
  });
});

describe('the compose file', () => {
  async function services(): Promise<Record<string, { environment: Record<string, string> }>> {
    const { parse } = await import('yaml');
    return parse(await readFile(path.join(repo, 'docker-compose.mocks.yml'), 'utf8'), { merge: true }).services;
  }

  it('names the client app client-app, as the seed does (docker compose logs client-app)', async () => {
    expect(Object.keys(await services()).sort()).toEqual(['auth', 'client-app', 'image-api', 's3', 'webhooks']);
  });

  it('lets every container answer the others by service name (ALLOWED_HOSTS)', async () => {
    const all = await services();
    for (const service of Object.values(all)) {
      expect(service.environment.ALLOWED_HOSTS.split(',').sort()).toEqual(Object.keys(all).sort());
    }
  });
});
