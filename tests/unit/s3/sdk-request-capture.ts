/**
 * Runs a command through the real @aws-sdk/client-s3 middleware stack (serializer, flexible
 * checksums, aws-chunked encoding, SigV4 signer) and captures the signed request instead of sending
 * it, as the S3 mock would receive it on the wire.
 */
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { buildQueryString, HttpResponse, type HttpRequest } from '@smithy/core/protocols';
import { Readable } from 'node:stream';
import { splitRequestTarget, type S3HttpRequest } from '../../../src/s3/http-request';

export interface CapturedRequest {
  wire: S3HttpRequest;
  /** The body bytes exactly as they would be sent (aws-chunked framing included). */
  body: Buffer;
}

async function bodyBytes(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string' || body instanceof Uint8Array) return Buffer.from(body as string);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

export function toWireRequest(request: HttpRequest): S3HttpRequest {
  const queryString = request.query ? buildQueryString(request.query) : '';
  const target = queryString ? `${request.path}?${queryString}` : request.path;
  const rawHeaders = Object.entries(request.headers).flatMap(([name, value]) => [name, value]);
  return { method: request.method, rawHeaders, ...splitRequestTarget(target) };
}

export const TEST_CREDENTIALS = { accessKeyId: 'test-key', secretAccessKey: 'test-secret' };

export function capturingClient(config: Partial<S3ClientConfig> = {}): { client: S3Client; captured: CapturedRequest[] } {
  const captured: CapturedRequest[] = [];
  const client = new S3Client({
    region: 'eu-west-1',
    endpoint: 'http://localhost:9000',
    forcePathStyle: true,
    credentials: TEST_CREDENTIALS,
    maxAttempts: 1,
    ...config,
    requestHandler: {
      async handle(request: HttpRequest) {
        captured.push({ wire: toWireRequest(request), body: await bodyBytes(request.body) });
        return { response: new HttpResponse({ statusCode: 200, headers: {}, body: Readable.from([]) }) };
      },
    },
  });
  return { client, captured };
}
