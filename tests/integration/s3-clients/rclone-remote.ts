import { join } from 'node:path';
import { runTool, type ToolRun } from './command-line-tool';
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY, type RunningS3Mock } from './running-s3-mock';

/**
 * Runs rclone against the mock, configured the way rclone documents for an S3-compatible
 * service: only environment variables (RCLONE_CONFIG_MOCK_*, so the remote is `mock:bucket/path`),
 * provider "Other", no config file.
 * Retries are off so that a failed request fails the command instead of being papered over.
 */
export function rclone(mock: RunningS3Mock, args: readonly string[], options: { secretAccessKey?: string; stdin?: Buffer } = {}): Promise<ToolRun> {
  const env = {
    RCLONE_CONFIG: join(mock.workDir, 'rclone.conf'),
    RCLONE_CONFIG_MOCK_TYPE: 's3',
    RCLONE_CONFIG_MOCK_PROVIDER: 'Other',
    RCLONE_CONFIG_MOCK_ENDPOINT: mock.url,
    RCLONE_CONFIG_MOCK_ACCESS_KEY_ID: ACCESS_KEY_ID,
    RCLONE_CONFIG_MOCK_SECRET_ACCESS_KEY: options.secretAccessKey ?? SECRET_ACCESS_KEY,
    RCLONE_CONFIG_MOCK_REGION: 'us-east-1',
  };
  return runTool('rclone', [...args, '--retries', '1', '--low-level-retries', '1'], { env, stdin: options.stdin });
}

/** Flags that make rclone upload anything over 5 MiB as a multipart upload of 5 MiB parts (S3's minimum part size). */
export const MULTIPART_5_MIB = ['--s3-upload-cutoff', '5M', '--s3-chunk-size', '5M'];
/** Flags that make rclone copy server-side with UploadPartCopy for anything over 5 MiB. */
export const MULTIPART_COPY_5_MIB = ['--s3-copy-cutoff', '5M'];

/** `rclone ls` output ("<size> <path>" per line) as path -> size. */
export function parseLs(stdout: string): Record<string, number> {
  const listing: Record<string, number> = {};
  for (const line of stdout.split('\n').filter(Boolean)) {
    const match = /^\s*(\d+) (.+)$/.exec(line);
    if (!match) throw new Error(`unexpected rclone ls line: ${JSON.stringify(line)}`);
    listing[match[2]] = Number(match[1]);
  }
  return listing;
}

/** One entry of `rclone lsjson`. */
export interface LsJsonEntry {
  Path: string;
  Name: string;
  Size: number;
  ModTime: string;
  IsDir: boolean;
  IsBucket?: boolean;
  Hashes?: Record<string, string>;
}
