/**
 * S3's XML wire format, both ways: rendering result documents and `<Error>` bodies, and parsing
 * the small XML request documents (Delete, CompleteMultipartUpload, Tagging, ...).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#RESTErrorResponses
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { S3Error } from './errors';

export const S3_XML_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** An element tree: each property is a child element, arrays repeat the element, undefined omits it. */
export type XmlValue = string | number | boolean | Date | undefined | XmlTree | XmlValue[] | XmlSequence;

/**
 * Elements of alternating names kept in the order given, where S3 interleaves them
 * (ListVersionsResult's Version and DeleteMarker entries). Its property name is not rendered.
 */
export class XmlSequence {
  constructor(readonly elements: ReadonlyArray<readonly [name: string, tree: XmlTree]>) {}
}
export interface XmlTree {
  [element: string]: XmlValue;
}

/**
 * Text escaped as S3 escapes it: the five predefined entities, and carriage return as a character
 * reference, so a key holding one survives the parser's end-of-line normalisation (which turns a
 * raw CR or CRLF into LF). A raw LF in element text reads back unchanged, and S3's own error
 * documents (CanonicalRequest, StringToSign) carry raw LFs, so LF stays as it is.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html#object-key-xml-related-constraints
 */
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&apos;', '"': '&quot;', '\r': '&#13;' };
const NEEDS_ESCAPE = /[&<>'"\r]/;
const ESCAPED = new RegExp(NEEDS_ESCAPE.source, 'g');
const escapeXml = (text: string) => (NEEDS_ESCAPE.test(text) ? text.replace(ESCAPED, (c) => XML_ESCAPES[c]) : text);
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
/** A property naming an attribute of its element rather than a child (`'@_xsi:type'`). */
const ATTRIBUTE_PREFIX = '@_';

/** The last timestamp formatted: the entries of a listing page mostly share their second, and formatting is slow. */
let lastTimestamp = { time: NaN, text: '' };

function isoTimestamp(date: Date): string {
  if (date.getTime() !== lastTimestamp.time) lastTimestamp = { time: date.getTime(), text: date.toISOString() };
  return lastTimestamp.text;
}

/**
 * Renders `value` as element `name`: arrays repeat the element, a sequence renders its
 * own elements in order, undefined renders nothing, a Date is S3's ISO 8601 with milliseconds
 * (2009-10-12T17:50:30.000Z). Written out directly: a listing page of 1000 entries is the
 * largest document S3 answers often.
 */
function renderElement(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (value === null) return `<${name}/>`;
  if (Array.isArray(value)) {
    let elements = '';
    for (const item of value) elements += renderElement(name, item);
    return elements;
  }
  if (value instanceof XmlSequence) {
    let elements = '';
    for (const [element, tree] of value.elements) elements += renderElement(element, tree);
    return elements;
  }
  if (value instanceof Date) return `<${name}>${isoTimestamp(value)}</${name}>`;
  if (typeof value === 'object') {
    let attributes = '';
    let children = '';
    for (const child in value) {
      const childValue = value[child];
      if (!child.startsWith(ATTRIBUTE_PREFIX)) children += renderElement(child, childValue);
      else if (childValue !== undefined) attributes += ` ${child.slice(ATTRIBUTE_PREFIX.length)}="${escapeXml(String(childValue))}"`;
    }
    return `<${name}${attributes}>${children}</${name}>`;
  }
  return `<${name}>${typeof value === 'string' ? escapeXml(value) : String(value)}</${name}>`;
}

function renderDocument(root: string, tree: XmlTree): string {
  return DECLARATION + renderElement(root, tree);
}

/** A result document such as ListBucketResult, in S3's namespace (PostResponse has none). */
export function renderXml(root: string, body: XmlTree | string, inNamespace = true): string {
  const namespace = inNamespace ? { [`${ATTRIBUTE_PREFIX}xmlns`]: S3_XML_NAMESPACE } : {};
  if (typeof body === 'string') return `${DECLARATION}<${root}${inNamespace ? ` xmlns="${S3_XML_NAMESPACE}"` : ''}>${escapeXml(body)}</${root}>`;
  return renderDocument(root, { ...namespace, ...body });
}

export interface ErrorContext {
  requestId: string;
  hostId: string;
}

/**
 * `<Error><Code/><Message/>...extra fields<RequestId/><HostId/></Error>`, as S3 answers: no
 * namespace, and no `<Resource>` (the ErrorResponses page's example has one; S3's answers name
 * the key or bucket in the error's own field, `<Key>`, `<BucketName>`).
 */
export function renderErrorXml(error: S3Error, context: ErrorContext): string {
  const body: XmlTree = {
    Code: error.code,
    Message: error.message,
    ...error.fields,
    RequestId: context.requestId,
    HostId: context.hostId,
  };
  return renderDocument('Error', body);
}

const parsers = new Map<string, XMLParser>();

function parserFor(repeatedElements: readonly string[]): XMLParser {
  const cacheKey = repeatedElements.join(',');
  let parser = parsers.get(cacheKey);
  if (!parser) {
    const repeated = new Set(repeatedElements);
    parser = new XMLParser({
      ignoreAttributes: true,
      removeNSPrefix: true,
      parseTagValue: false, // keys and ETags stay strings ("007" is not 7)
      trimValues: false, // a key may start or end with spaces
      htmlEntities: true, // numeric references such as &#13; in keys
      isArray: (name) => repeated.has(name),
    });
    parsers.set(cacheKey, parser);
  }
  return parser;
}

/** Deeper than any S3 request document needs (a lifecycle rule's Filter/And/Tag/Key is five levels). */
export const MAX_XML_DEPTH = 32;
/**
 * Elements and processing instructions in one document: twice what the largest needs (a
 * CompleteMultipartUpload of 10,000 parts has about 50,000), so parsing time stays bounded.
 */
export const MAX_XML_NODES = 100_000;

const malformed = () => new S3Error('MalformedXML');

/** The index just past `terminator` (searched from `from`); a document that ends first is truncated. */
function skipPast(text: string, terminator: string, from: number): number {
  const end = text.indexOf(terminator, from);
  if (end === -1) throw malformed();
  return end + terminator.length;
}

/** The index just past the `>` closing the tag that opens at `from`, skipping quoted attribute values. */
function tagEnd(text: string, from: number): number {
  let quote: string | undefined;
  for (let i = from + 1; i < text.length; i += 1) {
    const char = text[i];
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return i + 1;
    }
  }
  throw malformed();
}

/** A character XML 1.0 does not allow (§2.2): most C0 controls, lone surrogates, U+FFFE and U+FFFF. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const PREDEFINED_ENTITIES = new Set(['lt', 'gt', 'amp', 'apos', 'quot']);

/**
 * Character data between markup at `depth`: outside the root element only white space (and a
 * byte-order mark); inside it, a reference must be to one of XML's five entities (no DOCTYPE
 * declares others) or to a character XML allows. S3 answers `&#x1;` in a key MalformedXML, and
 * the parser would otherwise pass `&nbsp;` or `&foo;` through as a key or tag of its own.
 */
function assertCharacterData(data: string, depth: number): void {
  if (depth === 0 && data.replace(/^\uFEFF/, '').trim() !== '') throw malformed();
  for (const [, name, semicolon] of data.matchAll(/&([#\w]*)(;?)/g)) {
    const code = /^#x[0-9a-f]+$/i.test(name) ? parseInt(name.slice(2), 16) : /^#\d+$/.test(name) ? Number(name.slice(1)) : undefined;
    const legal = code === undefined ? PREDEFINED_ENTITIES.has(name) : code <= 0x10ffff && !NOT_XML_CHAR.test(String.fromCodePoint(code));
    if (semicolon !== ';' || !legal) throw malformed();
  }
}

/**
 * Refuses, before any parser sees it, what no S3 request document needs and what turns a parser
 * against its host: a DOCTYPE or any other markup declaration (entity expansion, external
 * entities), nesting deeper than MAX_XML_DEPTH (recursion) and more than MAX_XML_NODES elements
 * (parsing time). One pass over the text; comments and CDATA sections are stepped over. It also
 * refuses what is not well-formed XML though the parser takes it: characters XML forbids (raw
 * or referenced; S3 answers them MalformedXML), undefined entities, and a second root element or
 * text outside the root.
 */
function assertPlainMarkup(text: string): void {
  if (NOT_XML_CHAR.test(text)) throw malformed();
  let depth = 0;
  let nodes = 0;
  let roots = 0;
  let dataStart = 0;
  for (let at = text.indexOf('<'); at !== -1; dataStart = at, at = text.indexOf('<', at)) {
    assertCharacterData(text.slice(dataStart, at), depth);
    if (text.startsWith('<!--', at)) at = skipPast(text, '-->', at + 4);
    else if (text.startsWith('<![CDATA[', at)) at = skipPast(text, ']]>', at + 9);
    else if (text.startsWith('<!', at)) throw malformed();
    else if (text.startsWith('</', at)) {
      depth -= 1;
      at = skipPast(text, '>', at + 2);
    } else {
      nodes += 1;
      if (text.startsWith('<?', at)) {
        at = skipPast(text, '?>', at + 2);
      } else {
        if (depth === 0) roots += 1;
        if (roots > 1) throw malformed();
        at = tagEnd(text, at);
        if (text[at - 2] !== '/') depth += 1;
      }
      if (depth > MAX_XML_DEPTH || nodes > MAX_XML_NODES) throw malformed();
    }
  }
  assertCharacterData(text.slice(dataStart), depth);
}

/**
 * Parses a request document and returns the content of its root element, which must be `root`.
 * `repeatedElements` are always arrays, even when they occur once. Anything else, and anything
 * the parser cannot take (an element named `__proto__`), is MalformedXML: never an internal error.
 */
export function parseXml(text: string, root: string, repeatedElements: readonly string[] = []): Record<string, unknown> {
  if (text.trim() === '') throw malformed();
  assertPlainMarkup(text);
  let document: Record<string, unknown>;
  try {
    if (XMLValidator.validate(text) !== true) throw malformed();
    document = parserFor(repeatedElements).parse(text) as Record<string, unknown>;
  } catch {
    throw malformed();
  }
  const content = document[root];
  if (content === undefined) throw malformed();
  return typeof content === 'object' && content !== null ? (content as Record<string, unknown>) : {};
}
