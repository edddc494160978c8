/**
 * One S3 mock per test file: started before the file's tests, closed after them, with an
 * @aws-sdk/client-s3 client (path style) made the first time a test asks for it.
 * Call it at the top of the file, before any hook that uses the server.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { Environment, RunningServer } from '../../../src/kit';
import { s3Client } from './sdk-client';
import { startS3 } from './s3-test-server';

export interface S3Fixture {
  readonly server: RunningServer;
  readonly client: S3Client;
}

/** `env` may be a function when it depends on something an earlier beforeAll prepares (a temp dir). */
export function useS3(env: Environment | (() => Environment) = {}): S3Fixture {
  let server: RunningServer | undefined;
  let client: S3Client | undefined;

  beforeAll(async () => {
    server = await startS3(typeof env === 'function' ? env() : env);
  });
  afterAll(async () => {
    client?.destroy();
    await server?.close();
  });

  return {
    get server() {
      if (!server) throw new Error('the S3 mock is not running (useS3 serves tests and hooks after its beforeAll)');
      return server;
    },
    get client() {
      client ??= s3Client(this.server);
      return client;
    },
  };
}
