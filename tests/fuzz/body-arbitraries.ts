/**
 * Request bodies for an operation, in each media type it declares — JSON, multipart/form-data,
 * urlencoded, XML and other documents, raw bytes — and, when fuzzing, in the wrong one, with no
 * Content-Type, cut short, too large, nested too deep, or on an operation that takes none.
 */
import fc from 'fast-check';
import { deepNesting, hostileValue, invalidUtf8 } from './hostile-values';
import type { SchemaArbitraries, Schema } from './schema-arbitraries';
import type { MediaType, SpecOperation } from './spec-operations';
import { formUrlEncoded, jsonBytes, multipartBody, textBytes } from './wire-encodings';

export interface GeneratedBody {
  bytes?: Buffer;
  headers: Array<[string, string]>;
  framing: 'length' | 'chunked' | 'cut';
}

const NO_BODY: GeneratedBody = { headers: [], framing: 'length' };
const MIB = 1024 * 1024;

const BOUNDARIES = ['----standin-fuzz-7MA4YWxkTrZu0gW', 'x', 'b'.repeat(70)];
const FILENAMES = ['image.png', 'photo.jpg', '../../etc/passwd', 'x".png', 'ünïcødé 😀.png', '', 'a'.repeat(300), 'nul\u0000.png', 'CON'];
const FILE_TYPES = ['image/png', 'image/jpeg', 'application/octet-stream', 'text/plain', 'image/svg+xml', undefined];
/** Content-Types a client might send by mistake, or to confuse a parser. */
const WRONG_CONTENT_TYPES = [
  'text/plain', 'application/json', 'application/xml', 'application/octet-stream', 'application/x-www-form-urlencoded',
  'multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary=not-the-one', 'multipart/mixed; boundary=x',
  'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/problem+json', 'image/png', '*/*', ';;;', '/',
  'text/html; charset="', 'a'.repeat(5_000),
];

export function bodyArbitrary(operation: SpecOperation, schemas: SchemaArbitraries, fuzz: boolean, overrides: Record<string, Schema>): fc.Arbitrary<GeneratedBody> {
  const content = operation.requestBody?.content ?? {};
  const mediaTypes = Object.keys(content);
  if (mediaTypes.length === 0) return fuzz ? fc.option(strayBody(), { freq: 6 }).map((body) => body ?? NO_BODY) : fc.constant(NO_BODY);
  const encoded = fc.oneof(...mediaTypes.map((mediaType) => encodedBody(mediaType, withOverrides(content[mediaType], overrides), schemas, fuzz)));
  const required = operation.requestBody?.required === true;
  if (!fuzz) return required ? encoded : fc.option(encoded, { freq: 4 }).map((body) => body ?? NO_BODY);
  return fc.option(mangled(encoded), { freq: 12 }).map((body) => body ?? NO_BODY);
}

/** The schema of a media type, its example as the schema's, with the overridden properties replaced. */
function withOverrides(media: MediaType, overrides: Record<string, Schema>): Schema {
  let schema: Schema = { ...media.schema, example: media.example ?? media.schema?.example };
  for (const [path, replacement] of Object.entries(overrides)) schema = replaceProperty(schema, path.split('.'), replacement);
  return schema;
}

function replaceProperty(schema: Schema, [name, ...rest]: string[], replacement: Schema): Schema {
  const property = schema.properties?.[name];
  if (!property) return schema;
  return { ...schema, properties: { ...schema.properties, [name]: rest.length ? replaceProperty(property, rest, replacement) : replacement } };
}

function encodedBody(mediaType: string, schema: Schema, schemas: SchemaArbitraries, fuzz: boolean): fc.Arbitrary<GeneratedBody> {
  const value = fuzz ? schemas.fuzzed(schema) : schemas.valid(schema);
  const body = (contentType: string) => (bytes: Buffer): GeneratedBody => ({ bytes, headers: [['content-type', contentType]], framing: 'length' });
  if (mediaType === 'multipart/form-data') {
    return fc.record({ fields: value, boundary: fc.constantFrom(...BOUNDARIES), filename: fc.constantFrom(...FILENAMES), fileType: fc.constantFrom(...FILE_TYPES) })
      .map(({ fields, boundary, filename, fileType }) => body(`multipart/form-data; boundary=${boundary}`)(
        isFields(fields) ? multipartBody(fields, { boundary, closed: true, filename, fileType }) : textBytes(fields)));
  }
  if (mediaType === 'application/x-www-form-urlencoded') return value.map((fields) => body(mediaType)(isFields(fields) ? formUrlEncoded(fields) : textBytes(fields)));
  if (schema.format === 'binary' || mediaType === 'application/octet-stream' || mediaType === '*/*') {
    const contentType = mediaType.includes('*') ? fc.constantFrom('application/octet-stream', 'text/plain', 'image/png', 'application/x-www-form-urlencoded') : fc.constant(mediaType);
    return fc.tuple(contentType, schemas.valid({ type: 'string', format: 'binary' })).map(([type, bytes]) => body(type)(textBytes(bytes)));
  }
  if (schema.type === 'string') return documentText(schema, mediaType, fuzz).map(body(mediaType));
  const charset = fc.constantFrom('', '; charset=utf-8', '; charset=UTF-8');
  return fc.tuple(value, charset).map(([v, suffix]) => body(mediaType + suffix)(jsonBytes(v)));
}

/** A document sent as text (S3's XML, a policy as JSON): its example, or the example damaged. */
function documentText(schema: Schema, mediaType: string, fuzz: boolean): fc.Arbitrary<Buffer> {
  const example = typeof schema.example === 'string' ? schema.example : '';
  if (!fuzz) return fc.constant(Buffer.from(example));
  const at = fc.nat({ max: example.length });
  const xml = mediaType.includes('xml');
  const damaged: Array<fc.Arbitrary<string | Buffer>> = [
    fc.constant(example),
    at.map((i) => example.slice(0, i)),
    fc.tuple(at, hostileValue).map(([i, v]) => Buffer.concat([Buffer.from(example.slice(0, i)), textBytes(v), Buffer.from(example.slice(i))])),
    fc.tuple(at, invalidUtf8).map(([i, v]) => Buffer.concat([Buffer.from(example.slice(0, i)), v.bytes, Buffer.from(example.slice(i))])),
    hostileValue.map((v) => example.replace(/>([^<]+)</, () => `>${textBytes(v).toString('latin1')}<`)),
    fc.string({ maxLength: 200 }),
    deepNesting.map((v) => v.bytes),
    fc.constant(Buffer.from(`\ufeff${example}`, 'utf16le')),
  ];
  if (xml) {
    damaged.push(fc.constantFrom(
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
      '<a>'.repeat(10_000) + '</a>'.repeat(10_000),
      `<x>${'<a/>'.repeat(120_000)}</x>`,
      '<__proto__><polluted>1</polluted></__proto__>',
      '<x xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><![CDATA[</x>]]></x>',
      '<?xml version="1.0" encoding="ISO-8859-1"?><x>\u00e9</x>',
    ));
  }
  return fc.oneof(...damaged).map((text) => (Buffer.isBuffer(text) ? text : Buffer.from(text)));
}

/** A body damaged on the way: another Content-Type or none, cut short, over 1 MiB, chunked, or announced longer than sent. */
function mangled(encoded: fc.Arbitrary<GeneratedBody>): fc.Arbitrary<GeneratedBody> {
  const contentType = fc.oneof(
    { weight: 6, arbitrary: fc.constant<string | null | undefined>(undefined) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: fc.constantFrom(...WRONG_CONTENT_TYPES) },
  );
  const cut = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 5 });
  const framing = fc.constantFrom<GeneratedBody['framing']>('length', 'length', 'length', 'length', 'chunked', 'cut');
  const oversized = fc.option(fc.constant(Buffer.alloc(MIB + 1024, 'a')), { freq: 30 });
  return fc.record({ body: encoded, contentType, cut, framing, oversized }).map(({ body, contentType: type, cut: fraction, framing: how, oversized: big }) => {
    const headers = type === undefined ? body.headers : type === null ? [] : [['content-type', type] as [string, string]];
    let bytes = big ?? body.bytes ?? Buffer.alloc(0);
    if (fraction !== null) bytes = bytes.subarray(0, Math.floor(bytes.length * fraction));
    return { bytes, headers, framing: how };
  });
}

/** A body on an operation that takes none. */
function strayBody(): fc.Arbitrary<GeneratedBody> {
  return fc.record({
    bytes: fc.oneof(fc.uint8Array({ maxLength: 256 }).map(Buffer.from), fc.jsonValue({ maxDepth: 2 }).map(jsonBytes)),
    contentType: fc.option(fc.constantFrom(...WRONG_CONTENT_TYPES), { freq: 4 }),
  }).map(({ bytes, contentType }) => ({ bytes, headers: contentType ? [['content-type', contentType] as [string, string]] : [], framing: 'length' as const }));
}

function isFields(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value);
}
