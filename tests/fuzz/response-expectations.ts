/**
 * What every answer to a generated request must be (docs/ARCHITECTURE.md, "Tests"):
 * no 5xx the operation does not declare; the request guard's 403 for a hostile Host, and for a
 * hostile Origin where the route guards origins; and an error the client can read — S3's XML
 * error document from S3 protocol operations, RFC 9457 problem+json from everything else.
 */
import type { FuzzResponse } from './fuzz-client';
import type { FuzzRequest } from './spec-arbitraries';
import { declaresStatus, type SpecOperation } from './spec-operations';

export interface RoutePolicy {
  /** The route refuses state-changing requests from untrusted origins (the kit's `guard` policy). */
  guardsOrigin: boolean;
  /**
   * How its errors are written; `either` when a garbled path may have reached another server's
   * route; `oauth` for OAuth endpoints: RFC 6749 JSON (`error`), or an HTML error page for a
   * browser that cannot be sent back to the client, or a problem (the kit's and the router's).
   */
  errors: 's3' | 'problem' | 'either' | 'oauth';
  /**
   * Operations that may have served the request instead: S3 names an operation by its query
   * flags and headers, which the fuzzer drops and adds, so a 5xx any of them declares is declared.
   */
  alternatives: SpecOperation[];
}

const STATE_CHANGING = ['POST', 'PUT', 'PATCH', 'DELETE'];
/** Titles of the problems src/kit answers ahead of every server: the request guard's, and Node's own refusals it rewrites. */
const PARSER_REFUSAL = 'The HTTP request could not be parsed';
const KIT_REFUSALS = ['Host Not Allowed', 'Origin Not Allowed', 'Host Required', 'Expectation Failed'];

/** What is wrong with `response` as the answer to `request`; empty when nothing is. */
export function violations(operation: SpecOperation, route: RoutePolicy, request: FuzzRequest, response: FuzzResponse | undefined): string[] {
  // A body cut short may rightly go unanswered: the server is still waiting for the rest.
  if (response === undefined) return [];
  const { status } = response;
  const found: string[] = [];
  if (status >= 500 && ![operation, ...route.alternatives].some((op) => declaresStatus(op, status))) {
    found.push(`answered ${status}, which the spec does not declare for ${operation.operationId}`);
  }
  const refusal = expectedRefusal(route, request);
  if (refusal && status !== refusal.status && !answeredBeforeTheApp(request, response)) found.push(`answered ${status} to ${refusal.what}, not ${refusal.status}`);
  if (status >= 400 && request.method !== 'HEAD') found.push(...errorBodyViolations(route, request, response));
  return found;
}

/** The refusal the request guard owes this request, if any. */
function expectedRefusal(route: RoutePolicy, request: FuzzRequest): { status: number; what: string } | undefined {
  if (request.host === 'none') return { status: 400, what: 'an HTTP/1.1 request without Host' };
  // listen refuses a target with a fragment before the guard reads Host or Origin (src/kit/request-target.ts).
  if (request.target.includes('#')) return { status: 400, what: 'a request target with a fragment' };
  if (request.hostileHost) return { status: 403, what: `Host ${request.host}` };
  if (request.hostileOrigin && route.guardsOrigin && STATE_CHANGING.includes(request.method)) return { status: 403, what: `a ${request.method} from an untrusted Origin` };
  return undefined;
}

/**
 * Node's HTTP parser, and the kit's 417 for an Expect it cannot meet, answer before the request
 * guard and the app: without the request id the app gives every answer (x-request-id, or S3's
 * x-amz-request-id; a HEAD's has no body to tell).
 */
function answeredBeforeTheApp(request: FuzzRequest, response: FuzzResponse): boolean {
  const problem = problemIn(response);
  if (String(problem?.detail).startsWith(PARSER_REFUSAL) || problem?.title === 'Expectation Failed') return true;
  // The S3 mock words the parser's refusal as S3 does (src/handlers/s3/protocol-answers.ts).
  if (isS3Error(response) && response.body.toString('utf8').includes(`<Message>${PARSER_REFUSAL}`)) return true;
  return request.method === 'HEAD' && response.headers['x-request-id'] === undefined && response.headers['x-amz-request-id'] === undefined;
}

function errorBodyViolations(route: RoutePolicy, request: FuzzRequest, response: FuzzResponse): string[] {
  const problem = problemIn(response);
  // The kit answers these before any server in problem+json; S3's routes get them as S3 errors.
  if ((route.errors !== 's3' && KIT_REFUSALS.includes(String(problem?.title))) || answeredBeforeTheApp(request, response)) return [];
  const s3Error = isS3Error(response);
  if (route.errors === 's3' && !s3Error) return [`answered ${response.status} without an S3 XML error document: ${describe(response)}`];
  if (route.errors === 'problem' && !problem) return [`answered ${response.status} without application/problem+json: ${describe(response)}`];
  if (route.errors === 'either' && !problem && !s3Error) return [`answered ${response.status} with neither an S3 error nor problem+json: ${describe(response)}`];
  if (route.errors === 'oauth' && !problem && !isOAuthError(response) && !isHtmlPage(response)) {
    return [`answered ${response.status} with neither an OAuth error, an HTML error page nor problem+json: ${describe(response)}`];
  }
  if (problem && (problem.status !== response.status || typeof problem.title !== 'string')) {
    return [`answered ${response.status} with a problem whose status is ${String(problem.status)} and title ${String(problem.title)}`];
  }
  return [];
}

function describe(response: FuzzResponse): string {
  return `(Content-Type: ${response.headers['content-type'] ?? 'none'}) ${response.body.toString('utf8').slice(0, 300)}`;
}

function isOAuthError(response: FuzzResponse): boolean {
  if (!String(response.headers['content-type']).startsWith('application/json')) return false;
  try {
    return typeof (JSON.parse(response.body.toString('utf8')) as { error?: unknown }).error === 'string';
  } catch {
    return false;
  }
}

function isHtmlPage(response: FuzzResponse): boolean {
  return String(response.headers['content-type']).startsWith('text/html') && response.body.length > 0;
}

function isS3Error(response: FuzzResponse): boolean {
  return String(response.headers['content-type']).startsWith('application/xml') && /<Error>[\s\S]*<Code>[^<]+<\/Code>/.test(response.body.toString('utf8'));
}

interface ProblemBody {
  status?: unknown;
  title?: unknown;
  detail?: unknown;
}

function problemIn(response: FuzzResponse): ProblemBody | undefined {
  if (!String(response.headers['content-type']).startsWith('application/problem+json')) return undefined;
  try {
    const parsed: unknown = JSON.parse(response.body.toString('utf8'));
    return parsed !== null && typeof parsed === 'object' ? (parsed as ProblemBody) : undefined;
  } catch {
    return undefined;
  }
}
