/**
 * Generated values written the way each part of a request carries them: JSON documents, URL
 * components, header values, multipart/form-data and urlencoded forms. A `Verbatim` goes out
 * unescaped everywhere; everything else is encoded correctly, so only what the generator broke
 * on purpose is broken.
 */
import { Verbatim } from './hostile-values';

type Fields = Record<string, unknown>;

/** JSON text, with Verbatim tokens unquoted (`1e309`) and Verbatim text between quotes as raw bytes. */
export function jsonBytes(value: unknown): Buffer {
  const parts: Buffer[] = [];
  const write = (v: unknown): void => {
    if (v instanceof Verbatim) {
      parts.push(v.kind === 'token' ? v.bytes : Buffer.concat([Buffer.from('"'), v.bytes, Buffer.from('"')]));
    } else if (Buffer.isBuffer(v)) {
      parts.push(Buffer.from(JSON.stringify(v.toString('latin1'))));
    } else if (Array.isArray(v)) {
      parts.push(Buffer.from('['));
      v.forEach((item, i) => {
        if (i > 0) parts.push(Buffer.from(','));
        write(item);
      });
      parts.push(Buffer.from(']'));
    } else if (v !== null && typeof v === 'object') {
      parts.push(Buffer.from('{'));
      Object.entries(v).forEach(([name, item], i) => {
        parts.push(Buffer.from(`${i > 0 ? ',' : ''}${JSON.stringify(name)}:`));
        write(item);
      });
      parts.push(Buffer.from('}'));
    } else {
      parts.push(Buffer.from(JSON.stringify(v) ?? 'null'));
    }
  };
  write(value);
  return Buffer.concat(parts);
}

/** A value as the text of a query parameter, path segment, form field or header. */
export function textBytes(value: unknown): Buffer {
  if (value instanceof Verbatim || Buffer.isBuffer(value)) return Buffer.isBuffer(value) ? value : value.bytes;
  if (typeof value === 'string') return Buffer.from(value);
  if (value !== null && typeof value === 'object') return jsonBytes(value);
  return Buffer.from(String(value));
}

/** Each byte as RFC 3986 writes it in a URL component: unreserved characters as is, the rest %XX. */
const ENCODED = Array.from({ length: 256 }, (_, byte) => {
  const char = String.fromCharCode(byte);
  return /[A-Za-z0-9\-._~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
});
/** A Verbatim's bytes go out raw where Node's client takes them (0x21 to 0xff in a request target). */
const RAW = ENCODED.map((encoded, byte) => (byte >= 0x21 ? String.fromCharCode(byte) : encoded));

/** A URL component: percent-encoded UTF-8 (RFC 3986 §2.1), except a Verbatim, which goes out as is. */
export function urlComponent(value: unknown): string {
  const table = value instanceof Verbatim ? RAW : ENCODED;
  return Array.from(textBytes(value), (byte) => table[byte]).join('');
}

/** A header value as latin1 bytes; the characters HTTP forbids there (CR, LF, NUL...) are left out, as Node refuses them. */
export function headerValue(value: unknown): string {
  return textBytes(value).toString('latin1').replace(/[^\t\x20-\x7e\x80-\xff]/g, '');
}

export interface MultipartOptions {
  boundary: string;
  /** false leaves out the closing delimiter, as a body cut short would. */
  closed: boolean;
  /** File name of each file part (the bytes of a `format: binary` field). */
  filename: string;
  /** Content-Type of each file part, or none. */
  fileType?: string;
}

/** multipart/form-data (RFC 7578): a part per field, a file part per Buffer, arrays as repeated parts. */
export function multipartBody(fields: Fields, options: MultipartOptions): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of entriesOf(fields)) {
    const disposition = `Content-Disposition: form-data; name="${name.replace(/"/g, '%22')}"`;
    const head = Buffer.isBuffer(value)
      ? `${disposition}; filename="${options.filename}"\r\n${options.fileType ? `Content-Type: ${options.fileType}\r\n` : ''}`
      : `${disposition}\r\n`;
    parts.push(Buffer.from(`--${options.boundary}\r\n${head}\r\n`), textBytes(value), Buffer.from('\r\n'));
  }
  if (options.closed) parts.push(Buffer.from(`--${options.boundary}--\r\n`));
  return Buffer.concat(parts);
}

/** application/x-www-form-urlencoded (arrays as repeated names). */
export function formUrlEncoded(fields: Fields): Buffer {
  return Buffer.from(entriesOf(fields).map(([name, value]) => `${urlComponent(name)}=${urlComponent(value)}`).join('&'), 'latin1');
}

/** Fields in order, files last (S3 POST forms need the file last), an array as one entry per item. */
function entriesOf(fields: Fields): Array<[string, unknown]> {
  const entries = Object.entries(fields).flatMap(([name, value]): Array<[string, unknown]> =>
    Array.isArray(value) ? value.map((item) => [name, item]) : [[name, value]]);
  return [...entries.filter(([, v]) => !Buffer.isBuffer(v)), ...entries.filter(([, v]) => Buffer.isBuffer(v))];
}
