/**
 * Reads the small XML documents S3 operations take (Delete, CompleteMultipartUpload, Tagging...)
 * into a string, up to S3's size limit, checking Content-MD5 and a hex x-amz-content-sha256.
 * Bytes that are not UTF-8 are refused (`malformed`, MalformedXML unless the document is JSON),
 * never replaced: what is stored is what was sent.
 */
import { createHash } from 'node:crypto';
import { payloadModeOf } from '../../s3/auth/payload-hash';
import { contentMd5Of } from '../../s3/body/request-payload';
import { S3Error, type S3ErrorCode } from '../../s3/errors';
import { header } from '../../s3/http-request';
import type { S3Call } from './s3-call';

const MAX_XML_BYTES = 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function readXmlBody(call: S3Call, malformed: S3ErrorCode = 'MalformedXML'): Promise<string> {
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
  try {
    return utf8.decode(body);
  } catch {
    throw new S3Error(malformed);
  }
}
