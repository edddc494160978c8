/**
 * The Python S3 clients the project promises to work with (the aws CLI and boto3); whether they
 * are installed is checked once per run (tests/support/system-tools.js).
 */
import { execFile } from 'node:child_process';
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
