/**
 * How S3 answers: XML result documents, and errors as `<Error>` documents with the status from the
 * one error table. HEAD answers carry no body, as S3's. Nothing else writes S3 errors.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { S3Error, toS3Error } from '../../s3/errors';
import { hasControlCharacter, inLatin1 } from '../../s3/http-request';
import type { S3RequestIds } from '../../s3/request-id';
import { renderErrorXml, renderXml, type XmlTree } from '../../s3/xml';

const XML = 'application/xml';

/**
 * Sets headers verbatim: res.set() would append "; charset=utf-8" to a stored Content-Type.
 * Values travel as bytes: most arrive as byte strings already (stored headers, response-*
 * overrides, object-headers.ts). Text that came as text (a POST form's Content-Disposition) is
 * written as S3 writes it, in ISO-8859-1 with a space for each character beyond it (README,
 * "User metadata beyond ASCII"); control characters are refused.
 */
export function setHeaders(res: ServerResponse, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    const bytes = inLatin1(value);
    if (hasControlCharacter(bytes)) {
      throw new S3Error('InvalidArgument', 'Header value contains invalid characters', { ArgumentName: name, ArgumentValue: '' });
    }
    res.setHeader(name, bytes);
  }
}

/**
 * Writes an XML document as S3 does: `Content-Type: application/xml` exactly and no ETag of its
 * own (express's res.send would add a charset and a weak ETag, and answer 304 to a client that
 * echoes that ETag back).
 */
function sendXmlText(res: ServerResponse, status: number, xml: string): void {
  const bytes = Buffer.from(xml, 'utf8');
  res.statusCode = status;
  res.setHeader('Content-Type', XML);
  res.setHeader('Content-Length', String(bytes.length));
  res.end(bytes);
}

export function sendXml(res: ServerResponse, root: string, body: XmlTree | string, status = 200, inNamespace = true): void {
  sendXmlText(res, status, renderXml(root, body, inNamespace));
}

export function sendS3Error(req: IncomingMessage, res: ServerResponse, ids: S3RequestIds, error: unknown): void {
  if (res.headersSent) {
    // A body was already streaming (or the client left): S3 can only cut the connection.
    req.log?.debug({ err: error }, 's3 response interrupted');
    res.destroy();
    return;
  }
  const s3Error = toS3Error(error);
  if (s3Error.code === 'InternalError') req.log?.error({ err: error }, 's3 operation failed');
  if (s3Error.code === 'InvalidRange' && s3Error.fields.ActualObjectSize !== undefined) {
    res.setHeader('Content-Range', `bytes */${s3Error.fields.ActualObjectSize}`);
  }
  for (const name of res.getHeaderNames()) if (name !== 'x-amz-request-id' && name !== 'x-amz-id-2' && !name.startsWith('access-control-') && name !== 'content-range') res.removeHeader(name);
  for (const [name, value] of Object.entries(s3Error.headers)) res.setHeader(name, value);
  res.statusCode = s3Error.status;
  if (req.method === 'HEAD' || s3Error.status === 304) {
    res.end();
    return;
  }
  sendXmlText(res, s3Error.status, renderErrorXml(s3Error, { requestId: ids.requestId, hostId: ids.hostId }));
}
