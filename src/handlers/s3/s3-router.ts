/**
 * The S3 protocol front door, the server's pre-route ahead of express: every request is an S3 request
 * except the mock's own JSON endpoints (path style, their exact methods and paths), so a request
 * such as `PUT /admin` still gets S3's answer (InvalidBucketName), never a JSON one; a path of
 * theirs below a reserved name asked with another method is answered 405 in their words. A request is
 * addressed, dispatched (src/s3/dispatch.ts), authenticated (an unsigned write from a web page
 * must also be allowed by the bucket's CORS rules), authorized (src/s3/access) and handed to the
 * handler of its operation;
 * any failure becomes an S3 XML error, and body left unread is discarded once S3 has answered.
 * Nothing here throws past it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerOptions, isCorsPreflight, isHostField, logRequest, methodNotAllowed, sendProblem, type Logger, type PreRoute, type RequestHead } from '../../kit';
import { resolveAddress, type S3Address } from '../../s3/addressing';
import type { Authentication } from '../../s3/auth/authenticator';
import { assertRequiredChecksum } from '../../s3/body/required-checksums';
import { dispatch, type S3Operation } from '../../s3/dispatch';
import { header, type S3HttpRequest } from '../../s3/http-request';
import { assertObjectHeadersAccepted } from '../../s3/object-metadata';
import { S3Error } from '../../s3/errors';
import { NoSuchBucket, RESERVED_BUCKET_NAMES } from '../../s3/store';
import { CONSOLE_PATH } from './console-page';
import { applyCors, assertPageMayChange } from './cors-handlers';
import { assignS3RequestIds } from './request-ids';
import type { S3Handler, S3Response, S3Services } from './s3-call';
import { sendS3Error } from './s3-responses';
import { discardUnreadBodyOnceAnswered } from './unread-body';
import { rawPathOf, wireRequestOf } from './wire-request';

/** The JSON extras, kit pages and the console under their top-level names (openapi/s3-mock.yaml). */
const JSON_ENDPOINTS: ReadonlyArray<readonly [method: string, path: RegExp]> = [
  ['GET', /^\/health\/?$/],
  ['GET', /^\/openapi\.json$/],
  ['GET', /^\/docs(\/|\/redoc\.standalone\.js|\/spec\.js)?$/],
  ['GET', /^\/presigned-url$/],
  ['GET', /^\/admin\/buckets$/],
  ['PUT', /^\/admin\/buckets\/[^/]+$/],
  ['DELETE', /^\/admin\/buckets\/[^/]+$/],
  ['GET', /^\/admin\/objects\/[^/]+$/],
  ['GET', /^\/admin\/object\/[^/]+$/],
  ['DELETE', /^\/admin\/object\/[^/]+$/],
  ['GET', /^\/admin\/object\/[^/]+\/content$/],
  ['PUT', /^\/admin\/object\/[^/]+\/content$/],
  ['GET', /^\/admin\/notifications$/],
  ['DELETE', /^\/admin\/reset$/],
  ['GET', /^\/admin\/events$/],
  ['GET', /^\/_console(\/.*)?$/],
];

/** The top-level names of the extras: the reserved ones, and the console's, which no bucket name can be (`_`). */
const OWN_TOP_LEVEL_NAMES: readonly string[] = [...RESERVED_BUCKET_NAMES, CONSOLE_PATH.slice(1)];

/**
 * The extras whose answer to a HEAD would tell an S3 client a bucket of their name exists: a
 * signed HEAD of one is an SDK's HeadBucket (of a bucket named `docs`, say, before it creates
 * it), which S3 answers NoSuchBucket, not with the docs page's 200. A signed GET stays theirs:
 * a client may sign every request it sends (`S3_AUTH=strict` guards `/presigned-url` and `/admin`).
 */
const UNSIGNED_EXTRAS: readonly string[] = ['health', 'docs', 'openapi.json'];

function isHeadBucket(req: RequestHead, address: S3Address): boolean {
  return req.method === 'HEAD' && req.headers.authorization !== undefined && address.key === undefined && UNSIGNED_EXTRAS.includes(address.bucket ?? '');
}

/** Whether a request is addressed to the extras: path-style, under one of their names, and no HeadBucket. */
function isForExtras(req: RequestHead, address: S3Address): boolean {
  if (address.virtualHost || address.bucket === undefined || !OWN_TOP_LEVEL_NAMES.includes(address.bucket)) return false;
  return !isHeadBucket(req, address);
}

/** A CORS preflight to the extras goes on to the kit, which answers it; a plain OPTIONS is answered here (extrasOptions). */
function isJsonEndpoint(req: RequestHead, rawPath: string, address: S3Address): boolean {
  if (!isForExtras(req, address)) return false;
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  return JSON_ENDPOINTS.some(([endpointMethod, path]) => path.test(rawPath) && (endpointMethod === method || isCorsPreflight(req)));
}

/**
 * The methods the extras take at `rawPath`, as the kit's Allow names them: HEAD wherever GET, and
 * OPTIONS, since a preflight there is answered; undefined where they take none.
 */
function extrasAllow(rawPath: string): string[] | undefined {
  const methods = JSON_ENDPOINTS.filter(([, path]) => path.test(rawPath)).flatMap(([method]) => (method === 'GET' ? ['GET', 'HEAD'] : [method]));
  return methods.length > 0 ? [...methods, 'OPTIONS'] : undefined;
}

/**
 * The methods the extras take at a path-style path below one of their names (`/admin/reset`),
 * for a request that asks another: no bucket has a reserved name, so S3 could only answer it
 * NoSuchBucket, where the extras say what the path takes (405 with Allow, as express answers a
 * wrong method on their other paths). Undefined for any other path, the name alone included: that
 * one stays S3's, for the bucket operations a client may try on it.
 */
function extrasMethodsAt(req: RequestHead, rawPath: string, address: S3Address): string[] | undefined {
  return address.key !== undefined && isForExtras(req, address) ? extrasAllow(rawPath) : undefined;
}

/**
 * What a plain OPTIONS (no CORS preflight) to a path of the extras is told they allow there, in
 * a 204 (RFC 9110 §9.3.7), as the kit answers one on its paths; undefined for any other request.
 */
function extrasOptions(req: RequestHead, rawPath: string, address: S3Address): string[] | undefined {
  return req.method === 'OPTIONS' && isForExtras(req, address) ? extrasAllow(rawPath) : undefined;
}

/**
 * Whether the router hands a request on to the mock's JSON extras, asked ahead of it (the kit's
 * origin guard covers those; S3 requests are left to their buckets' CORS rules). A target S3
 * cannot address is S3's to refuse.
 */
export function isMockExtra(req: RequestHead, domains: readonly string[]): boolean {
  try {
    const rawPath = rawPathOf(req.url ?? '/');
    // A Host that is no host name ('evil.example/.localhost', refused with 400) names no bucket.
    const host = req.headers.host !== undefined && isHostField(req.headers.host) ? req.headers.host : undefined;
    return isJsonEndpoint(req, rawPath, resolveAddress(host, rawPath, domains));
  } catch {
    return false;
  }
}

/** Node's response as S3 handlers write it: with status() (see S3Response). */
function asS3Response(res: ServerResponse): S3Response {
  const answer = res as S3Response;
  answer.status = setStatus;
  return answer;
}

function setStatus(this: S3Response, code: number): S3Response {
  this.statusCode = code;
  return this;
}

/** How to answer each request the S3 router took, should its body stop arriving. */
const stalledAnswers = new WeakMap<IncomingMessage, () => void>();

/** S3's RequestTimeout for a request of the S3 router whose body stopped arriving; false for any other (the JSON extras). */
export function answerStalledS3Request(req: IncomingMessage): boolean {
  const answer = stalledAnswers.get(req);
  answer?.();
  return answer !== undefined;
}

/**
 * The operation `request` asks for. S3 asks who is calling before it looks at what is asked: an
 * operation this mock does not implement is refused as S3 would refuse any operation first, for
 * a signature that does not hold, a bucket that does not exist (NoSuchBucket, as S3 answers
 * any operation on one) or (S3_AUTH=strict) an anonymous caller, and only then answered
 * NotImplemented.
 */
async function dispatchCaller(services: S3Services, request: S3HttpRequest, address: S3Address): Promise<S3Operation> {
  try {
    return dispatch({
      method: request.method,
      bucket: address.bucket,
      key: address.key,
      query: request.query,
      hasHeader: (name) => header(request, name) !== undefined,
      contentType: header(request, 'content-type'),
    });
  } catch (error) {
    if (error instanceof S3Error && error.code === 'NotImplemented') {
      const auth = services.authenticate(request, { virtualHostBucket: address.virtualHost ? address.bucket : undefined });
      if (address.bucket !== undefined && !(await services.access.bucketAccess(address.bucket))) throw new NoSuchBucket(address.bucket);
      if (services.access.principalOf(auth).kind === 'anonymous') throw new S3Error('AccessDenied');
    }
    throw error;
  }
}

/**
 * The S3 router as the kit's pre-route: every response gets S3's request ids; a request for the
 * JSON extras is left to express (false); any other is S3's, logged under its x-amz-request-id
 * and answered here (true).
 */
export function s3Router(services: S3Services, handlers: Record<S3Operation, S3Handler>, logger: Logger): PreRoute {
  return (req, node) => {
    const ids = assignS3RequestIds(node);
    let address: S3Address | undefined;
    let wire: S3HttpRequest | undefined;
    const res = asS3Response(node);
    const fail = (error: unknown) => sendS3Error(req, res, ids, error);
    try {
      const rawPath = rawPathOf(req.url ?? '/');
      address = resolveAddress(req.headers.host, rawPath, services.config.domains);
      // The JSON extras answer in problem+json whatever their query holds: hand them on before S3 parses it.
      if (isJsonEndpoint(req, rawPath, address)) return false;
      logRequest(logger, req, res, ids.requestId);
      const optionsAllow = extrasOptions(req, rawPath, address);
      if (optionsAllow) {
        discardUnreadBodyOnceAnswered(req, res);
        answerOptions(res, optionsAllow);
        return true;
      }
      const extrasMethods = extrasMethodsAt(req, rawPath, address);
      if (extrasMethods) {
        discardUnreadBodyOnceAnswered(req, res);
        sendProblem(req, res, methodNotAllowed(req.method, rawPath, extrasMethods));
        return true;
      }
      wire = wireRequestOf(req);
      stalledAnswers.set(req, () => fail(new S3Error('RequestTimeout')));
    } catch (error) {
      logRequest(logger, req, res, ids.requestId);
      fail(error);
      return true;
    }
    discardUnreadBodyOnceAnswered(req, res);
    const request = wire;
    const resolved = address;
    const run = async () => {
      const operation = await dispatchCaller(services, request, resolved);
      await applyCors(services, req, res, resolved.bucket);
      // Browsers send preflights without credentials, and S3 answers them from the CORS rules
      // alone, whatever their query holds (a presigned URL's signature is for another method).
      const preflight = operation === 'PreflightBucket' || operation === 'PreflightObject';
      const auth: Authentication = preflight ? { scheme: 'anonymous' } : services.authenticate(request, { virtualHostBucket: resolved.virtualHost ? resolved.bucket : undefined });
      const principal = services.access.principalOf(auth);
      // PutObjectTagging's tags are its body. The decision comes first, as S3's does, unless the
      // bucket's policy tests them (s3:RequestObjectTag/<key>): then its handler decides once it has read them.
      if (operation !== 'PutObjectTagging' || !(await services.access.testsBodyTags(resolved.bucket!))) {
        await services.access.authorize({ operation, principal, auth, wire: request, bucket: resolved.bucket, key: resolved.key, sourceIp: req.socket.remoteAddress ?? '' });
      }
      // A POST Object form is signed by its policy: that handler decides once it has read the fields.
      if (operation !== 'PostObject') await assertPageMayChange(services, request, resolved.bucket, auth.scheme !== 'anonymous');
      assertObjectHeadersAccepted(operation, request);
      assertRequiredChecksum(operation, request);
      await handlers[operation]({ req, res, wire: request, address: resolved, auth, principal, ids, services });
    };
    run().catch(fail);
    return true;
  };
}
