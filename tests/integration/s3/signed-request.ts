/**
 * A raw request signed by the AWS SDK's SignatureV4 (Authorization header), for what clients
 * never send: headers added after signing, payload hashes of bodies other than the one sent.
 */
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../../unit/s3/node-sha256';
import type { RawRequest } from './raw-http';
import { CREDENTIALS } from './sdk-client';

const signer = new SignatureV4({ service: 's3', region: 'us-east-1', credentials: CREDENTIALS, sha256: NodeSha256, uriEscapePath: false });

export interface SignedRequestOptions {
  /** Headers sent beside the signed ones, left out of the signature. */
  unsigned?: Record<string, string>;
}

/** Signs `request` (its headers, including any x-amz-content-sha256 given) as the SDK would for 127.0.0.1:`port`. */
export async function signedRequest(port: number, request: RawRequest, options: SignedRequestOptions = {}): Promise<RawRequest> {
  const [path, query] = request.path.split('?');
  const signed = await signer.sign(
    new HttpRequest({
      method: request.method,
      protocol: 'http:',
      hostname: '127.0.0.1',
      port,
      path,
      query: Object.fromEntries(new URLSearchParams(query ?? '')),
      headers: { host: `127.0.0.1:${port}`, ...request.headers },
      body: request.body,
    }),
  );
  return { ...request, headers: { ...(signed.headers as Record<string, string>), ...options.unsigned } };
}
