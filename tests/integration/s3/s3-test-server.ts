/** Starts the S3 mock on an ephemeral port (in-memory storage unless told otherwise; LOG_LEVEL=debug shows its log). */
import { createS3App } from '../../../src/handlers/s3/app';
import { listen, type Environment, type RunningServer } from '../../../src/kit';
import { readS3Config } from '../../../src/s3/config';

export async function startS3(env: Environment = {}): Promise<RunningServer> {
  return listen((url) => createS3App(readS3Config({ STORAGE: 'memory', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', PRESIGNED_URL_BASE: url, ...env })), { port: 0 });
}

/** The same server, addressed as localhost (so `<bucket>.localhost` virtual hosts resolve to it). */
export function localhostUrl(server: RunningServer): string {
  return `http://localhost:${server.port}`;
}
