import type { ErrorObject } from 'ajv';
import type { OpenAPIBackend, Operation, ParsedRequest } from 'openapi-backend';
import { REPEATED } from './validation-problem';

/**
 * An integer in a query, path or header parameter is written in decimal digits, a minus sign
 * before a negative one. ajv's type coercion reads a parameter's text as JavaScript's Number()
 * does, so without this check `?limit=1e2`, `0x10`, `5.0`, `+5` or ` 5` passed as numbers.
 */
const DECIMAL_INTEGER = /^-?[0-9]+$/;

type ParameterPlace = 'query' | 'path' | 'header';

/** A parameter of the dereferenced spec, as much of it as is checked here. */
interface Parameter {
  name: string;
  in: string;
  schema?: { type?: string };
}

/**
 * Makes openapi-backend's request validation also check what ajv's coercion does not: an integer
 * parameter written other than in decimal digits, and a query parameter given more than once where
 * the operation takes one value (ajv would say only that a list is not its type). Each such
 * parameter gets one error, in place of what ajv said of it; every server's requests are
 * validated here, so all of them answer these the same 400.
 */
export function checkParameterSyntax(api: OpenAPIBackend): void {
  const validateRequest = api.validator.validateRequest.bind(api.validator);
  api.validator.validateRequest = (req, operation) => {
    const result = validateRequest(req, operation);
    const matched = typeof operation === 'object' ? operation : typeof operation === 'string' ? api.router.getOperation(operation) : api.router.matchOperation(req);
    if (matched === undefined) return result;
    const syntaxErrors = parameterSyntaxErrors(matched, api.router.parseRequest(req, matched));
    if (syntaxErrors.length === 0) return result;
    const refused = new Set(syntaxErrors.map((error) => error.instancePath));
    const others = (result.errors ?? []).filter((error) => !refused.has(error.instancePath));
    return { ...result, valid: false, errors: [...others, ...syntaxErrors] };
  };
}

function parameterSyntaxErrors(operation: Operation, request: ParsedRequest): ErrorObject[] {
  const values: Record<ParameterPlace, Record<string, unknown>> = { query: request.query, path: request.params, header: request.headers };
  const errors: ErrorObject[] = [];
  for (const parameter of (operation.parameters ?? []) as Parameter[]) {
    if (!(parameter.in in values)) continue;
    const place = parameter.in as ParameterPlace;
    // Header names are matched in lower case, as openapi-backend validates them.
    const name = place === 'header' ? parameter.name.toLowerCase() : parameter.name;
    const value = values[place][name];
    const type = parameter.schema?.type;
    const error = (message: string, keyword: string) => ({ instancePath: `/${place}/${name}`, schemaPath: `#/properties/${place}/properties/${name}`, keyword, params: {}, message });
    if (place === 'query' && Array.isArray(value) && type !== 'array') errors.push(error(REPEATED, 'repeated'));
    else if (type === 'integer' && typeof value === 'string' && !DECIMAL_INTEGER.test(value)) errors.push(error('must be integer', 'type'));
  }
  return errors;
}
