import { readFileSync } from 'node:fs';
import { STATUS_CODES, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import type { Context, Document, OpenAPIBackend } from 'openapi-backend';
import type { ErrorObject } from 'ajv';
import type { Logger } from './logger';
import { forbidSniffing, HttpProblem, sendProblem } from './problem';
import { answerOptions, methodNotAllowed } from './method-answers';
import { PARSED_BODY_CODINGS, unsupportedContentCoding } from './content-coding';
import { validationProblem } from './validation-problem';
import { checkParameterSyntax } from './parameter-syntax';
import { PrismFallback } from './prism-fallback';
import { answerInProtocol } from './protocol-answer';
import { DOCS_CSP, readRedocBundle, redocInitScript, redocPage } from './docs-page';
import { packageVersion } from './project-files';
import { checkOperationCoverage } from './operation-coverage';
import { createRequestGuard, isCorsPreflight, type OriginPolicy } from './request-guard';
import { jsonSyntaxError } from './json-syntax';
import { assignRequestId, loggedUrl, logRequest } from './request-log';
import { documentHeaders, refuseAllButReads } from './static-page';

export type Handler = (c: Context, req: Request, res: Response) => unknown;

/** Handlers keyed by the operationIds of a spec's generated `operations`: a name the spec lacks is a type error. */
export type OperationHandlers<Operations> = { [K in keyof Operations & string]?: Handler };

/**
 * A hot path served ahead of express (plain node:http): returns true when it took the request.
 * It skips request logging and spec validation, so it suits one well-tested route only.
 */
export type PreRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

/** A server's domain error as the problem it answers, or undefined when the error is not one it knows. */
export type MapError = (error: unknown) => HttpProblem | undefined;

export interface ServerOptions {
  /** Service name, shown by /health and in every log line. */
  name: string;
  /** Path of the server's OpenAPI 3.0.3 spec, YAML or (faster to load) bundled JSON (see `specPath`). */
  specFile: string;
  /** Handlers keyed by operationId. */
  handlers: Record<string, Handler>;
  /**
   * Operations served by routes ahead of the OpenAPI router (mountBefore, preRoute): pages, event
   * streams, raw protocols. Every other operation needs a handler, or a place in `fromPrism`.
   */
  servedAhead?: readonly string[];
  /** Operations answered from the spec's examples by Prism, on purpose (see operation-coverage.ts). */
  fromPrism?: readonly string[];
  /**
   * Security handlers keyed by security scheme name: return a truthy value (kept in
   * `c.security[name]`) to authorise, throw an HttpProblem or a domain error `mapError` maps to
   * refuse with that problem.
   */
  securityHandlers?: Record<string, Handler>;
  /**
   * The server's one mapping from its domain errors to problems; undefined for an error that is
   * not one of them. answerError applies it to whatever a handler, a route or a security handler throws.
   */
  mapError?: MapError;
  logger: Logger;
  /** Origins whose pages may change state (CORS_ORIGIN); see request-guard.ts. */
  allowedOrigins: readonly string[];
  /** Host names answered besides loopback (ALLOWED_HOSTS, and the S3 mock's virtual-host domains). */
  allowedHosts: readonly string[];
  /** How a route treats the Origin header (default: guard every route). */
  originPolicy?: (req: IncomingMessage) => OriginPolicy;
  /** Largest JSON body accepted, in bytes (default 1 MiB). */
  jsonLimit?: number;
  /** false leaves every request body unread, for servers that read raw bytes themselves. */
  parseJson?: boolean;
  /** Routes that run before openapi-backend: static pages, event streams, raw protocols. */
  mountBefore?: (app: Express) => void;
  /** See PreRoute. */
  preRoute?: PreRoute;
  /** See ServerApp. */
  ignoreUnknownExpectations?: boolean;
  /** See ServerApp. */
  answerStalledRequest?: ServerApp['answerStalledRequest'];
  /** See ServerApp. */
  protocolAnswer?: ServerApp['protocolAnswer'];
  /** Extra fields for /health, e.g. the state of a dependency. */
  health?: () => Record<string, unknown> | Promise<Record<string, unknown>>;
  onClose?: () => void | Promise<void>;
  /** Check each JSON response against the spec; on by default under jest. */
  validateResponses?: boolean;
}

export interface ServerApp {
  /** Answers what the pre-route did not take. */
  app: RequestListener;
  preRoute?: PreRoute;
  /**
   * Serve a request whose Expect names something other than 100-continue as if it had none, as
   * S3 does, rather than refuse it with 417 (listen, http-server.ts).
   */
  ignoreUnknownExpectations?: boolean;
  /**
   * Answers a request whose body stopped arriving (listen, http-server.ts) in the server's own
   * protocol, returning true; false leaves it to the kit's 408 problem.
   */
  answerStalledRequest?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /**
   * Words the answers the kit gives on its own (a request Node's parser refused, an HTTP/1.1
   * request without Host; listen, http-server.ts) in the server's protocol; undefined leaves the
   * kit's problem+json. Of a request Node could not parse, `req` has what its request line and
   * Host header say, where they can be read.
   */
  protocolAnswer?: (problem: HttpProblem, req?: RequestHead) => ProtocolAnswer | undefined;
  close(): Promise<void>;
}

/** The parts of a request that say where it went. */
export type RequestHead = Pick<IncomingMessage, 'method' | 'url' | 'headers'>;

/** An answer the kit writes itself (ServerApp.protocolAnswer); it adds Content-Length. */
export interface ProtocolAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

declare module 'http' {
  interface IncomingMessage {
    /** The raw bytes of a parsed JSON body, for signature checks. */
    rawBody?: Buffer;
  }
}

const MIB = 1024 * 1024;

/**
 * Builds a server. Only what answers /health is ready when this resolves: express, openapi-backend
 * and the routes load on the first request that needs them (docs/ARCHITECTURE.md, "The kit"),
 * so a server starts in the time it takes to open its storage. The spec's operations are checked
 * against the handlers now, so a missing handler still stops the server at start.
 */
export async function createServer(options: ServerOptions): Promise<ServerApp> {
  const document = await readSpec(options.specFile);
  checkOperationCoverage(document, { handlers: Object.keys(options.handlers), servedAhead: options.servedAhead ?? [], fromPrism: options.fromPrism ?? [] });
  const startedAt = Date.now();
  let built: Promise<RequestListener> | undefined;
  const app: RequestListener = (req, res) => {
    built ??= buildApp(options, document);
    built.then((handle) => handle(req, res), (error: unknown) => answerError(req, res, error, options.logger));
  };
  return { app, preRoute: guardedPreRoute(options, startedAt), ignoreUnknownExpectations: options.ignoreUnknownExpectations, answerStalledRequest: options.answerStalledRequest, protocolAnswer: options.protocolAnswer, close: async () => { await options.onClose?.(); } };
}

/**
 * The spec as a document: bundled JSON (`specPath`, from `npm run codegen`) parses in
 * milliseconds; a YAML file (a test's fixture) is parsed here for the coverage check and
 * resolved by openapi-backend when the app is built.
 */
async function readSpec(specFile: string): Promise<Document> {
  const text = readFileSync(specFile, 'utf8');
  if (specFile.endsWith('.json')) return JSON.parse(text) as Document;
  const { parse } = await import('yaml');
  return parse(text) as Document;
}

async function buildApp(options: ServerOptions, document: Document): Promise<RequestListener> {
  const [{ default: express }, { OpenAPIBackend }, { default: addFormats }] = await Promise.all([import('express'), import('openapi-backend'), import('ajv-formats')]);
  const api = new OpenAPIBackend({
    // A parsed JSON spec is dereferenced synchronously by openapi-backend's quick mode.
    definition: options.specFile.endsWith('.json') ? document : options.specFile,
    strict: true,
    validate: true,
    // Skips re-validating the spec (Redocly lints it in CI) and compiles each operation's validators
    // on its first request instead of all at start: start-up goes from ~1.5 s to ~0.1 s for the S3 spec.
    quick: true,
    apiRoot: '/',
    // Errors carry the schema they broke, so a refused value can be named (validation-problem.ts).
    ajvOpts: { verbose: true },
    customizeAjv: (ajv) => { addFormats(ajv); return ajv; },
  });
  await api.init();
  checkParameterSyntax(api);
  const definition = api.definition;
  const prism = new PrismFallback(definition);
  const servedAhead = new Set(options.servedAhead);
  const answerFromPrism = (c: Context, req: Request, res: Response) => {
    // A request the routes ahead did not take is none of theirs: a made-up answer from the
    // spec's example (an S3 object at /_console/x) would pass for one of their real answers.
    if (servedAhead.has(c.operation.operationId ?? '')) throw noOperation(req);
    options.logger.warn({ operationId: c.operation.operationId }, 'answered from the spec example by Prism');
    return prism.respond(req, res);
  };
  const validateResponses = options.validateResponses ?? process.env.NODE_ENV === 'test';

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Answers to pages carry CORS headers that answers without Origin lack (request-guard.ts): a
  // browser must not reuse one made for a visit (no Origin) for a page's fetch.
  app.use((_req, res, next) => { forbidSniffing(res); res.vary('Origin'); next(); });
  app.use(requestLogging(options.logger));
  options.mountBefore?.(app);

  // The spec as written, taken before any validator compiles: openapi-backend compiles an
  // operation's body validator on its first request and then drops binary fields from the
  // schema's `required`, in the definition itself (a `file` the upload form requires would be
  // published as optional once the first upload came in).
  const published = structuredClone(definition);
  app.get('/openapi.json', (_req, res) => { res.json(published); });
  app.get(['/docs', '/docs/'], (_req, res) => {
    documentHeaders(res, DOCS_CSP);
    res.type('html').send(redocPage(`${published.info.title} — API reference`, '/docs/'));
  });
  app.get('/docs/redoc.standalone.js', (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=3600');
    res.type('application/javascript').send(readRedocBundle());
  });
  let specScript: string | undefined; // the spec does not change while the server runs
  app.get('/docs/spec.js', (_req, res) => { res.type('application/javascript').send(specScript ??= redocInitScript(published)); });
  refuseAllButReads(app, ['/openapi.json', '/docs', '/docs/', '/docs/redoc.standalone.js', '/docs/spec.js']);

  app.use(refuseMalformedTarget);
  app.use(answerPreflight);
  app.use(refuseUnsupportedMediaType(api));
  app.use(refuseUndecodedContent(options.parseJson !== false));
  if (options.parseJson !== false) {
    const limit = options.jsonLimit ?? MIB;
    // strict: false takes any JSON text (`null`, `42`), as RFC 8259 §2 does: the operation's schema refuses what it does not declare.
    app.use(express.json({ limit, strict: false, type: ['application/json', 'application/*+json'], verify: (req, _res, buf) => { req.rawBody = buf; } }));
    app.use(express.urlencoded({ limit, extended: false }));
  }

  const operationHandlers = wrapHandlers(options.handlers, api, validateResponses, options.logger);
  for (const [scheme, handler] of Object.entries(options.securityHandlers ?? {})) api.registerSecurityHandler(scheme, handler);
  api.register({
    ...operationHandlers,
    validationFail: (c: Context, req: Request, res: Response) => {
      const errors = bodyIsStreamed(req, options.parseJson !== false) ? c.validation.errors?.filter((e) => !isRequestBodyError(e)) : c.validation.errors;
      if (errors?.length) throw validationProblem(errors, req.is('application/x-www-form-urlencoded') ? (req.body as Record<string, unknown>) : undefined);
      const handler = operationHandlers[c.operation.operationId ?? ''];
      return handler ? handler(c, req, res) : answerFromPrism(c, req, res);
    },
    unauthorizedHandler: (c: Context) => { throw unauthorizedProblem(c, options.mapError); },
    notFound: (_c: Context, req: Request) => { throw noOperation(req); },
    methodNotAllowed: (_c: Context, req: Request, res: Response) => {
      const allowed = allowedMethods(api, req.path);
      // A path that only a template matches, whose parameters refuse it, names no resource.
      if (allowed.length === 0) throw noOperation(req);
      if (req.method === 'OPTIONS') {
        answerOptions(res, allowed);
        return;
      }
      throw methodNotAllowed(req.method, req.path, allowed);
    },
    notImplemented: answerFromPrism,
  });
  app.use(asyncRoute(async (req, res) => {
    await api.handleRequest({ method: routedMethod(api, req), path: req.path, query: req.query as Record<string, string>, headers: req.headers as Record<string, string>, body: routedBody(req) }, req, res);
  }));
  app.use(errorToProblem(options.logger, options.mapError));
  return app;
}

/** A request that names no operation the spec serves, or none this router may answer. */
function noOperation(req: Request): HttpProblem {
  return new HttpProblem(404, 'Not Found', `No operation matches ${req.method} ${req.path}`);
}

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

const declares = (api: OpenAPIBackend, method: string, path: string) => api.matchOperation({ method, path, headers: {} }) !== undefined;

/**
 * A HEAD where the spec declares only a GET is served as that GET: the same status and headers,
 * and Node sends no body (RFC 9110 §9.3.2: HEAD works wherever GET does).
 */
function routedMethod(api: OpenAPIBackend, req: Request): string {
  return req.method === 'HEAD' && !declares(api, 'HEAD', req.path) && declares(api, 'GET', req.path) ? 'GET' : req.method;
}

/**
 * The parsed body as openapi-backend must see it. It takes a body that is a string for JSON text
 * no parser read and parses it again, so a JSON body whose value is a string (`"{\"name\":1}"`)
 * would be validated as the object that string spells, or refused with a message that quotes it:
 * it is given the string as JSON text, which parses back to the string itself.
 */
function routedBody(req: Request): unknown {
  return typeof req.body === 'string' ? JSON.stringify(req.body) : req.body;
}

/**
 * Whether the spec serves `method` on `path` itself: an operation whose path template matches
 * but whose path parameters refuse this path's values (a client id that is a reserved name) is
 * not served there.
 */
function serves(api: OpenAPIBackend, method: string, path: string): boolean {
  const operation = api.matchOperation({ method, path, headers: {} });
  if (operation === undefined) return false;
  const { errors } = api.validateRequest({ method, path, headers: {}, query: {} }, operation);
  return !errors?.some((error) => error.instancePath.startsWith('/path/'));
}

/**
 * The methods the spec serves on `path`, for a 405's Allow header (RFC 9110 §15.5.6); HEAD wherever
 * GET is, and OPTIONS on every path that serves any: the kit answers a CORS preflight there, and a
 * plain OPTIONS with 204 and this Allow (RFC 9110 §9.3.7), where the spec declares none itself.
 */
function allowedMethods(api: OpenAPIBackend, path: string): string[] {
  const served = HTTP_METHODS.filter((method) => serves(api, method, path) || (method === 'HEAD' && serves(api, 'GET', path)));
  return served.length === 0 || served.includes('OPTIONS') ? served : [...served, 'OPTIONS'];
}

/** GET /health: the server's name, version, uptime and its `health` extras, as JSON. */
async function answerHealth(options: ServerOptions, startedAt: number, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const extras = (await options.health?.()) ?? {};
  const body = Buffer.from(JSON.stringify({ status: 'ok', service: options.name, version: packageVersion, uptime_s: (Date.now() - startedAt) / 1000, ...extras }));
  forbidSniffing(res);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}

const isHealthCheck = (req: IncomingMessage) => (req.method === 'GET' || req.method === 'HEAD') && /^\/health\/?(\?|$)/.test(req.url ?? '');

/**
 * The request guard runs ahead of everything, the server's own pre-route included; /health is
 * answered next, without express, so a start-up poll never waits for the app to load.
 */
function guardedPreRoute(options: ServerOptions, startedAt: number): PreRoute {
  const guard = createRequestGuard({ allowedOrigins: options.allowedOrigins, allowedHosts: options.allowedHosts, originPolicy: options.originPolicy });
  return (req, res) => {
    const refusal = guard(req, res);
    if (refusal) {
      assignRequestId(req, res);
      options.logger.warn({ method: req.method, url: loggedUrl(req.url), host: req.headers.host, origin: req.headers.origin }, refusal.title);
      answerInProtocol(req, res, refusal, options.protocolAnswer);
      return true;
    }
    if (options.preRoute?.(req, res)) return true;
    if (!isHealthCheck(req)) return false;
    logRequest(options.logger, req, res);
    answerHealth(options, startedAt, req, res).catch((error: unknown) => answerError(req, res, error, options.logger, options.mapError));
    return true;
  };
}

/**
 * A path or query whose percent-encoding is malformed or does not decode to UTF-8 names nothing
 * (RFC 3986 §2.1, §2.5): a 400 here, before the router decodes its parameters and throws on the
 * path, or the query parser quietly reads the bytes as U+FFFD (a search for `%FF` would look for
 * another text than it was sent).
 */
const refuseMalformedTarget: RequestHandler = (req, _res, next) => {
  const query = req.originalUrl.indexOf('?');
  for (const [part, text] of [['path', req.path], ['query', query < 0 ? '' : req.originalUrl.slice(query + 1)]]) {
    try {
      decodeURIComponent(text);
    } catch {
      next(new HttpProblem(400, 'Bad Request', `The request ${part} has malformed percent-encoding, or encodes bytes that are not UTF-8.`));
      return;
    }
  }
  next();
};

/**
 * A body in a media type the operation does not declare is a 415 (RFC 9110 §15.5.16) naming
 * the types it takes, before any parser reads it: a form post to a JSON operation is refused,
 * not half-understood.
 */
function refuseUnsupportedMediaType(api: OpenAPIBackend): RequestHandler {
  return (req, _res, next) => {
    const operation = api.matchOperation({ method: req.method, path: req.path, headers: req.headers as Record<string, string> });
    const body = operation?.requestBody as { content?: Record<string, unknown> } | undefined;
    const declared = Object.keys(body?.content ?? {});
    if (declared.length === 0 || req.is(declared) !== false) {
      next();
      return;
    }
    const given = req.headers['content-type'] ?? 'none';
    next(new HttpProblem(415, 'Unsupported Media Type', `${req.method} ${req.path} takes ${declared.join(' or ')}, not ${given}`, {}, { accept: declared.join(', ') }));
  };
}

/** The media types of the bodies the kit parses (unless `parseJson: false`). */
const PARSED_TYPES = ['application/json', 'application/*+json', 'application/x-www-form-urlencoded'];

/**
 * A body in a content coding its reader does not decode is a 415 (content-coding.ts), before
 * anything reads it: the kit's parsers decode gzip, deflate and br; a body a handler reads
 * itself (multipart, raw bytes) is read as it arrives, so it takes no content coding.
 */
function refuseUndecodedContent(kitParsesBodies: boolean): RequestHandler {
  return (req, _res, next) => {
    const decodes = kitParsesBodies && typeof req.is(PARSED_TYPES) === 'string' ? PARSED_BODY_CODINGS : [];
    next(unsupportedContentCoding(req, decodes));
  };
}

/**
 * A body the kit did not parse (multipart, octet-stream, ...) is still an unread stream: the
 * handler reads and validates it (busboy, raw bytes), so its absence is no validation error.
 * A request without a body (no Content-Length, no Transfer-Encoding) streams nothing, whatever
 * its Content-Type says (type-is answers null for it): a required body is missing.
 */
function bodyIsStreamed(req: Request, kitParsesBodies: boolean): boolean {
  if (!req.headers['content-type']) return false;
  const parsedType = req.is(PARSED_TYPES);
  if (parsedType === null) return false;
  return !(kitParsesBodies && parsedType);
}

function isRequestBodyError(error: ErrorObject): boolean {
  const missing = error.keyword === 'required' && (error.params as { missingProperty?: string }).missingProperty === 'requestBody';
  return missing || error.instancePath.startsWith('/requestBody');
}

/** The problem a refusing security handler threw (as is, or mapped from a domain error), or a generic 401. */
function unauthorizedProblem(c: Context, mapError: MapError | undefined): HttpProblem {
  for (const result of Object.values(c.security ?? {})) {
    const error = (result as { error?: unknown } | undefined)?.error;
    const problem = error instanceof HttpProblem ? error : mapError?.(error);
    if (problem) return problem;
  }
  return new HttpProblem(401, 'Unauthorized', 'Missing or invalid credentials', {}, { 'www-authenticate': 'Bearer' });
}

function asyncRoute(route: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return (req, res, next) => { route(req, res).catch(next); };
}

function requestLogging(logger: Logger): RequestHandler {
  return (req, res, next) => {
    logRequest(logger, req, res);
    next();
  };
}

/** A CORS preflight that the request guard let through; the guard set Allow-Origin when the origin may call. */
const answerPreflight: RequestHandler = (req, res, next) => {
  if (!isCorsPreflight(req)) {
    next();
    return;
  }
  if (res.getHeader('access-control-allow-origin')) {
    res.setHeader('access-control-allow-methods', 'GET, HEAD, PUT, POST, PATCH, DELETE, OPTIONS');
    res.setHeader('access-control-allow-headers', String(req.headers['access-control-request-headers'] ?? '*'));
    res.setHeader('access-control-max-age', '600');
  }
  res.status(204).end();
};

/** Runs each handler, and in tests checks that what it sends as JSON is what the spec declares. */
function wrapHandlers(handlers: Record<string, Handler>, api: OpenAPIBackend, validateResponses: boolean, logger: Logger): Record<string, Handler> {
  const wrapped: Record<string, Handler> = {};
  for (const [operationId, handler] of Object.entries(handlers)) {
    wrapped[operationId] = async (c, req, res) => {
      if (validateResponses) checkJsonResponses(c, res, api, logger);
      await handler(c, req, res);
    };
  }
  return wrapped;
}

function checkJsonResponses(c: Context, res: Response, api: OpenAPIBackend, logger: Logger): void {
  const sendJson = res.json.bind(res);
  res.json = (body: unknown) => {
    const result = api.validateResponse(body, c.operation, res.statusCode);
    if (result.errors?.length) {
      logger.error({ operationId: c.operation.operationId, errors: result.errors }, 'response does not match the spec');
      res.status(500);
      return sendJson({ title: 'Response does not match the spec', operationId: c.operation.operationId, errors: result.errors });
    }
    return sendJson(body);
  };
}

function errorToProblem(logger: Logger, mapError: MapError | undefined) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => answerError(req, res, error, logger, mapError);
}

/**
 * What the client's going away looks like to a handler, said as a warning, or undefined when the
 * error is something else: before its body was read (Node's "aborted"), or its body stalling
 * after listen answered it (http-server.ts), a handler reading the body is told with ECONNRESET;
 * before a streamed answer was all sent (an NDJSON export whose reader stopped), a pipeline into
 * the answer is told with ERR_STREAM_PREMATURE_CLOSE. Nothing failed here, and no one is left to answer.
 */
function clientWentAway(req: IncomingMessage, res: ServerResponse, error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (req.destroyed && code === 'ECONNRESET') return 'the client went away before its request was read';
  if (res.destroyed && !res.writableFinished && code === 'ERR_STREAM_PREMATURE_CLOSE') return 'the client went away before its answer was sent';
  return undefined;
}

/**
 * Every error a request meets ends here, the one place errors become wire errors: an HttpProblem
 * as is, a domain error as the server's mapping makes it, body-parser errors as 4xx, the rest as
 * a logged 500; a client that went away gets nothing, and a warning is logged, not an error.
 * Routes ahead of express pass their server's mapping themselves.
 */
export function answerError(req: IncomingMessage, res: ServerResponse, error: unknown, logger: Logger, mapError?: MapError): void {
  const wentAway = error instanceof HttpProblem ? undefined : clientWentAway(req, res, error);
  if (wentAway) {
    logger.warn({ reqId: req.id ?? res.getHeader('x-request-id'), reason: (error as Error).message }, wentAway);
    res.destroy();
    return;
  }
  const problem = problemOf(error, mapError);
  if (problem === INTERNAL_ERROR) logger.error({ err: error, reqId: req.id ?? res.getHeader('x-request-id') }, 'unhandled error');
  try {
    sendProblem(req, res, problem);
  } catch (sendError) {
    // A problem HTTP cannot carry (a header value beyond Latin-1) is a bug of the server; it still
    // gets a problem, not express's HTML page, which would show the stack.
    logger.error({ err: sendError, reqId: req.id ?? res.getHeader('x-request-id') }, 'the problem could not be sent');
    for (const name of Object.keys(problem.headers)) res.removeHeader(name);
    sendProblem(req, res, INTERNAL_ERROR);
  }
}

const INTERNAL_ERROR = new HttpProblem(500, 'Internal Server Error', 'The server hit an unexpected error; see its log for this request id.');

/** The problem an error is answered with. */
function problemOf(error: unknown, mapError: MapError | undefined): HttpProblem {
  if (error instanceof HttpProblem) return error;
  const mapped = mapError?.(error);
  if (mapped) return mapped;
  const bodyError = error as { type?: string; status?: number; message?: string; body?: unknown };
  if (bodyError.type === 'entity.too.large') return new HttpProblem(413, 'Payload Too Large', bodyError.message);
  // body-parser's message quotes the body; only where it breaks is said.
  if (bodyError.type === 'entity.parse.failed') return new HttpProblem(400, 'Malformed JSON', `The body is not valid JSON: ${jsonSyntaxError(String(bodyError.body ?? ''))}`);
  if (bodyError.status && bodyError.status >= 400 && bodyError.status < 500) {
    return new HttpProblem(bodyError.status, STATUS_CODES[bodyError.status] ?? 'Bad Request', bodyError.message);
  }
  return INTERNAL_ERROR;
}
