/**
 * User metadata beyond US-ASCII, as S3 carries it (UserMetadata in S3's user guide): values that
 * arrive as RFC 2047 encoded words (`=?UTF-8?B?YWJj?=`) are decoded before they are stored, and a
 * stored value with anything but printable ASCII is answered RFC 2047-encoded, "mail-safe".
 * A header's bytes are read one character per byte (as S3 reads them, and Node gives them), so
 * UTF-8 sent raw comes back encoded twice, `é` as `=C3=83=C2=A9`, as it does from S3.
 */

/** Printable ASCII, space and tab: answered as they are. */
const AS_IS = /^[\x20-\x7e\t]*$/;

/** Unicode's "other" characters (controls, format, unassigned...) or U+FFFD: S3 answers those in base64. */
const NEEDS_BASE64 = /[\p{C}\uFFFD]/u;

/** Bytes a Q-encoded word carries as they are: printable ASCII but `=`, `?`, `_` and space (RFC 2047 §4.2). */
function isQSafe(byte: number): boolean {
  return byte === 0x09 || (byte > 0x20 && byte < 0x7f && byte !== 0x3d && byte !== 0x3f && byte !== 0x5f);
}

/** A stored metadata value as S3 answers it. */
export function mailSafeMetadata(value: string): string {
  if (AS_IS.test(value)) return value;
  const bytes = Buffer.from(value, 'utf8');
  if (NEEDS_BASE64.test(value)) return `=?UTF-8?B?${bytes.toString('base64')}?=`;
  let encoded = '';
  for (const byte of bytes) {
    if (isQSafe(byte)) encoded += String.fromCharCode(byte);
    else if (byte === 0x20) encoded += '_';
    else encoded += `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `=?UTF-8?Q?${encoded}?=`;
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

/** Whitespace between two encoded words is not part of the text (RFC 2047 §6.2). */
const BETWEEN_WORDS = /(\?=)\s+(?==\?)/g;

/** A metadata value as sent, its encoded words decoded (charsets Node does not know are left as sent). */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  return value.replace(BETWEEN_WORDS, '$1').replace(ENCODED_WORD, (word, charset: string, encoding: string, text: string) => {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(charset);
    } catch {
      return word;
    }
    const bytes = encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : qDecode(text);
    return decoder.decode(bytes);
  });
}

function qDecode(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(text[i] === '_' ? 0x20 : text.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}
