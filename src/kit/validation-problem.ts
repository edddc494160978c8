import type { ErrorObject } from 'ajv';
import { HttpProblem } from './problem';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * openapi-backend validates one composite object {path, query, headers, requestBody}; ajv's
 * instancePath points into it. Turn each error into a field name a person recognises:
 * `/query/limit` -> `query.limit`, `/requestBody/metadata` -> `body.metadata`.
 */
export function fieldErrors(errors: ErrorObject[] | null | undefined): FieldError[] {
  return (errors ?? []).map((error) => {
    const segments = error.instancePath.split('/').filter(Boolean);
    if (error.keyword === 'required') segments.push(String((error.params as { missingProperty: string }).missingProperty));
    if (error.keyword === 'additionalProperties') segments.push(String((error.params as { additionalProperty: string }).additionalProperty));
    if (segments[0] === 'requestBody') segments[0] = 'body';
    const message = error.keyword === 'additionalProperties' ? 'is not allowed' : error.keyword === 'required' ? 'is required' : (error.message ?? 'is invalid');
    return { field: segments.join('.') || 'request', message };
  });
}

export function validationProblem(errors: ErrorObject[] | null | undefined): HttpProblem {
  const list = fieldErrors(errors);
  const detail = list.map((e) => `${e.field} ${e.message}`).join('; ');
  return new HttpProblem(400, 'Request validation failed', detail, { errors: list });
}
