/**
 * Every operation a spec declares is answered on purpose: by a handler keyed by its operationId,
 * by a route ahead of the OpenAPI router (a page, an event stream, a raw protocol), or from the
 * spec's examples by Prism because the server says so. Anything else stops the server at start,
 * naming the operation, so no operation is left to Prism by accident.
 */
import type { Document } from 'openapi-backend';

export interface OperationRoutes {
  handlers: readonly string[];
  servedAhead: readonly string[];
  fromPrism: readonly string[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The kit serves GET /health itself (create-server.ts). */
const KIT_ROUTES = new Set(['get /health']);

function declaredOperations(definition: Document): { operationId: string; route: string }[] {
  const operations: { operationId: string; route: string }[] = [];
  for (const [path, item] of Object.entries(definition.paths ?? {})) {
    for (const method of METHODS) {
      const operationId = (item as Record<string, { operationId?: string } | undefined>)?.[method]?.operationId;
      if (operationId) operations.push({ operationId, route: `${method} ${path}` });
    }
  }
  return operations;
}

export function checkOperationCoverage(definition: Document, routes: OperationRoutes): void {
  const declared = declaredOperations(definition);
  const declaredIds = new Set(declared.map((operation) => operation.operationId));
  const answered = new Set([...routes.handlers, ...routes.servedAhead, ...routes.fromPrism]);
  const problems = [
    ...declared
      .filter((operation) => !answered.has(operation.operationId) && !KIT_ROUTES.has(operation.route))
      .map((operation) => `${operation.operationId} (${operation.route}) has no handler; add one, or list it in servedAhead or fromPrism`),
    ...[...answered].filter((operationId) => !declaredIds.has(operationId)).map((operationId) => `${operationId} is not an operation of the spec`),
  ];
  if (problems.length > 0) throw new Error(`${definition.info.title}:\n  - ${problems.join('\n  - ')}`);
}
