/**
 * @aws-sdk/client-s3 on its default settings (flexible checksums, aws-chunked streaming uploads)
 * pointed at a test server, path style or virtual-host style. Node does not resolve
 * `<bucket>.localhost` (getaddrinfo only knows `localhost`), so the virtual-host client's agent
 * resolves any `*.localhost` name as `localhost`, as browsers and systemd-resolved do.
 */
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { lookup } from 'node:dns';
import http from 'node:http';
import type { LookupFunction } from 'node:net';
import type { RunningServer } from '../../../src/kit';

export const CREDENTIALS = { accessKeyId: 'test-key', secretAccessKey: 'test-secret' };

const localhostLookup: LookupFunction = (hostname, options, callback) =>
  lookup(hostname.endsWith('.localhost') ? 'localhost' : hostname, options, callback);

export function s3Client(server: Pick<RunningServer, 'port'>, style: 'path' | 'virtual-host' = 'path', region = 'eu-west-1', extra: Partial<S3ClientConfig> = {}): S3Client {
  return new S3Client({
    credentials: CREDENTIALS,
    ...extra,
    region,
    endpoint: `http://localhost:${server.port}`,
    forcePathStyle: style === 'path',
    requestHandler: new NodeHttpHandler({ httpAgent: new http.Agent({ keepAlive: true, lookup: localhostLookup }) }),
  });
}

/** An s3Client that adds `headers` to every request before signing it: what other clients send where the SDK sends nothing. */
export function s3ClientSending(server: Pick<RunningServer, 'port'>, headers: Record<string, string>): S3Client {
  const client = s3Client(server);
  client.middlewareStack.add((next) => (args) => {
    Object.assign((args.request as { headers: Record<string, string> }).headers, headers);
    return next(args);
  }, { step: 'build' });
  return client;
}
