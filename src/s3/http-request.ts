/**
 * The parts of an HTTP request the S3 protocol layer reads (addressing, auth, dispatch), free of
 * express: the raw path exactly as sent (signatures cover it), the query as ordered pairs, and
 * Node's rawHeaders (signatures cover repeated headers too).
 */
import { S3Error } from './errors';

export type QueryPairs = ReadonlyArray<readonly [name: string, value: string]>;

export interface S3HttpRequest {
  method: string;
  /** Percent-encoded path as on the wire, without the query string. */
  rawPath: string;
  /** Decoded query parameters in wire order; a flag without `=` has the value ''. */
  query: QueryPairs;
  /** Node's `rawHeaders`: [name, value, name, value, ...] as received. */
  rawHeaders: readonly string[];
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new S3Error('InvalidURI');
  }
}

/** `a=1&flag&b=x+y` -> [['a','1'],['flag',''],['b','x y']] ('+' is a space in a query, as S3 reads it). */
export function parseQueryString(rawQuery: string): QueryPairs {
  if (rawQuery === '') return [];
  return rawQuery
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      const name = eq === -1 ? part : part.slice(0, eq);
      const value = eq === -1 ? '' : part.slice(eq + 1);
      return [decodeComponent(name.replace(/\+/g, ' ')), decodeComponent(value.replace(/\+/g, ' '))] as const;
    });
}

/** Splits a request target (`/b/k?x=1`) into the raw path and the parsed query. */
export function splitRequestTarget(target: string): { rawPath: string; query: QueryPairs } {
  const mark = target.indexOf('?');
  if (mark === -1) return { rawPath: target, query: [] };
  return { rawPath: target.slice(0, mark), query: parseQueryString(target.slice(mark + 1)) };
}

/** Decodes one path segment; `+` stays a literal plus in a path (RFC 3986), unlike in a query. */
export function decodePathSegment(segment: string): string {
  return decodeComponent(segment);
}

export function queryValue(query: QueryPairs, name: string): string | undefined {
  return query.find(([n]) => n === name)?.[1];
}

export function hasQueryFlag(query: QueryPairs, name: string): boolean {
  return query.some(([n]) => n === name);
}

/** Each request's headers by lower-case name, kept on its rawHeaders once made: a request is asked for a dozen. */
const HEADER_INDEX = Symbol('headerIndex');
type IndexedHeaders = readonly string[] & { [HEADER_INDEX]?: Map<string, string[]> };

function headerIndexOf(rawHeaders: IndexedHeaders): Map<string, string[]> {
  let index = rawHeaders[HEADER_INDEX];
  if (index) return index;
  index = new Map();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    const values = index.get(name);
    if (values) values.push(rawHeaders[i + 1]);
    else index.set(name, [rawHeaders[i + 1]]);
  }
  Object.defineProperty(rawHeaders, HEADER_INDEX, { value: index });
  return index;
}

const NO_VALUES: readonly string[] = [];

/** Every value of a header (case-insensitive name), in the order received. */
export function headerValues(request: Pick<S3HttpRequest, 'rawHeaders'>, name: string): readonly string[] {
  return headerIndexOf(request.rawHeaders).get(name.toLowerCase()) ?? NO_VALUES;
}

/** The first value of a header, or undefined. */
export function header(request: Pick<S3HttpRequest, 'rawHeaders'>, name: string): string | undefined {
  return headerValues(request, name)[0];
}

/** RFC 9110 §5.5: control characters other than tab cannot appear in an HTTP field value. */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return true;
  }
  return false;
}

/** Whether `text` holds a character that is not one byte: what node:http hands over never does. */
export function beyondLatin1(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0xff) return true;
  return false;
}

/**
 * `text` as ISO-8859-1 holds it, as S3 writes headers: a space for each character beyond it (one
 * code point, so an emoji is one).
 */
export function inLatin1(text: string): string {
  return beyondLatin1(text) ? text.replace(/[\u0100-\u{10FFFF}]/gu, ' ') : text;
}
