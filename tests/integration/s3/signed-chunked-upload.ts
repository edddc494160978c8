/**
 * Builds a STREAMING-AWS4-HMAC-SHA256-PAYLOAD upload (signed aws-chunked body, as the Java SDK and
 * others send over plain HTTP): the headers are signed by the AWS SDK's SignatureV4 and each chunk
 * signature is signed by its string signer, chained from the seed signature.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
 */
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash } from 'node:crypto';
import { NodeSha256 } from '../../unit/s3/node-sha256';
import type { RawRequest } from './raw-http';
import { CREDENTIALS } from './sdk-client';

const EMPTY_SHA256 = createHash('sha256').digest('hex');
const sha256Hex = (data: Buffer) => createHash('sha256').update(data).digest('hex');

export interface ChunkedUploadOptions {
  /** Flip the first byte of this chunk after signing it. */
  corruptChunk?: number;
  /** Send (and sign a Content-Length of) only this many bytes of the framed body. */
  truncateAt?: number;
}

export async function signedChunkedUpload(port: number, path: string, chunks: Buffer[], options: ChunkedUploadOptions = {}): Promise<RawRequest> {
  const signer = new SignatureV4({ service: 's3', region: 'us-east-1', credentials: CREDENTIALS, sha256: NodeSha256, uriEscapePath: false, applyChecksum: false });
  const signingDate = new Date();
  const frames = [...chunks, Buffer.alloc(0)];
  const fullLength = frames.reduce((total, chunk) => total + chunk.length.toString(16).length + ';chunk-signature='.length + 64 + 4 + chunk.length, 0);
  const framedLength = Math.min(fullLength, options.truncateAt ?? fullLength);
  const decodedLength = chunks.reduce((total, chunk) => total + chunk.length, 0);
  const headers = {
    host: `127.0.0.1:${port}`,
    'content-encoding': 'aws-chunked',
    'content-length': String(framedLength),
    'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
    'x-amz-decoded-content-length': String(decodedLength),
  };
  const [pathOnly, query] = path.split('?');
  const request = new HttpRequest({ method: 'PUT', protocol: 'http:', hostname: '127.0.0.1', port, path: pathOnly, query: Object.fromEntries(new URLSearchParams(query ?? '')), headers });
  const signed = await signer.sign(request, { signingDate });
  const authorization = String(signed.headers.authorization);
  const amzDate = String(signed.headers['x-amz-date']);
  const scope = `${amzDate.slice(0, 8)}/us-east-1/s3/aws4_request`;
  let previous = /Signature=([0-9a-f]{64})/.exec(authorization)![1];
  const body: Buffer[] = [];
  for (const [index, chunk] of frames.entries()) {
    const toSign = ['AWS4-HMAC-SHA256-PAYLOAD', amzDate, scope, previous, EMPTY_SHA256, sha256Hex(chunk)].join('\n');
    previous = await signer.sign(toSign, { signingDate });
    const data = index === options.corruptChunk ? Buffer.from(chunk).fill(0x21, 0, 1) : chunk;
    body.push(Buffer.from(`${chunk.length.toString(16)};chunk-signature=${previous}\r\n`), data, Buffer.from('\r\n'));
  }
  return { method: 'PUT', path, headers: { ...headers, 'x-amz-date': amzDate, authorization }, body: Buffer.concat(body).subarray(0, framedLength) };
}
