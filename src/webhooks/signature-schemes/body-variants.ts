import { isUtf8 } from 'node:buffer';
import { parseJsonText } from '../json-text';

export interface BodyVariant {
  cause: 'body_whitespace' | 'body_reserialised';
  /** What was done to the received body, completing "the signature matches the body ...". */
  change: string;
  body: Buffer;
}

/** Bodies larger than this are not re-written to explain a mismatch (each variant costs an HMAC). */
const VARIANTS_UP_TO = 64 * 1024;

/** JSON as Python's json.dumps writes it by default: `, ` and `: ` separators, non-ASCII escaped. */
function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([key, item]) => `${asciiJson(key)}: ${pythonJson(item)}`).join(', ')}}`;
  }
  return typeof value === 'string' ? asciiJson(value) : JSON.stringify(value);
}

function asciiJson(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * What a sender may have signed instead of the bytes that arrived: the same text with its
 * whitespace or line endings changed, or the same JSON serialised another way (a sender that
 * signs one serialisation and sends another, or a proxy that re-writes the body).
 */
export function bodyVariants(body: Buffer): BodyVariant[] {
  if (body.length > VARIANTS_UP_TO || !isUtf8(body)) return [];
  const text = body.toString('utf8');
  const candidates: Array<Omit<BodyVariant, 'body'> & { text: string }> = [
    { cause: 'body_whitespace', change: 'without its leading and trailing whitespace', text: text.trim() },
    { cause: 'body_whitespace', change: 'with a newline added at the end', text: `${text}\n` },
    { cause: 'body_whitespace', change: 'with CRLF line endings turned into LF', text: text.replace(/\r\n/g, '\n') },
    { cause: 'body_whitespace', change: 'with LF line endings turned into CRLF', text: text.replace(/\r?\n/g, '\r\n') },
  ];
  const json = parseJsonText(text);
  if (json) {
    candidates.push(
      { cause: 'body_reserialised', change: 're-serialised as compact JSON (JSON.stringify)', text: JSON.stringify(json.value) },
      { cause: 'body_reserialised', change: 're-serialised as JSON indented by 2 spaces', text: JSON.stringify(json.value, null, 2) },
      { cause: 'body_reserialised', change: "re-serialised as Python's json.dumps writes it (\", \" and \": \")", text: pythonJson(json.value) },
    );
  }
  const seen = new Set([text]);
  return candidates.filter((candidate) => !seen.has(candidate.text) && seen.add(candidate.text))
    .map(({ text: variant, ...rest }) => ({ ...rest, body: Buffer.from(variant, 'utf8') }));
}
