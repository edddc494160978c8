/**
 * The Python S3 clients the project promises to work with (the aws CLI and boto3); whether they
 * are installed is checked once per run (tests/support/system-tools.js).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Credentials and region only from the environment: no profile or config file of the machine. */
export function awsEnvironment(home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    AWS_ACCESS_KEY_ID: 'test-key',
    AWS_SECRET_ACCESS_KEY: 'test-secret',
    AWS_DEFAULT_REGION: 'eu-west-1',
    AWS_CONFIG_FILE: `${home}/no-config`,
    AWS_SHARED_CREDENTIALS_FILE: `${home}/no-credentials`,
    AWS_PAGER: '',
  };
}

export async function aws(endpoint: string, home: string, args: string[]): Promise<string> {
  const { stdout } = await run('aws', ['--endpoint-url', endpoint, ...args], { env: awsEnvironment(home), maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export async function python(script: string, args: string[], home: string): Promise<string> {
  const { stdout } = await run('python3', [script, ...args], { env: awsEnvironment(home), maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** A HOME of the suite's own for the Python clients: made before its tests, removed after them. */
export function useClientHome(prefix: string): { readonly path: string } {
  let home = '';
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
  });
  return { get path() { return home; } };
}
