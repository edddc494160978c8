import type { IncomingHttpHeaders } from 'node:http';
import busboy from 'busboy';

/**
 * busboy, as every form in standin is read: a parameter beyond ASCII (a filename such as
 * `Grüße 日本.jpg`) is read as the UTF-8 bytes browsers and curl send (RFC 7578 §4.2), not as
 * busboy's default Latin-1. Throws, as busboy does, for a Content-Type that is no form.
 */
export function formReader(headers: IncomingHttpHeaders, limits: busboy.Limits): busboy.Busboy {
  return busboy({ headers, limits, defParamCharset: 'utf8' });
}
