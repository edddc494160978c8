import type { IncomingMessage } from 'node:http';
import { HttpProblem } from './problem';

/**
 * The content codings the kit's JSON and urlencoded parsers decode (body-parser's `inflate`);
 * every other body (multipart forms, webhook deliveries, raw bytes, oidc-provider's endpoints)
 * is read as it arrives, so it takes none.
 */
export const PARSED_BODY_CODINGS: readonly string[] = ['gzip', 'deflate', 'br'];

/**
 * A request body in a content coding its reader does not decode is refused, not read as if it
 * were plain: 415 with `Accept-Encoding` naming the codings it takes (RFC 9110 §15.5.16,
 * §12.5.3), `identity` where it takes none. A request without a body is not concerned. The S3
 * mock never asks: for S3, Content-Encoding is the object's metadata (aws-chunked its framing).
 */
export function unsupportedContentCoding(req: IncomingMessage, decodes: readonly string[]): HttpProblem | undefined {
  const header = req.headers['content-encoding'];
  if (header === undefined || !hasBody(req)) return undefined;
  const codings = header.split(',').map((coding) => coding.trim().toLowerCase()).filter((coding) => coding !== '' && coding !== 'identity');
  // One coding the reader decodes, alone: body-parser takes no list, not even with identity in it.
  if (codings.length === 0 || decodes.includes(header.trim().toLowerCase())) return undefined;
  const target = `${req.method} ${req.url?.split('?')[0]}`;
  const detail = decodes.length > 0
    ? `${target} decodes ${decodes.join(', ')} or no content coding, not Content-Encoding: ${header}`
    : `${target} decodes no content coding: send its body without Content-Encoding (not ${header})`;
  return new HttpProblem(415, 'Unsupported Media Type', detail, {}, { 'accept-encoding': decodes.length > 0 ? decodes.join(', ') : 'identity' });
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
