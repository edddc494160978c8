/**
 * Reads the small XML documents S3 operations take (Delete, CompleteMultipartUpload, Tagging...)
 * into a string, up to S3's size limit, checking Content-MD5 and a hex x-amz-content-sha256.
 */
import { createHash } from 'node:crypto';
import { payloadModeOf } from '../../s3/auth/payload-hash';
import { contentMd5Of } from '../../s3/body/request-payload';
import { S3Error } from '../../s3/errors';
import { header } from '../../s3/http-request';
import type { S3Call } from './s3-call';

const MAX_XML_BYTES = 1024 * 1024;

export async function readXmlBody(call: S3Call): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of call.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_XML_BYTES) throw new S3Error('MaxMessageLengthExceeded');
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  const md5 = contentMd5Of(call.wire);
  if (md5 !== undefined && createHash('md5').update(body).digest('base64') !== md5) throw new S3Error('BadDigest');
  const mode = payloadModeOf(header(call.wire, 'x-amz-content-sha256'));
  if (mode.kind === 'hash' && createHash('sha256').update(body).digest('hex') !== mode.sha256) throw new S3Error('XAmzContentSHA256Mismatch');
  return body.toString('utf8');
}
