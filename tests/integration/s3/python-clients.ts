/**
 * The Python S3 clients the project promises to work with (the aws CLI and boto3). A missing one
 * fails the test with the command that installs it: a compatibility claim that was not checked
 * must show up red, never as a skip.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export function requireAwsCli(): void {
  const probe = spawnSync('aws', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error('The aws CLI is not installed, so S3 compatibility with it cannot be checked. Install it: apt-get update && apt-get install -y awscli');
  }
}

export function requireBoto3(): void {
  const probe = spawnSync('python3', ['-c', 'import boto3'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error('python3 with boto3 is not installed, so S3 compatibility with boto3 cannot be checked. Install it: apt-get update && apt-get install -y python3-boto3');
  }
}

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
