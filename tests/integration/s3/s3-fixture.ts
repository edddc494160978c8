/**
 * One S3 mock per test file (tests/support/standin-harness.ts starts it before the file's tests
 * and closes it after them), with an @aws-sdk/client-s3 client (path style) made the first time a
 * test asks for it. Call it at the top of the file, before any hook that uses the server.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { RunningServer } from '../../../src/kit';
import { useStandin, type StandinOptions } from '../../support/standin-harness';
import { s3Client } from './sdk-client';

export interface S3Fixture {
  readonly server: RunningServer;
  readonly client: S3Client;
}

type S3Options = Omit<StandinOptions, 'servers'>;

/** `options` may be a function when it depends on something an earlier beforeAll prepares (a temp dir). */
export function useS3(options: S3Options | (() => S3Options) = {}): S3Fixture {
  const standin = useStandin(() => ({ ...(typeof options === 'function' ? options() : options), servers: ['s3'] }));
  let client: S3Client | undefined;
  afterAll(() => client?.destroy());

  return {
    get server() {
      return standin.servers.s3!;
    },
    get client() {
      client ??= s3Client(this.server);
      return client;
    },
  };
}

/** The mock addressed as localhost (so `<bucket>.localhost` virtual hosts resolve to it). */
export function localhostUrl(server: RunningServer): string {
  return `http://localhost:${server.port}`;
}
