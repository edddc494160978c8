/**
 * Verifies SigV4 requests: the Authorization header form and the presigned query form.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
 * Any region is accepted; the service must be s3. Error codes and messages are S3's.
 */
import { S3Error } from '../errors';
import { header, queryValue, type S3HttpRequest } from '../http-request';
import type { Credentials } from './credentials';
import { assertWithinSkew, errorTimestamp, MAX_SKEW_MS, parseAmzDate, formatAmzDate, parseHttpDate } from './request-time';
import { signaturesEqual } from './signature-compare';
import {
  canonicalRequest,
  canonicalRequestBytes,
  signatureOf,
  signingKey,
  spacedHexBytes,
  stringToSign,
  SIGV4_ALGORITHM,
  UNSIGNED_PAYLOAD,
  type CredentialScope,
} from './sigv4-signing';
import { assertKnownPayloadHash } from './payload-hash';

/** What a verified SigV4 request carries on to the body decoder (chunk signatures chain from it). */
export interface SigV4Context {
  accessKeyId: string;
  amzDate: string;
  scope: CredentialScope;
  signingKey: Buffer;
  seedSignature: string;
  payloadHash: string;
}

const MAX_PRESIGN_EXPIRES_S = 7 * 24 * 3600;
const PRESIGN_SIGNATURE = new Set(['X-Amz-Signature']);
/**
 * The one x-amz-* header S3 takes unsigned: x-amz-content-sha256, whose value a header signature
 * covers anyway (the canonical request ends with it). S3 leaves it out of HeadersNotSigned
 * (localstack's recorded answers; scality/Arsenal#2590: "in practice AWS does not require
 * x-amz-content-sha256 to be signed").
 */
const MAY_GO_UNSIGNED = new Set(['x-amz-content-sha256']);
const CREDENTIAL_SHAPE = 'the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".';

interface ParsedCredential {
  accessKeyId: string;
  scope: CredentialScope;
}

function parseCredential(credential: string, fail: (reason: string) => S3Error): ParsedCredential {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts.some((p) => p === '')) throw fail(CREDENTIAL_SHAPE);
  const [accessKeyId, date, region, service, terminal] = parts;
  if (!/^\d{8}$/.test(date)) throw fail(CREDENTIAL_SHAPE);
  if (service !== 's3') throw fail(`incorrect service "${service}". This endpoint belongs to "s3".`);
  if (terminal !== 'aws4_request') throw fail(`incorrect terminal "${terminal}". This endpoint uses "aws4_request".`);
  return { accessKeyId, scope: { date, region, service } };
}

function secretFor(credentials: Credentials, accessKeyId: string): string {
  const secret = credentials.get(accessKeyId);
  if (secret === undefined) throw new S3Error('InvalidAccessKeyId', undefined, { AWSAccessKeyId: accessKeyId });
  return secret;
}

interface SignatureCheck {
  request: S3HttpRequest;
  credential: ParsedCredential;
  secret: string;
  amzDate: string;
  signedHeaders: string[];
  payloadHash: string;
  provided: string;
  presigned: boolean;
}

function checkSignature(check: SignatureCheck): SigV4Context {
  const canonical = canonicalRequest({
    request: check.request,
    signedHeaders: check.signedHeaders,
    payloadHash: check.payloadHash,
    excludeQuery: check.presigned ? PRESIGN_SIGNATURE : undefined,
  });
  const toSign = stringToSign(check.amzDate, check.credential.scope, canonical);
  const key = signingKey(check.secret, check.credential.scope);
  const expected = signatureOf(key, toSign);
  if (!signaturesEqual(expected, check.provided.toLowerCase())) {
    throw new S3Error('SignatureDoesNotMatch', undefined, {
      AWSAccessKeyId: check.credential.accessKeyId,
      StringToSign: toSign,
      SignatureProvided: check.provided,
      StringToSignBytes: spacedHexBytes(toSign),
      CanonicalRequest: canonical,
      CanonicalRequestBytes: spacedHexBytes(canonicalRequestBytes(canonical)),
    });
  }
  return {
    accessKeyId: check.credential.accessKeyId,
    amzDate: check.amzDate,
    scope: check.credential.scope,
    signingKey: key,
    seedSignature: expected,
    payloadHash: check.payloadHash,
  };
}

/**
 * The SignedHeaders list, which must cover `host`: a signature that leaves the Host header out
 * could be replayed against another endpoint. S3 refuses it with AccessDenied naming the header
 * (`<HeadersNotSigned>host</HeadersNotSigned>`), for header and presigned signatures alike.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html ("host" is required)
 */
function parseSignedHeaders(list: string): string[] {
  const names = list.split(';').map((name) => name.trim().toLowerCase());
  if (!names.includes('host')) {
    throw new S3Error('AccessDenied', 'There were headers present in the request which were not signed', { HeadersNotSigned: 'host' });
  }
  return names;
}

/**
 * Every x-amz-* header sent must be signed, or anyone on the way could add one (x-amz-copy-source
 * turns a PUT into a copy, x-amz-tagging or x-amz-acl change what it stores). S3 refuses the
 * request with AccessDenied naming them; other unsigned headers (Content-Type...) are allowed.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html ("any x-amz-* headers
 * that you plan to add to the request are also required")
 */
function assertAmzHeadersSigned(request: S3HttpRequest, signedHeaders: readonly string[], exempt: ReadonlySet<string> = new Set()): void {
  const unsigned = new Set<string>();
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i].toLowerCase();
    if (name.startsWith('x-amz-') && !signedHeaders.includes(name) && !exempt.has(name)) unsigned.add(name);
  }
  if (unsigned.size > 0) {
    throw new S3Error('AccessDenied', 'There were headers present in the request which were not signed', { HeadersNotSigned: [...unsigned].join(', ') });
  }
}

/** `AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...` */
export function verifySigV4Header(request: S3HttpRequest, authorization: string, credentials: Credentials, now: Date): SigV4Context {
  const malformed = (reason: string) =>
    new S3Error('AuthorizationHeaderMalformed', `The authorization header is malformed; ${reason}`);
  const fields = new Map<string, string>();
  for (const part of authorization.slice(SIGV4_ALGORITHM.length).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credentialText = fields.get('Credential');
  const signedHeaderList = fields.get('SignedHeaders');
  const provided = fields.get('Signature');
  if (!credentialText || !signedHeaderList || !provided) {
    throw malformed('the authorization header requires three components: Credential, SignedHeaders, and Signature.');
  }
  const credential = parseCredential(credentialText, malformed);
  const secret = secretFor(credentials, credential.accessKeyId);

  const amzDateHeader = header(request, 'x-amz-date');
  const dateHeader = header(request, 'date');
  const requestTime = amzDateHeader !== undefined ? parseAmzDate(amzDateHeader) : dateHeader && parseHttpDate(dateHeader);
  if (!requestTime) throw new S3Error('AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
  const amzDate = amzDateHeader ?? formatAmzDate(requestTime);
  if (credential.scope.date !== amzDate.slice(0, 8)) {
    // S3's words, which name neither date (as its answer quoted in ml-archive/storage#68 reads).
    throw malformed('Invalid credential date. Date is not the same as X-Amz-Date.');
  }
  assertWithinSkew(requestTime, amzDateHeader ?? dateHeader ?? '', now);

  const payloadHash = header(request, 'x-amz-content-sha256');
  if (payloadHash === undefined) {
    throw new S3Error('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  }
  assertKnownPayloadHash(payloadHash);
  const signedHeaders = parseSignedHeaders(signedHeaderList);
  assertAmzHeadersSigned(request, signedHeaders, MAY_GO_UNSIGNED);
  return checkSignature({
    request,
    credential,
    secret,
    amzDate,
    signedHeaders,
    payloadHash,
    provided,
    presigned: false,
  });
}

/** `?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=...&X-Amz-Signature=...` */
export function verifySigV4Query(request: S3HttpRequest, credentials: Credentials, now: Date): SigV4Context {
  const queryError = (reason: string) => new S3Error('AuthorizationQueryParametersError', reason);
  const param = (name: string) => queryValue(request.query, name);
  const algorithm = param('X-Amz-Algorithm');
  const credentialText = param('X-Amz-Credential');
  const amzDate = param('X-Amz-Date');
  const expiresText = param('X-Amz-Expires');
  const signedHeaderList = param('X-Amz-SignedHeaders');
  const provided = param('X-Amz-Signature');
  // An empty X-Amz-SignedHeaders is present (and then lacks host); only a missing one is malformed.
  if (!algorithm || !credentialText || !amzDate || !expiresText || signedHeaderList === undefined || !provided) {
    throw queryError(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  if (algorithm !== SIGV4_ALGORITHM) throw queryError(`X-Amz-Algorithm only supports "${SIGV4_ALGORITHM}"`);
  const credential = parseCredential(credentialText, (reason) => queryError(`Error parsing the X-Amz-Credential parameter; ${reason}`));
  const requestTime = parseAmzDate(amzDate);
  if (!requestTime) throw queryError('X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd\'T\'HHmmss\'Z\'"');
  // S3's words for each (as it answers them: fog/fog#3528, bryanjos/aws_auth#31).
  if (/^-\d+$/.test(expiresText)) throw queryError('X-Amz-Expires must be non-negative');
  if (!/^\d+$/.test(expiresText)) throw queryError('X-Amz-Expires should be a number');
  const expiresIn = Number(expiresText);
  if (expiresIn > MAX_PRESIGN_EXPIRES_S) {
    throw queryError(`X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than ${MAX_PRESIGN_EXPIRES_S} seconds`);
  }
  if (credential.scope.date !== amzDate.slice(0, 8)) {
    throw queryError(
      `Error parsing the X-Amz-Credential parameter; Invalid credential date "${credential.scope.date}". This date is not the same as X-Amz-Date: "${amzDate.slice(0, 8)}".`,
    );
  }
  const secret = secretFor(credentials, credential.accessKeyId);

  const expiresAt = new Date(requestTime.getTime() + expiresIn * 1000);
  // S3 gives the X-Amz-Date of a URL from the future in epoch milliseconds (as its answer quoted in minio/minio#2638 reads).
  if (requestTime.getTime() - now.getTime() > MAX_SKEW_MS) {
    throw new S3Error('AccessDenied', 'Request is not yet valid', {
      'X-Amz-Date': String(requestTime.getTime()),
      Expires: errorTimestamp(expiresAt),
      ServerTime: errorTimestamp(now),
    });
  }
  if (now.getTime() > expiresAt.getTime()) {
    throw new S3Error('AccessDenied', 'Request has expired', {
      'X-Amz-Expires': expiresText,
      Expires: errorTimestamp(expiresAt),
      ServerTime: errorTimestamp(now),
    });
  }
  const signedHeaders = parseSignedHeaders(signedHeaderList);
  // A presigned URL sent with an x-amz-content-sha256 it did not sign covers UNSIGNED-PAYLOAD, or
  // the content hash the signer put in the query (the JS SDK does).
  assertAmzHeadersSigned(request, signedHeaders, MAY_GO_UNSIGNED);
  const signedPayloadHash = signedHeaders.includes('x-amz-content-sha256') ? header(request, 'x-amz-content-sha256') : undefined;
  const payloadHash = signedPayloadHash ?? param('X-Amz-Content-Sha256') ?? UNSIGNED_PAYLOAD;
  return checkSignature({
    request,
    credential,
    secret,
    amzDate,
    signedHeaders,
    payloadHash,
    provided,
    presigned: true,
  });
}
