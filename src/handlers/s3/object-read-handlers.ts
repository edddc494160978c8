/**
 * GetObject and HeadObject: conditional requests (304/412), a single Range or partNumber (206),
 * response-* overrides, SSE-C key checks, and the body streamed with backpressure.
 */
import { pipeline } from 'node:stream/promises';
import { evaluatePreconditions, type Preconditions } from '../../s3/conditional-request';
import { assertCustomerKeyMatches } from '../../s3/customer-key-check';
import { S3Error } from '../../s3/errors';
import { header, queryValue, type S3HttpRequest } from '../../s3/http-request';
import { objectHeaders } from '../../s3/object-headers';
import { serverSideEncryption } from '../../s3/object-metadata';
import { contentRange, parseRangeHeader } from '../../s3/range-header';
import type { ObjectHead, ReadOptions } from '../../s3/store';
import { bucketOf, keyOf, type S3Call, type S3Handler } from './s3-call';

function preconditions(wire: S3HttpRequest): Preconditions {
  return {
    ifMatch: header(wire, 'if-match'),
    ifNoneMatch: header(wire, 'if-none-match'),
    ifModifiedSince: header(wire, 'if-modified-since'),
    ifUnmodifiedSince: header(wire, 'if-unmodified-since'),
  };
}

function partNumberOf(wire: S3HttpRequest): number | undefined {
  const text = queryValue(wire.query, 'partNumber');
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 10000) {
    throw new S3Error('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', { ArgumentName: 'partNumber', ArgumentValue: text });
  }
  return Number(text);
}

function readOptions(wire: S3HttpRequest): ReadOptions {
  return { range: parseRangeHeader(header(wire, 'range')), partNumber: partNumberOf(wire) };
}

/** Checks conditions and the SSE-C key, then writes status and headers; false when no body follows. */
function answerHead(call: S3Call, head: ObjectHead, options: ReadOptions): boolean {
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
    call.res.status(304).set({ ETag: headers.ETag, 'Last-Modified': headers['Last-Modified'] }).end();
    return false;
  }
  call.res.set(headers);
  if (range) {
    call.res.status(206).setHeader('Content-Range', contentRange(range.start, range.end, object.size));
    call.res.setHeader('Content-Length', String(range.end - range.start + 1));
  } else {
    call.res.status(200).setHeader('Content-Length', String(object.size));
  }
  return true;
}

const GetObject: S3Handler = async (call) => {
  const options = readOptions(call.wire);
  const read = await call.services.store.getObject(bucketOf(call), keyOf(call), options);
  try {
    if (!answerHead(call, read, options)) {
      read.body.destroy();
      return;
    }
  } catch (error) {
    read.body.destroy();
    throw error;
  }
  await pipeline(read.body, call.res);
};

const HeadObject: S3Handler = async (call) => {
  const options = readOptions(call.wire);
  const head = await call.services.store.headObject(bucketOf(call), keyOf(call), options);
  if (answerHead(call, head, options)) call.res.end();
};

export const objectReadHandlers = { GetObject, HeadObject };
