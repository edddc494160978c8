/**
 * The operations of a dereferenced OpenAPI 3.0.3 document (as each server serves it at
 * /openapi.json), flattened into what a request needs: method, path, parameters, body media
 * types, security and the statuses it declares.
 */
import type { Schema } from './schema-arbitraries';

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
  example?: unknown;
}

export interface MediaType {
  schema?: Schema;
  example?: unknown;
}

export interface SpecOperation {
  operationId: string;
  method: string;
  /** The path template, without the query flags a path key may carry (`/{bucket}` of `/{bucket}?tagging`). */
  path: string;
  /** Query flags of the path key that are not declared parameters, sent as written (`tagging`, `x-id=CopyObject`). */
  flags: string[];
  parameters: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, unknown>;
  /** The operation (or the document) requires an HTTP bearer token. */
  bearer: boolean;
  /** `x-standin-dispatch`: who serves it when not openapi-backend (`s3`: the S3 protocol router). */
  dispatch?: string;
}

interface OperationObject {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: SpecOperation['requestBody'];
  responses?: Record<string, unknown>;
  security?: Array<Record<string, unknown>>;
  'x-standin-dispatch'?: string;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  security?: Array<Record<string, unknown>>;
  components?: { securitySchemes?: Record<string, { type?: string; scheme?: string }> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export function specOperations(spec: OpenApiDocument): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [pathKey, item] of Object.entries(spec.paths)) {
    const [path, query = ''] = pathKey.split('?');
    for (const method of METHODS.filter((m) => item[m])) {
      const operation = item[method] as OperationObject;
      const parameters = withExamples([...((item.parameters as Parameter[] | undefined) ?? []), ...(operation.parameters ?? [])]);
      const declared = new Set(parameters.map((p) => p.name));
      const requirements = operation.security ?? spec.security ?? [];
      operations.push({
        operationId: operation.operationId ?? `${method} ${pathKey}`,
        method: method.toUpperCase(),
        path,
        flags: query.split('&').filter((flag) => flag && !declared.has(flag.split('=')[0])),
        parameters,
        requestBody: operation.requestBody,
        responses: operation.responses ?? {},
        bearer: requirements.some((r) => Object.keys(r).some((name) => isBearer(spec, name))),
        dispatch: operation['x-standin-dispatch'],
      });
    }
  }
  return operations;
}

/** A parameter's own example is the schema's example for the generator. */
function withExamples(parameters: Parameter[]): Parameter[] {
  return parameters.map((p) => (p.example === undefined ? p : { ...p, schema: { ...p.schema, example: p.example } }));
}

function isBearer(spec: OpenApiDocument, scheme: string): boolean {
  const declared = spec.components?.securitySchemes?.[scheme];
  return declared?.type === 'http' && declared.scheme?.toLowerCase() === 'bearer';
}

/** `status` is among the operation's responses: by code, by range (`5XX`) or as `default`. */
export function declaresStatus(operation: SpecOperation, status: number): boolean {
  const codes = Object.keys(operation.responses);
  return codes.includes(String(status)) || codes.includes(`${String(status)[0]}XX`) || codes.includes('default');
}
