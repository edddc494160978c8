import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { PayloadError } from './event-record';
import { re2RegExp } from './re2-regexp';
import { isUrl } from './url-format';

/** ajv's reports are kept to this many per delivery. */
const MAX_ERRORS = 20;

/** What a body's check found: valid, or the first errors, in words; or, valid null, that it never ended. */
export interface PayloadJudgement {
  valid: boolean | null;
  errors: PayloadError[];
  /** Why the body was never judged (its check was stopped, or never started); null once judged. */
  notJudged: string | null;
}

/** One body for the worker thread to judge: the schema by its id, with the schema itself the first time that worker gets it. */
export interface PayloadCheckRequest {
  schemaId: number;
  schema?: Record<string, unknown>;
  json: unknown;
}

/** What the worker thread says once its modules are loaded: a check's time is counted from then on. */
export const WORKER_READY = 'ready';

/**
 * The ajv that judges payloads (OpenAPI 3.0 schemas are JSON Schema plus `nullable`, which ajv
 * knows, and annotations it ignores). Patterns run on RE2: a client's schema must not be able to
 * stall the process with one (re2-regexp.ts).
 */
export function payloadAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false, code: { regExp: re2RegExp } });
  addFormats(ajv);
  // ajv-formats' url backtracks for quadratic time on a sender's string: the same check on RE2.
  ajv.addFormat('url', isUrl);
  return ajv;
}

/**
 * Why a compiled schema cannot judge bodies as they arrive, if it cannot: ajv makes a
 * `$async: true` schema a validator that returns a promise, which reads as valid whatever the
 * body and rejects, unhandled, when it is not.
 */
export function asyncSchemaProblem(validate: ValidateFunction): string | undefined {
  return validate.schemaEnv.$async ? 'the schema is "$async": true, and deliveries are checked as they arrive; remove $async' : undefined;
}

/** A body judged not valid as a whole, for `message`: what it is. */
export function notValid(message: string): PayloadJudgement {
  return { valid: false, errors: [{ path: '', message }], notJudged: null };
}

/** A body no verdict was reached on, valid or not, for `reason`: its check never ended, or its schema could not judge it. */
export function notJudged(reason: string): PayloadJudgement {
  return { valid: null, errors: [], notJudged: reason };
}

function describe(error: { instancePath: string; message?: string; params: Record<string, unknown> }): PayloadError {
  const extra = typeof error.params.additionalProperty === 'string' ? `: ${error.params.additionalProperty}`
    : Array.isArray(error.params.allowedValues) ? `: ${error.params.allowedValues.map(String).join(', ')}` : '';
  return { path: error.instancePath, message: `${error.message ?? 'is invalid'}${extra}` };
}

/** allOf branches report a missing property once each: say it once. */
function distinct(errors: PayloadError[]): PayloadError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.path}\n${error.message}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

/** One body judged by a compiled schema; whatever the schema does, the answer is a judgement. */
export function judgePayload(validate: ValidateFunction, json: unknown): PayloadJudgement {
  let valid: boolean;
  try {
    valid = validate(json) as boolean;
  } catch (error) {
    // The delivery is stored whatever its schema does: one whose $ref leads back to it without
    // reading further into the body ({"$ref": "#"}) recurses until the stack runs out. Either way
    // the schema, not the body, failed: no verdict was reached.
    const reason = error instanceof RangeError ? 'the schema refers back to itself without reading further into the body, so checking it never ends' : `the schema could not be checked: ${(error as Error).message}`;
    return notJudged(reason);
  }
  if (valid) return { valid: true, errors: [], notJudged: null };
  return { valid: false, errors: distinct((validate.errors ?? []).map(describe)).slice(0, MAX_ERRORS), notJudged: null };
}
