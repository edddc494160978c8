/**
 * A fast-check arbitrary of HTTP requests for one OpenAPI operation: about one in four follows
 * the spec in every part, the rest break it somewhere — a parameter of the wrong type or past
 * its bounds, a required one missing, unknown or repeated ones added, percent-encoding garbage
 * in the path, a body of the wrong media type, cut short, nested too deep or not UTF-8, a
 * hostile Host or Origin, a broken bearer token. See tests/fuzz/specs.test.ts for the property.
 */
import fc from 'fast-check';
import { hostileValue, urlGarbage, Verbatim } from './hostile-values';
import { bodyArbitrary } from './body-arbitraries';
import { SchemaArbitraries, type Schema } from './schema-arbitraries';
import type { Parameter, SpecOperation } from './spec-operations';
import { headerValue, urlComponent } from './wire-encodings';

export interface FuzzRequest {
  method: string;
  /** The request target exactly as sent (latin1: Node writes each character as one byte). */
  target: string;
  headers: Array<[string, string]>;
  body?: Buffer;
  /** `length`: Content-Length; `chunked`: chunked transfer coding; `cut`: a Content-Length longer than what is sent, then the connection drops. */
  framing: 'length' | 'chunked' | 'cut';
  /** `own`: 127.0.0.1:<port>; `none`: no Host header; else the Host sent (`{port}` is filled in). */
  host: string;
  /** The Host names neither loopback nor a configured name: the server must refuse it (403). */
  hostileHost: boolean;
  /** The Origin is a page the server does not trust. */
  hostileOrigin: boolean;
  /** The path carries garbage or dot segments, so it may have left the operation's route. */
  pathGarbled: boolean;
}

export interface RequestOptions {
  /** Bytes for `format: binary` values (the files of uploads). */
  files: fc.Arbitrary<Buffer>;
  /** Bearer tokens for operations that require one: valid ones mostly, some broken. */
  bearerTokens?: fc.Arbitrary<string>;
  /** Headers the server reads beyond those the spec declares (S3's `x-amz-*`), with plausible values. */
  extraHeaders?: Record<string, string[]>;
  /**
   * By operationId, schemas that replace a parameter's or a body property's (`response.delay_ms`)
   * for generation: where a valid value is a workload (a stress test's count, a delivery's
   * delay), a smaller range keeps the run bounded.
   */
  overrides?: Record<string, Record<string, Schema>>;
}

const LOOPBACK_HOSTS = ['localhost:{port}', '127.0.0.1', '[::1]:{port}'];
const HOSTILE_HOSTS = ['evil.example', 'evil.example:{port}', '127.0.0.1.nip.io:{port}', 'localhost.evil.example', 'xn--80ak6aa92e.com'];
const TRUSTED_ORIGINS = ['http://localhost:3000', 'http://127.0.0.1:8080'];
const HOSTILE_ORIGINS = ['https://evil.example', 'null', 'http://localhost.evil.example', 'http://127.0.0.1.nip.io'];

export function requestArbitrary(operation: SpecOperation, options: RequestOptions): fc.Arbitrary<FuzzRequest> {
  const schemas = new SchemaArbitraries(options.files);
  const overrides = options.overrides?.[operation.operationId] ?? {};
  const requests = (fuzz: boolean) => {
    const value = (p: Parameter) => {
      const schema = overrides[p.name] ?? p.schema;
      return fuzz ? schemas.fuzzed(schema) : schemas.valid(schema);
    };
    return fc.record({
      path: pathArbitrary(operation, value, fuzz),
      query: queryArbitrary(operation, value, fuzz),
      headers: headersArbitrary(operation, value, fuzz, options),
      body: bodyArbitrary(operation, schemas, fuzz, overrides),
      host: fuzz ? fc.oneof({ weight: 8, arbitrary: fc.constant('own') }, { weight: 1, arbitrary: fc.constantFrom(...LOOPBACK_HOSTS, 'none') }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_HOSTS) }) : fc.constant('own'),
      origin: fuzz ? fc.option(fc.constantFrom(...TRUSTED_ORIGINS, ...HOSTILE_ORIGINS), { freq: 6 }) : fc.constant(null),
    }).map(({ path, query, headers, body, host, origin }) => {
      const allHeaders = [...headers, ...body.headers];
      if (origin !== null) allHeaders.push(['origin', origin]);
      const request: FuzzRequest = {
        method: operation.method,
        target: query ? `${path.path}?${query}` : path.path,
        headers: allHeaders,
        body: body.bytes,
        framing: body.framing,
        host,
        hostileHost: HOSTILE_HOSTS.includes(host),
        hostileOrigin: origin !== null && HOSTILE_ORIGINS.includes(origin),
        pathGarbled: path.garbled,
      };
      // fast-check prints a failing request this way: readable, and short whatever the body.
      Object.defineProperty(request, fc.toStringMethod, { value: () => describeRequest(request) });
      return request;
    });
  };
  return fc.oneof({ weight: 1, arbitrary: requests(false) }, { weight: 3, arbitrary: requests(true) });
}

type ValueOf = (p: Parameter) => fc.Arbitrary<unknown>;

/** The path with each `{name}` filled in, percent-encoded; fuzzed paths may carry garbage or dot segments. */
function pathArbitrary(operation: SpecOperation, value: ValueOf, fuzz: boolean): fc.Arbitrary<{ path: string; garbled: boolean }> {
  const names = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const parameter = (name: string) => operation.parameters.find((p) => p.in === 'path' && p.name === name) ?? { name, in: 'path' as const };
  const segment = (p: Parameter) => (fuzz ? fc.oneof({ weight: 6, arbitrary: value(p) }, { weight: 1, arbitrary: urlGarbage }) : value(p));
  const tail = fuzz ? fc.option(fc.constantFrom('/', '//', '/..', '/./x', '/%2e%2e/%2e%2e', '%00', '/%ff'), { freq: 8 }) : fc.constant(null);
  return fc.tuple(fc.tuple(...names.map((name) => segment(parameter(name)))), tail).map(([values, extra]) => ({
    path: names.reduce((path, name, i) => path.replace(`{${name}}`, urlComponent(values[i]) || '%20'), operation.path) + (extra ?? ''),
    garbled: extra !== null || values.some((v) => v instanceof Verbatim),
  }));
}

/** Flags, then the parameters (required ones always when valid); fuzzed queries drop, repeat and add names. */
function queryArbitrary(operation: SpecOperation, value: ValueOf, fuzz: boolean): fc.Arbitrary<string> {
  const declared = operation.parameters.filter((p) => p.in === 'query');
  const pair = (p: Parameter) => value(p).map((v) => `${urlComponent(p.name)}=${urlComponent(v)}`);
  const entries = declared.map((p) => {
    const repeated = fuzz ? fc.array(pair(p), { minLength: 1, maxLength: 3 }).map((pairs) => pairs.join('&')) : pair(p);
    return p.required && !fuzz ? repeated : fc.option(repeated, { freq: p.required ? 8 : 2 });
  });
  const unknown = fuzz
    ? fc.array(fc.tuple(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'a[b]', '')), fc.oneof(fc.string({ maxLength: 8 }), hostileValue))
      .map(([name, v]) => `${urlComponent(name)}=${urlComponent(v)}`), { maxLength: 2 })
    : fc.constant([]);
  return fc.tuple(fc.tuple(...entries), unknown).map(([given, extra]) =>
    [...operation.flags, ...given.filter((e): e is string => e !== null), ...extra].join('&'));
}

/** Declared header parameters, the server's extra headers, and the bearer token where one is required. */
function headersArbitrary(operation: SpecOperation, value: ValueOf, fuzz: boolean, options: RequestOptions): fc.Arbitrary<Array<[string, string]>> {
  const declared = operation.parameters.filter((p) => p.in === 'header').map((p) => {
    const header = value(p).map((v): [string, string] => [p.name, headerValue(v)]);
    return p.required && !fuzz ? header.map((h) => [h]) : fc.option(header, { freq: 2 }).map((h) => (h ? [h] : []));
  });
  const extra = fuzz && options.extraHeaders ? extraHeaders(options.extraHeaders) : fc.constant([]);
  const bearer = operation.bearer && options.bearerTokens
    ? (fuzz ? fc.option(options.bearerTokens.map((t) => `Bearer ${t}`), { freq: 8 }) : options.bearerTokens.map((t) => `Bearer ${t}`))
      .map((auth) => (auth === null ? [] : [['authorization', headerValue(auth)] as [string, string]]))
    : fc.constant([]);
  return fc.tuple(fc.tuple(...declared), extra, bearer).map(([given, more, auth]) => [...given.flat(), ...more, ...auth]);
}

function extraHeaders(known: Record<string, string[]>): fc.Arbitrary<Array<[string, string]>> {
  const header = fc.oneof(...Object.entries(known).map(([name, plausible]) =>
    fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...plausible) }, { weight: 1, arbitrary: fc.oneof(hostileValue, fc.string({ maxLength: 20 })) })
      .map((v): [string, string] => [name, headerValue(v)])));
  return fc.array(header, { maxLength: 3 });
}

function describeRequest(request: FuzzRequest): string {
  const clip = (text: string, most = 400) => (text.length > most ? `${text.slice(0, most)}... (${text.length} characters)` : text);
  const body = request.body ? `${request.body.length} bytes, ${request.framing}: ${clip(JSON.stringify(request.body.toString('latin1')))}` : 'none';
  return `${request.method} ${clip(JSON.stringify(request.target))} Host: ${request.host}\n  headers: ${clip(JSON.stringify(request.headers))}\n  body: ${body}`;
}
