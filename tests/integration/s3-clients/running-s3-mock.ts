import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../support/standin-harness';

/** The credentials the mock accepts by default (S3_CREDENTIALS), as the image service's .env has them. */
export const ACCESS_KEY_ID = 'test-key';
export const SECRET_ACCESS_KEY = 'test-secret';

export interface RunningS3Mock {
  /** e.g. http://127.0.0.1:39211 */
  readonly url: string;
  /** host:port, what s3cmd calls host_base. */
  readonly hostPort: string;
  /** A scratch directory for the test's local files, removed by close(). */
  readonly workDir: string;
  close(): Promise<void>;
}

/**
 * The real S3 mock on an ephemeral port with file storage (what users run), plus a scratch
 * directory for the client under test. Both go away on close().
 */
export async function startS3Mock(): Promise<RunningS3Mock> {
  const root = await mkdtemp(join(tmpdir(), 'standin-s3-clients-'));
  const workDir = join(root, 'work');
  const server = await startServer('s3', { dataDir: join(root, 'data') });
  return {
    url: server.url,
    hostPort: new URL(server.url).host,
    workDir,
    close: async () => {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** What a plain unsigned HEAD of an object tells: the mock's view, independent of the client under test. */
export async function headObject(mock: RunningS3Mock, bucket: string, key: string): Promise<{ status: number; etag: string | null }> {
  const response = await fetch(`${mock.url}/${bucket}/${encodeKey(key)}`, { method: 'HEAD' });
  return { status: response.status, etag: response.headers.get('etag') };
}

/** The response headers of a plain unsigned HEAD of an object. */
export async function objectHeaders(mock: RunningS3Mock, bucket: string, key: string): Promise<Record<string, string>> {
  const response = await fetch(`${mock.url}/${bucket}/${encodeKey(key)}`, { method: 'HEAD' });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  return headers;
}

/** Starts a multipart upload and uploads its first part (plain unsigned requests); resolves to the upload id. */
export async function startUnfinishedUpload(mock: RunningS3Mock, bucket: string, key: string, firstPart: Buffer): Promise<string> {
  const objectUrl = `${mock.url}/${bucket}/${encodeKey(key)}`;
  const created = await fetch(`${objectUrl}?uploads`, { method: 'POST' });
  const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(await created.text())?.[1];
  if (created.status !== 200 || !uploadId) throw new Error(`CreateMultipartUpload answered ${created.status}`);
  const part = await fetch(`${objectUrl}?partNumber=1&uploadId=${encodeURIComponent(uploadId)}`, { method: 'PUT', body: new Uint8Array(firstPart) });
  if (part.status !== 200) throw new Error(`UploadPart answered ${part.status}`);
  return uploadId;
}

export async function headBucket(mock: RunningS3Mock, bucket: string): Promise<number> {
  return (await fetch(`${mock.url}/${bucket}`, { method: 'HEAD' })).status;
}

function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}
