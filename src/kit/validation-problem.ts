import type { ErrorObject } from 'ajv';
import { HttpProblem } from './problem';

export interface FieldError {
  field: string;
  message: string;
}

/** What a form field or query parameter sent more than once where the operation takes one value is told. */
export const REPEATED = 'must be given once';

/**
 * openapi-backend validates one composite object {path, query, headers, requestBody}; ajv's
 * instancePath points into it. Turn each error into a field name a person recognises:
 * `/query/limit` -> `query.limit`, `/requestBody/metadata` -> `body.metadata`. Of an urlencoded
 * `form`, a field the parser made a list because it came twice fails its type as repeated.
 */
export function fieldErrors(errors: ErrorObject[] | null | undefined, form?: Record<string, unknown>): FieldError[] {
  return (errors ?? []).map((error) => {
    const segments = error.instancePath.split('/').filter(Boolean);
    if (error.keyword === 'required') segments.push(String((error.params as { missingProperty: string }).missingProperty));
    if (error.keyword === 'additionalProperties') segments.push(String((error.params as { additionalProperty: string }).additionalProperty));
    const repeated = error.keyword === 'type' && segments.length === 2 && segments[0] === 'requestBody' && Array.isArray(form?.[segments[1]]);
    if (segments[0] === 'requestBody') segments[0] = 'body';
    const message = repeated ? REPEATED : error.keyword === 'additionalProperties' ? 'is not allowed' : error.keyword === 'required' ? 'is required' : (refusedValues(error) ?? error.message ?? 'is invalid');
    return { field: segments.join('.') || 'request', message };
  });
}

/** A `not: {enum: [...]}` broken (reserved names): ajv's own words, "must NOT be valid", say nothing of why. */
function refusedValues(error: ErrorObject): string | undefined {
  const refused = error.keyword === 'not' ? (error.schema as { enum?: unknown } | undefined)?.enum : undefined;
  return Array.isArray(refused) ? `must not be any of: ${refused.map(String).join(', ')}` : undefined;
}

function fieldsProblem(list: FieldError[]): HttpProblem {
  const detail = list.map((e) => `${e.field} ${e.message}`).join('; ');
  return new HttpProblem(400, 'Request validation failed', detail, { errors: list });
}

/** The 400 for a request the spec refuses; `form` is its urlencoded body, if it has one. */
export function validationProblem(errors: ErrorObject[] | null | undefined, form?: Record<string, unknown>): HttpProblem {
  return fieldsProblem(fieldErrors(errors, form));
}

/**
 * The 400 for a form field sent more than once where one value is taken, worded as the spec's
 * check words it for an urlencoded form: a handler that reads a multipart form itself answers
 * a repeated field the same way.
 */
export function repeatedFieldProblem(name: string): HttpProblem {
  return fieldsProblem([{ field: `body.${name}`, message: REPEATED }]);
}
