/**
 * GetObject and HeadObject: conditional requests (304/412), a single Range (with If-Range) or partNumber (206),
 * response-* overrides, SSE-C key checks, and the body streamed with backpressure.
 */
import { pipeline } from 'node:stream/promises';
import { evaluatePreconditions, ifRangeMatches, type Preconditions } from '../../s3/conditional-request';
import { assertCustomerKeyMatches } from '../../s3/customer-key-check';
import { S3Error } from '../../s3/errors';
import { header, type S3HttpRequest } from '../../s3/http-request';
import { objectAttributes, parseObjectAttributes } from '../../s3/documents/object-attributes-documents';
import { assertReadableTier } from '../../s3/documents/restore-documents';
import { hasResponseOverrides, httpDate, objectHeaders } from '../../s3/object-headers';
import { serverSideEncryption } from '../../s3/object-metadata';
import { partNumberParam } from '../../s3/part-number';
import { contentRange, parseRangeHeader } from '../../s3/range-header';
import { InvalidRange, SendableBody, WholeBody, type ObjectHead, type ReadOptions } from '../../s3/store';
import { versionIdParam } from '../../s3/version-id';
import { expirationHeaders } from './expiration-headers';
import { bucketOf, keyOf, type S3Call, type S3Handler } from './s3-call';
import { sendXml, setHeaders } from './s3-responses';

function preconditions(wire: S3HttpRequest): Preconditions {
  return {
    ifMatch: header(wire, 'if-match'),
    ifNoneMatch: header(wire, 'if-none-match'),
    ifModifiedSince: header(wire, 'if-modified-since'),
    ifUnmodifiedSince: header(wire, 'if-unmodified-since'),
  };
}

function readOptions(wire: S3HttpRequest): ReadOptions {
  return { versionId: versionIdParam(wire.query), range: parseRangeHeader(header(wire, 'range')), partNumber: partNumberParam(wire.query) };
}

/** S3's InvalidRange names the Range header as sent (RangeRequested), which the store never sees. */
function namingRangeRequested<T>(wire: S3HttpRequest, read: (options: ReadOptions) => Promise<T>): (options: ReadOptions) => Promise<T> {
  return async (options) => {
    try {
      return await read(options);
    } catch (error) {
      const range = header(wire, 'range');
      if (error instanceof InvalidRange && range !== undefined) throw new InvalidRange(error.objectSize, range);
      throw error;
    }
  };
}

/**
 * Reads with the request's Range, unless If-Range names another version of the object: then the whole
 * object (also where the range alone would have been unsatisfiable). `discard` releases a read not used.
 */
async function readHonouringIfRange<T extends ObjectHead>(
  wire: S3HttpRequest,
  readAsked: (options: ReadOptions) => Promise<T>,
  discard: (result: T) => void = () => undefined,
): Promise<{ result: T; options: ReadOptions }> {
  const read = namingRangeRequested(wire, readAsked);
  const options = readOptions(wire);
  const ifRange = header(wire, 'if-range');
  if (ifRange === undefined || options.range === undefined) return { result: await read(options), options };
  const whole: ReadOptions = { ...options, range: undefined };
  const stillMatches = ({ object }: ObjectHead) => ifRangeMatches(ifRange, object.etag, object.lastModified);
  let ranged: T;
  try {
    ranged = await read(options);
  } catch (error) {
    if (!(error instanceof InvalidRange)) throw error;
    const result = await read(whole);
    if (!stillMatches(result)) return { result, options: whole };
    discard(result);
    throw error;
  }
  if (stillMatches(ranged)) return { result: ranged, options };
  discard(ranged);
  return { result: await read(whole), options: whole };
}

/** S3 honours response-* overrides only in a signed request (an Authorization header or a presigned URL). */
function assertOverridesSigned(call: S3Call): void {
  if (call.principal.kind === 'anonymous' && hasResponseOverrides(call.wire.query)) {
    throw new S3Error('InvalidRequest', 'Request specific response headers cannot be used for anonymous GET requests.');
  }
}

/** Checks conditions and the SSE-C key, then writes status and headers; false when no body follows. */
async function answerHead(call: S3Call, head: ObjectHead, options: ReadOptions): Promise<boolean> {
  const { object, range } = head;
  assertCustomerKeyMatches(object.sse, serverSideEncryption(call.wire));
  const outcome = evaluatePreconditions(preconditions(call.wire), object.etag, object.lastModified);
  const headers = objectHeaders(object, {
    region: call.services.config.region,
    checksumMode: header(call.wire, 'x-amz-checksum-mode')?.toUpperCase() === 'ENABLED',
    partNumber: options.partNumber,
    partial: range !== undefined,
    query: call.wire.query,
  });
  if (outcome.kind === 'failed') throw new S3Error('PreconditionFailed', undefined, { Condition: outcome.condition });
  if (outcome.kind === 'not-modified') {
    setHeaders(call.res, { ETag: headers.ETag, 'Last-Modified': headers['Last-Modified'] });
    call.res.status(304).end();
    return false;
  }
  setHeaders(call.res, { ...headers, ...(await expirationHeaders(call, object)) });
  if (range) {
    call.res.status(206).setHeader('Content-Range', contentRange(range.start, range.end, object.size));
    call.res.setHeader('Content-Length', String(range.end - range.start + 1));
  } else {
    call.res.status(200).setHeader('Content-Length', String(object.size));
  }
  return true;
}

/** Fetch Metadata's destinations of a navigation: the object becomes a document of its own. */
const DOCUMENT_DESTINATIONS = new Set(['document', 'iframe', 'frame', 'embed', 'object', 'fencedframe']);

/**
 * A browser that opens an object (a presigned URL pasted in the address bar, a link, an iframe)
 * makes it a document of this server's origin, which serves the console and its admin API too
 * (README, "S3 mock: console"); at `<bucket>.localhost` it is an origin CORS_ORIGIN trusts. S3
 * serves objects from an origin that holds nothing else, so here a stored HTML or SVG file is
 * sandboxed into an opaque origin of its own: its scripts run, but it cannot drive the mock.
 * Only navigations get it: a document destination in Sec-Fetch-Dest (which no page can set), or,
 * from a browser that sends no Fetch Metadata, an Accept that asks for HTML first. SDKs, curl and
 * a page's fetch or <img> send neither and get what S3 sends.
 */
const OBJECT_DOCUMENT_POLICY = 'sandbox allow-scripts allow-forms allow-popups allow-modals allow-downloads';

function isNavigation(wire: S3HttpRequest): boolean {
  const destination = header(wire, 'sec-fetch-dest');
  if (destination !== undefined) return DOCUMENT_DESTINATIONS.has(destination);
  return /^\s*text\/html\b/i.test(header(wire, 'accept') ?? '');
}

function sandboxObjectDocument(call: S3Call): void {
  if (isNavigation(call.wire)) call.res.setHeader('Content-Security-Policy', OBJECT_DOCUMENT_POLICY);
}

const GetObject: S3Handler = async (call) => {
  assertOverridesSigned(call);
  sandboxObjectDocument(call);
  const { result: read, options } = await readHonouringIfRange(
    call.wire,
    (chosen) => call.services.store.getObject(bucketOf(call), keyOf(call), chosen),
    (unused) => unused.body.destroy(),
  );
  try {
    assertReadableTier(read.object);
    if (!(await answerHead(call, read, options))) {
      read.body.destroy();
      return;
    }
  } catch (error) {
    read.body.destroy();
    throw error;
  }
  // A small body is at hand whole: one write carries it with the headers. It is written, not
  // given to end(): with the body, Node's end() re-reads a Content-Disposition's bytes as UTF-8
  // (nodejs/node#46528), which garbles a file name beyond ASCII that HEAD serves intact.
  if (read.body instanceof WholeBody) {
    call.res.write(read.body.bytes);
    call.res.end();
    read.body.destroy();
    return;
  }
  // A body from files goes to the socket through reused buffers (src/s3/store/sendable-body.ts).
  if (read.body instanceof SendableBody) return read.body.sendTo(call.res);
  await pipeline(read.body, call.res);
};

const HeadObject: S3Handler = async (call) => {
  assertOverridesSigned(call);
  const { result: head, options } = await readHonouringIfRange(call.wire, (chosen) => call.services.store.headObject(bucketOf(call), keyOf(call), chosen));
  if (await answerHead(call, head, options)) call.res.end();
};

/** A non-negative integer header (x-amz-max-parts, x-amz-part-number-marker). */
function headerInteger(wire: S3HttpRequest, name: string): number | undefined {
  const text = header(wire, name);
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text)) throw new S3Error('InvalidArgument', `${name} must be a non-negative integer`, { ArgumentName: name, ArgumentValue: text });
  return Number(text);
}

const GetObjectAttributes: S3Handler = async (call) => {
  const wanted = parseObjectAttributes(header(call.wire, 'x-amz-object-attributes'));
  const paging = { partNumberMarker: headerInteger(call.wire, 'x-amz-part-number-marker') ?? 0, maxParts: Math.min(headerInteger(call.wire, 'x-amz-max-parts') ?? 1000, 1000) };
  const { object } = await call.services.store.headObject(bucketOf(call), keyOf(call), { versionId: versionIdParam(call.wire.query) });
  assertCustomerKeyMatches(object.sse, serverSideEncryption(call.wire));
  call.res.setHeader('Last-Modified', httpDate(object.lastModified));
  if (object.versionId !== undefined) call.res.setHeader('x-amz-version-id', object.versionId);
  sendXml(call.res, 'GetObjectAttributesResponse', objectAttributes(object, wanted, paging));
};

export const objectReadHandlers = { GetObject, HeadObject, GetObjectAttributes };
