/**
 * Raw requests signed by the AWS SDK's SignatureV4 (Authorization header or presigned query), for
 * what clients never send: headers added after signing, payload hashes of bodies other than the
 * one sent, and the mock's own JSON endpoints, which no S3 client calls.
 */
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../../unit/s3/node-sha256';
import type { RawRequest } from './raw-http';
import { CREDENTIALS } from './sdk-client';

export interface SignOptions {
  /** Headers sent beside the signed ones, left out of the signature. */
  unsigned?: Record<string, string>;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  signingDate?: Date;
}

const signerFor = (credentials = CREDENTIALS) => new SignatureV4({ service: 's3', region: 'us-east-1', credentials, sha256: NodeSha256, uriEscapePath: false });

function httpRequest(port: number, request: RawRequest): HttpRequest {
  const [path, query] = request.path.split('?');
  return new HttpRequest({
    method: request.method,
    protocol: 'http:',
    hostname: '127.0.0.1',
    port,
    path,
    query: Object.fromEntries(new URLSearchParams(query ?? '')),
    headers: { host: `127.0.0.1:${port}`, ...request.headers },
    body: request.body,
  });
}

/** Signs `request` (its headers, including any x-amz-content-sha256 given) as the SDK would for 127.0.0.1:`port`. */
export async function signedRequest(port: number, request: RawRequest, options: SignOptions = {}): Promise<RawRequest> {
  const signed = await signerFor(options.credentials).sign(httpRequest(port, request), { signingDate: options.signingDate });
  return { ...request, headers: { ...(signed.headers as Record<string, string>), ...options.unsigned } };
}

/** The path and query of a presigned URL for `request`, as @aws-sdk/s3-request-presigner makes it, valid `expiresIn` seconds. */
export async function presignedPath(port: number, request: RawRequest, expiresIn: number, options: SignOptions = {}): Promise<string> {
  const presigner = new S3RequestPresigner({ credentials: options.credentials ?? CREDENTIALS, region: 'us-east-1', sha256: NodeSha256 });
  const presigned = await presigner.presign(httpRequest(port, request), { expiresIn, signingDate: options.signingDate });
  return `${presigned.path}?${new URLSearchParams(presigned.query as Record<string, string>).toString()}`;
}
