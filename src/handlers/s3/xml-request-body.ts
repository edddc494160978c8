/**
 * Reads the small XML documents S3 operations take (Delete, CompleteMultipartUpload, Tagging...)
 * into a string, up to S3's size limit, checked as an upload body is: x-amz-content-sha256 (a hex
 * digest, or a STREAMING-* aws-chunked body whose chunk signatures hold), then Content-MD5 and
 * an x-amz-checksum-* header (BadDigest). Bytes that are not UTF-8 are refused (`malformed`,
 * MalformedXML unless the document is JSON), never replaced: what is stored is what was sent.
 */
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { uploadChecksumHeaders } from '../../s3/body/announced-checksums';
import { contentMd5Of, payloadVerifier } from '../../s3/body/request-payload';
import { S3Error, type S3ErrorCode } from '../../s3/errors';
import { verifyWholeBody } from '../../s3/store';
import type { S3Call } from './s3-call';

const MAX_XML_BYTES = 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

async function readWhole(call: S3Call): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of call.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_XML_BYTES) throw new S3Error('MaxMessageLengthExceeded');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export interface XmlBodyOptions {
  /** The error for a body that is not UTF-8 (default MalformedXML). */
  malformed?: S3ErrorCode;
  /** CompleteMultipartUpload's x-amz-checksum-* headers are the object's checksum, not the document's. */
  checksumHeadersDescribeObject?: boolean;
}

export async function readXmlBody(call: S3Call, options: XmlBodyOptions = {}): Promise<string> {
  const verifier = payloadVerifier(call.wire, call.auth);
  const received = await readWhole(call);
  const body = verifier === undefined ? received : await buffer(Readable.from([received]).pipe(verifier));
  const checksums = options.checksumHeadersDescribeObject ? {} : uploadChecksumHeaders(call.wire);
  await verifyWholeBody(body, { contentMd5: contentMd5Of(call.wire), checksums });
  try {
    return utf8.decode(body);
  } catch {
    throw new S3Error(options.malformed ?? 'MalformedXML');
  }
}
