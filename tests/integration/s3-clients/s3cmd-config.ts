import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runTool, type ToolRun } from './command-line-tool';
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY, type RunningS3Mock } from './running-s3-mock';

export type S3cmd = (args: readonly string[]) => Promise<ToolRun>;

/**
 * Writes an s3cmd config file for the mock, the way s3cmd documents S3-compatible services:
 * host_base and host_bucket both the mock's host:port (path-style addressing), plain HTTP,
 * and either SigV4 (s3cmd's default) or SigV2 headers. Returns a runner bound to that file.
 */
export async function s3cmdFor(mock: RunningS3Mock, options: { signatureV2: boolean; secretKey?: string }): Promise<S3cmd> {
  await mkdir(mock.workDir, { recursive: true });
  const secretKey = options.secretKey ?? SECRET_ACCESS_KEY;
  const configFile = join(mock.workDir, `s3cmd-${options.signatureV2 ? 'v2' : 'v4'}-${secretKey}.cfg`);
  await writeFile(
    configFile,
    [
      '[default]',
      `access_key = ${ACCESS_KEY_ID}`,
      `secret_key = ${secretKey}`,
      `host_base = ${mock.hostPort}`,
      `host_bucket = ${mock.hostPort}`,
      'use_https = False',
      `signature_v2 = ${options.signatureV2 ? 'True' : 'False'}`,
      'bucket_location = us-east-1',
      'progress_meter = False',
      '',
    ].join('\n'),
  );
  return (args) => runTool('s3cmd', ['-c', configFile, ...args]);
}

/** `s3cmd ls` / `la` output as uri -> size ('DIR' for a common prefix). */
export function parseS3cmdLs(stdout: string): Record<string, number | 'DIR'> {
  const listing: Record<string, number | 'DIR'> = {};
  for (const line of stdout.split('\n').filter((l) => l.trim() !== '')) {
    const match = /\s(DIR|\d+)\s+(s3:\/\/.+)$/.exec(line);
    if (!match) throw new Error(`unexpected s3cmd ls line: ${JSON.stringify(line)}`);
    listing[match[2]] = match[1] === 'DIR' ? 'DIR' : Number(match[1]);
  }
  return listing;
}

/** `s3cmd ls s3://` output: the bucket URIs. */
export function parseS3cmdBuckets(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l.trim() !== '').map((line) => {
    const match = /\s(s3:\/\/\S+)$/.exec(line);
    if (!match) throw new Error(`unexpected s3cmd bucket line: ${JSON.stringify(line)}`);
    return match[1];
  });
}
