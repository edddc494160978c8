/**
 * Turns an object/part upload's request body into the object's bytes plus the digests the client
 * announced: decodes aws-chunked framing, and gathers x-amz-content-sha256 (when it is a hash),
 * Content-MD5 and x-amz-checksum-* (headers or trailers) for the store to check on its one pass
 * over the bytes (src/s3/store/digest-stream.ts).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 */
import { PassThrough, pipeline, type Readable } from 'node:stream';
import type { Authentication } from '../auth/authenticator';
import { payloadModeOf, type PayloadMode } from '../auth/payload-hash';
import { scopeString } from '../auth/sigv4-signing';
import { S3Error } from '../errors';
import { header, type S3HttpRequest } from '../http-request';
import type { BodySource, ChecksumAlgorithm, Checksums, ExpectedDigests } from '../store/object-store';
import { announcedTrailers, isChecksumAlgorithm, sdkChecksumAlgorithm, trailerChecksums, uploadChecksumHeaders } from './announced-checksums';
import { AwsChunkedDecoder } from './aws-chunked-decoder';
import { Sha256Verifier } from './sha256-verifier';

/**
 * A plain body up to this size is read whole into one Buffer before it is stored: for the few KiB
 * most objects are, the stream stages cost more than the bytes.
 */
const WHOLE_BODY_BYTES = 64 * 1024;

export interface RequestPayload {
  /** The object's bytes, streamed or (when small) read whole; errors if the body is truncated or mis-framed. */
  body: BodySource;
  /** Checksums to compute while storing (announced by header, trailer or x-amz-sdk-checksum-algorithm). */
  checksumAlgorithms: ChecksumAlgorithm[];
  /** Content-MD5 and announced checksums; complete once `body` has ended (trailers come last). */
  expect: () => ExpectedDigests;
  /** x-amz-content-sha256 when it is a hash (hex): the store checks the body against it. */
  payloadSha256?: string;
}

/** Content-MD5 must be the base64 of 16 bytes, else InvalidDigest naming the value, as S3 answers (localstack's recorded answers). */
export function contentMd5Of(request: S3HttpRequest): string | undefined {
  const md5 = header(request, 'content-md5');
  if (md5 === undefined) return undefined;
  if (!/^[A-Za-z0-9+/]{22}==$/.test(md5.trim())) throw new S3Error('InvalidDigest', undefined, { 'Content-MD5': md5 });
  return md5.trim();
}

/** The algorithms to compute while storing: the one announced, by header, trailer or SDK hint. */
function announcedAlgorithms(request: S3HttpRequest, trailerNames: string[], fromHeaders: Checksums): ChecksumAlgorithm[] {
  const names = new Set<string>(Object.keys(fromHeaders));
  for (const trailer of trailerNames) names.add(trailer.replace(/^x-amz-checksum-/, ''));
  const sdkAlgorithm = sdkChecksumAlgorithm(request, trailerNames);
  if (sdkAlgorithm) names.add(sdkAlgorithm);
  return [...names].filter(isChecksumAlgorithm);
}

function optionalLength(request: S3HttpRequest, name: string): number | undefined {
  const text = header(request, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim())) throw new S3Error('InvalidArgument', `${name} must be a non-negative integer`, { ArgumentName: name, ArgumentValue: text });
  return Number(text);
}

/** Calls `fail` with IncompleteBody when the client goes away before the request's whole body arrived. */
function onCutShort(source: Readable, fail: (error: S3Error) => void): void {
  source.on('error', () => fail(new S3Error('IncompleteBody')));
  source.on('close', () => {
    if ('complete' in source && !source.complete) fail(new S3Error('IncompleteBody'));
  });
}

/** Reads a small request body whole; IncompleteBody if the client goes away before its end. */
function readWhole(source: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    source.on('data', (chunk: Buffer) => chunks.push(chunk));
    source.once('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    onCutShort(source, reject);
  });
}

/**
 * Feeds `source` into a PassThrough with pipe(), not pipeline(): a failed upload must not destroy
 * the request (that would close the socket before the XML error is sent). A client that goes away
 * mid-body fails the payload, so the store keeps nothing.
 */
function shield(source: Readable): PassThrough {
  const pass = new PassThrough();
  onCutShort(source, (error) => pass.destroy(error));
  pass.on('close', () => source.unpipe(pass));
  source.pipe(pass);
  return pass;
}

/**
 * What checks a body on its way in, by its x-amz-content-sha256: for the STREAMING-* modes the
 * aws-chunked decoder (chunk signatures verified when signed), for a hex digest the SHA-256
 * verifier, for UNSIGNED-PAYLOAD nothing. aws-chunked framing is decoded for the STREAMING-*
 * modes only: a `Content-Encoding: aws-chunked` beside a hex digest (or none) is no framing, so
 * that body is hashed and stored as it arrived and an unsigned header cannot route around a
 * signed hash.
 */
export function payloadVerifier(request: S3HttpRequest, auth: Authentication, trailerNames: readonly string[] = announcedTrailers(request)): AwsChunkedDecoder | Sha256Verifier | undefined {
  const mode = payloadModeOf(header(request, 'x-amz-content-sha256'));
  if (mode.kind === 'hash') return new Sha256Verifier(mode.sha256);
  return mode.kind === 'aws-chunked' ? chunkedDecoder(request, auth, mode, trailerNames) : undefined;
}

type ChunkedMode = Extract<PayloadMode, { kind: 'aws-chunked' }>;

/** The decoder of a STREAMING-* body: chunk signatures verified when signed, trailers gathered. */
function chunkedDecoder(request: S3HttpRequest, auth: Authentication, mode: ChunkedMode, trailerNames: readonly string[]): AwsChunkedDecoder {
  if (mode.signed && auth.scheme !== 'sigv4') {
    throw new S3Error('InvalidRequest', 'A STREAMING-AWS4-HMAC-SHA256-PAYLOAD body needs a SigV4 Authorization header');
  }
  return new AwsChunkedDecoder({
    decodedLength: decodedContentLength(request, mode),
    trailerNames,
    signing:
      mode.signed && auth.scheme === 'sigv4'
        ? {
            signingKey: auth.context.signingKey,
            amzDate: auth.context.amzDate,
            scope: scopeString(auth.context.scope),
            seedSignature: auth.context.seedSignature,
          }
        : undefined,
  });
}

/**
 * x-amz-decoded-content-length, which counts only in the aws-chunked (STREAMING-*) modes, and which
 * every such upload must give ("For all requests, you must include the x-amz-decoded-content-length
 * header", sigv4-streaming.html): S3 answers one without it, or with a value that is no number,
 * MissingContentLength (as S3's answer quoted in versity/versitygw#1656 reads).
 */
function decodedContentLength(request: S3HttpRequest, mode: PayloadMode): number | undefined {
  if (mode.kind !== 'aws-chunked') return undefined;
  const text = header(request, 'x-amz-decoded-content-length')?.trim();
  if (text === undefined || !/^\d+$/.test(text)) throw new S3Error('MissingContentLength');
  return Number(text);
}

/**
 * The most one PutObject or UploadPart may carry: 5 GiB. A larger announced size is
 * EntityTooLarge before any byte is read, as S3 answers.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html
 */
const MAX_UPLOAD_BYTES = 5 * 1024 ** 3;

export function openRequestPayload(source: Readable, request: S3HttpRequest, auth: Authentication): RequestPayload {
  const mode = payloadModeOf(header(request, 'x-amz-content-sha256'));
  // S3 refuses HTTP's chunked coding of a plain body (aws-chunked framing may travel in it).
  if (mode.kind !== 'aws-chunked' && header(request, 'transfer-encoding') !== undefined) {
    throw new S3Error('NotImplemented', 'A header you provided implies functionality that is not implemented', { Header: 'Transfer-Encoding' });
  }
  const contentLength = optionalLength(request, 'content-length');
  const size = decodedContentLength(request, mode) ?? contentLength;
  if (size === undefined) throw new S3Error('MissingContentLength');
  if (size > MAX_UPLOAD_BYTES) throw new S3Error('EntityTooLarge', undefined, { ProposedSize: size, MaxSizeAllowed: MAX_UPLOAD_BYTES });
  const trailerNames = announcedTrailers(request);
  const contentMd5 = contentMd5Of(request);
  const fromHeaders = uploadChecksumHeaders(request);
  // A checksum comes by header or by trailer, never both (S3's answer quoted in versity/versitygw#1657).
  if (trailerNames.length > 0 && Object.keys(fromHeaders).length > 0) throw new S3Error('InvalidRequest', 'Expecting a single x-amz-checksum- header');
  const checksumAlgorithms = announcedAlgorithms(request, trailerNames, fromHeaders);
  const decoder = mode.kind === 'aws-chunked' ? chunkedDecoder(request, auth, mode, trailerNames) : undefined;
  // A signed hash is left to the store's digest pass: no stage of its own.
  const payloadSha256 = mode.kind === 'hash' ? mode.sha256 : undefined;

  let body: BodySource;
  if (decoder !== undefined) body = pipeline([shield(source), decoder], () => undefined) as unknown as Readable;
  else if (contentLength !== undefined && contentLength <= WHOLE_BODY_BYTES) body = () => readWhole(source);
  else body = shield(source);
  return {
    body,
    checksumAlgorithms,
    expect: () => ({ contentMd5, checksums: { ...fromHeaders, ...trailerChecksums(decoder?.trailers ?? {}) } }),
    payloadSha256,
  };
}

/** The Content-Encoding to store: the header without its aws-chunked coding (which is transport framing). */
export function storedContentEncoding(contentEncoding: string | undefined): string | undefined {
  if (contentEncoding === undefined) return undefined;
  const codings = contentEncoding.split(',').map((c) => c.trim()).filter((c) => c !== '' && c.toLowerCase() !== 'aws-chunked');
  return codings.length > 0 ? codings.join(', ') : undefined;
}
