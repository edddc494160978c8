/**
 * Streaming decoder for `Content-Encoding: aws-chunked` bodies: strips the framing, verifies each
 * chunk signature (chained from the request's seed signature) and the trailer signature, collects
 * trailing headers (x-amz-checksum-*), and checks the decoded length. Chunk data passes straight
 * through; only header and trailer lines are buffered, each bounded.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming-trailers.html
 *
 *   <hex-size>[;chunk-signature=<sig>]\r\n<data>\r\n ... 0[;chunk-signature=<sig>]\r\n
 *   [<trailer-name>:<value>\r\n ... [x-amz-trailer-signature:<sig>\r\n]]\r\n
 *
 * Data already passed on before a bad chunk signature is detected is harmless: the error ends the
 * stream and the store keeps nothing from a body that errors.
 */
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { S3Error } from '../errors';
import { signatureOf, EMPTY_SHA256, sha256Hex } from '../auth/sigv4-signing';
import { signaturesEqual } from '../auth/signature-compare';

/** What chunk signatures chain from: the verified request's signing key, date, scope and signature. */
export interface ChunkSigning {
  signingKey: Buffer;
  amzDate: string;
  /** `20240102/eu-west-1/s3/aws4_request` */
  scope: string;
  seedSignature: string;
}

export interface AwsChunkedOptions {
  /** Present for STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]: every chunk must be signed. */
  signing?: ChunkSigning;
  /** x-amz-decoded-content-length, when sent. */
  decodedLength?: number;
  /** Trailing headers announced in x-amz-trailer; each must arrive, and no other may. */
  trailerNames?: readonly string[];
}

const MAX_LINE = 4096;
/** S3's smallest chunk: "The chunk size must be at least 8 KB ... except the last one" (sigv4-streaming.html). */
const MIN_CHUNK_SIZE = 8192;
const MAX_TRAILER_BYTES = 16 * 1024;
const TRAILER_SIGNATURE = 'x-amz-trailer-signature';

type State = 'size-line' | 'data' | 'data-end' | 'trailer' | 'done';

/**
 * S3 answers any framing it cannot read (a size that is no hex, a missing CRLF, data longer than
 * its size, a body ending before its final chunk) with this one IncompleteBody, and a decoded
 * length other than x-amz-decoded-content-length with the other, naming both lengths (its
 * answers quoted in versity/versitygw#1660, #1666 and #1684).
 */
const malformed = () => new S3Error('IncompleteBody', 'The request body terminated unexpectedly');
/**
 * A trailer S3 cannot take: one announced in x-amz-trailer that does not come, one that was not
 * announced, or a line that is no `name:value` (S3's answer quoted in versity/versitygw#1600).
 */
const malformedTrailer = () => new S3Error('MalformedTrailerError');
const lengthMismatch = (expected: number, provided: number) =>
  new S3Error('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header', {
    NumberBytesExpected: expected,
    NumberBytesProvided: provided,
  });

export class AwsChunkedDecoder extends Transform {
  /** Trailing headers (lower-case names), complete once the stream has ended. */
  readonly trailers: Record<string, string> = {};

  private state: State = 'size-line';
  private line = Buffer.alloc(0);
  private remaining = 0;
  private decoded = 0;
  /** Data chunks seen so far, and the size of the latest: only the last may be under MIN_CHUNK_SIZE. */
  private dataChunks = 0;
  private lastDataChunkSize = 0;
  private trailerBytes = 0;
  private chunkSignature?: string;
  private chunkHash?: Hash;
  private previousSignature: string;
  /** The trailing headers x-amz-trailer announced, lower-case: each must come, and no other. */
  private readonly announced: ReadonlySet<string>;

  constructor(private readonly options: AwsChunkedOptions) {
    super();
    this.previousSignature = options.signing?.seedSignature ?? '';
    this.announced = new Set((options.trailerNames ?? []).map((name) => name.toLowerCase()));
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.consume(chunk);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    // A client may end right after the last trailer line, without the closing blank line.
    if (this.state === 'trailer' && this.line.length === 0) this.finishTrailer();
    if (this.state !== 'done') return callback(malformed());
    if (this.options.decodedLength !== undefined && this.decoded !== this.options.decodedLength) {
      return callback(lengthMismatch(this.options.decodedLength, this.decoded));
    }
    callback();
  }

  private consume(input: Buffer): void {
    let offset = 0;
    while (offset < input.length) {
      if (this.state === 'data') {
        const take = Math.min(this.remaining, input.length - offset);
        const slice = input.subarray(offset, offset + take);
        this.chunkHash?.update(slice);
        this.push(slice);
        this.remaining -= take;
        offset += take;
        if (this.remaining === 0) this.state = 'data-end';
        continue;
      }
      if (this.state === 'done') {
        if (input.subarray(offset).some((byte) => byte !== 0x0d && byte !== 0x0a)) throw malformed();
        return;
      }
      const newline = input.indexOf(0x0a, offset);
      const end = newline === -1 ? input.length : newline + 1;
      this.line = Buffer.concat([this.line, input.subarray(offset, end)]);
      offset = end;
      if (this.line.length > MAX_LINE) throw malformed();
      if (newline === -1) return;
      if (this.line.length < 2 || this.line[this.line.length - 2] !== 0x0d) throw malformed();
      const text = this.line.subarray(0, this.line.length - 2).toString('latin1');
      this.line = Buffer.alloc(0);
      this.onLine(text);
    }
  }

  private onLine(text: string): void {
    switch (this.state) {
      case 'data-end':
        if (text !== '') throw malformed();
        this.verifyChunkSignature();
        this.state = 'size-line';
        return;
      case 'size-line':
        return this.onSizeLine(text);
      case 'trailer':
        return this.onTrailerLine(text);
      default:
        throw malformed();
    }
  }

  private onSizeLine(text: string): void {
    const [sizeText, ...extensions] = text.split(';');
    if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText.trim())) throw malformed();
    const size = parseInt(sizeText, 16);
    this.chunkSignature = extensions
      .map((extension) => extension.trim())
      .find((extension) => extension.startsWith('chunk-signature='))
      ?.slice('chunk-signature='.length);
    if (this.options.signing && !this.chunkSignature) throw new S3Error('SignatureDoesNotMatch', 'A chunk of the signed body is missing its chunk-signature');
    // A small chunk shows it was not the last when another data chunk follows it; S3 numbers the
    // chunk whose size line showed it and names the small size.
    if (size > 0 && this.dataChunks > 0 && this.lastDataChunkSize < MIN_CHUNK_SIZE) {
      throw new S3Error('InvalidChunkSizeError', undefined, { Chunk: this.dataChunks + 1, BadChunkSize: this.lastDataChunkSize });
    }
    if (size > 0) {
      this.dataChunks += 1;
      this.lastDataChunkSize = size;
    }
    this.decoded += size;
    if (this.options.decodedLength !== undefined && this.decoded > this.options.decodedLength) {
      throw lengthMismatch(this.options.decodedLength, this.decoded);
    }
    if (size === 0) {
      this.chunkHash = undefined;
      this.verifyChunkSignature();
      this.state = 'trailer';
      return;
    }
    this.chunkHash = this.options.signing ? createHash('sha256') : undefined;
    this.remaining = size;
    this.state = 'data';
  }

  private verifyChunkSignature(): void {
    const signing = this.options.signing;
    if (!signing || this.chunkSignature === undefined) return;
    const dataHash = this.chunkHash ? this.chunkHash.digest('hex') : EMPTY_SHA256;
    const toSign = ['AWS4-HMAC-SHA256-PAYLOAD', signing.amzDate, signing.scope, this.previousSignature, EMPTY_SHA256, dataHash].join('\n');
    const expected = signatureOf(signing.signingKey, toSign);
    if (!signaturesEqual(expected, this.chunkSignature.toLowerCase())) {
      throw new S3Error('SignatureDoesNotMatch', undefined, { StringToSign: toSign, SignatureProvided: this.chunkSignature });
    }
    this.previousSignature = expected;
  }

  private onTrailerLine(text: string): void {
    if (text === '') return this.finishTrailer();
    this.trailerBytes += text.length;
    if (this.trailerBytes > MAX_TRAILER_BYTES) throw malformedTrailer();
    const colon = text.indexOf(':');
    const name = text.slice(0, Math.max(colon, 0)).trim().toLowerCase();
    if (name === '' || (name !== TRAILER_SIGNATURE && !this.announced.has(name))) throw malformedTrailer();
    this.trailers[name] = text.slice(colon + 1).trim();
  }

  private finishTrailer(): void {
    if ([...this.announced].some((name) => this.trailers[name] === undefined)) throw malformedTrailer();
    const signing = this.options.signing;
    const provided = this.trailers[TRAILER_SIGNATURE];
    delete this.trailers[TRAILER_SIGNATURE];
    if (signing && Object.keys(this.trailers).length > 0) {
      if (!provided) throw new S3Error('SignatureDoesNotMatch', 'The trailing headers are missing x-amz-trailer-signature');
      const canonical = Object.entries(this.trailers).map(([name, value]) => `${name}:${value}\n`).join('');
      const toSign = ['AWS4-HMAC-SHA256-TRAILER', signing.amzDate, signing.scope, this.previousSignature, sha256Hex(canonical)].join('\n');
      if (!signaturesEqual(signatureOf(signing.signingKey, toSign), provided.toLowerCase())) {
        throw new S3Error('SignatureDoesNotMatch', undefined, { StringToSign: toSign, SignatureProvided: provided });
      }
    }
    this.state = 'done';
  }
}
