/**
 * S3's XML wire format, both ways: rendering result documents and `<Error>` bodies, and parsing
 * the small XML request documents (Delete, CompleteMultipartUpload, Tagging, ...).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#RESTErrorResponses
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { S3Error } from './errors';

export const S3_XML_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** An element tree: each property is a child element, arrays repeat the element, undefined omits it. */
export type XmlValue = string | number | boolean | Date | undefined | XmlTree | XmlValue[];
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
const escapeXmlText = (_name: string, value: unknown) =>
  typeof value === 'string' ? value.replace(/[&<>'"\r]/g, (c) => XML_ESCAPES[c]) : value;

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: false,
  processEntities: false, // escapeXmlText does it
  tagValueProcessor: escapeXmlText,
  attributeValueProcessor: escapeXmlText,
});
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** S3 timestamps in XML are ISO 8601 with milliseconds: 2009-10-12T17:50:30.000Z. */
function normalise(value: XmlValue): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(normalise);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [name, child] of Object.entries(value)) if (child !== undefined) out[name] = normalise(child);
    return out;
  }
  return value;
}

/** A result document such as ListBucketResult, in S3's namespace. */
export function renderXml(root: string, body: XmlTree | string): string {
  const content = typeof body === 'string' ? { '#text': body } : (normalise(body) as object);
  return DECLARATION + builder.build({ [root]: { '@_xmlns': S3_XML_NAMESPACE, ...content } });
}

export interface ErrorContext {
  resource: string;
  requestId: string;
  hostId: string;
}

/** `<Error><Code/><Message/>...extra fields<Resource/><RequestId/><HostId/></Error>` (no namespace, as S3). */
export function renderErrorXml(error: S3Error, context: ErrorContext): string {
  const body: XmlTree = {
    Code: error.code,
    Message: error.message,
    ...error.fields,
    Resource: context.resource,
    RequestId: context.requestId,
    HostId: context.hostId,
  };
  return DECLARATION + builder.build({ Error: normalise(body) });
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

/**
 * Parses a request document and returns the content of its root element, which must be `root`.
 * `repeatedElements` are always arrays, even when they occur once. Anything else: MalformedXML.
 */
export function parseXml(text: string, root: string, repeatedElements: readonly string[] = []): Record<string, unknown> {
  if (text.trim() === '' || XMLValidator.validate(text) !== true) throw new S3Error('MalformedXML');
  const document = parserFor(repeatedElements).parse(text) as Record<string, unknown>;
  const content = document[root];
  if (content === undefined) throw new S3Error('MalformedXML');
  return typeof content === 'object' && content !== null ? (content as Record<string, unknown>) : {};
}
