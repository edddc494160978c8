/** Keywords whose value is one subschema (JSON Schema draft-07 to 2020-12, OpenAPI 3.0). */
const SCHEMA_KEYWORDS = ['not', 'if', 'then', 'else', 'items', 'additionalItems', 'additionalProperties', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'contentSchema'];
/** Keywords whose value is an array of subschemas. */
const SCHEMA_ARRAY_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
/** Keywords whose value maps names to subschemas. */
const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas', 'dependencies'];

export type JsonSchema = Record<string, unknown>;
const isObject = (value: unknown): value is JsonSchema => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The subschemas a schema holds itself (not theirs), each with the keyword it is under. */
export function childSchemas(node: JsonSchema): Array<[keyword: string, schema: JsonSchema]> {
  const children: Array<[string, JsonSchema]> = [];
  const add = (keyword: string, value: unknown) => {
    if (isObject(value)) children.push([keyword, value]);
  };
  for (const keyword of SCHEMA_KEYWORDS) add(keyword, node[keyword]);
  for (const keyword of SCHEMA_ARRAY_KEYWORDS) {
    const value = node[keyword];
    if (Array.isArray(value)) for (const item of value) add(keyword, item);
  }
  for (const keyword of SCHEMA_MAP_KEYWORDS) {
    const value = node[keyword];
    if (isObject(value)) for (const item of Object.values(value)) add(keyword, item);
  }
  return children;
}

/**
 * A schema and every subschema it holds, each once, including those ajv never compiles (an
 * unreferenced definition, a subschema under one that accepts anything). Values of other
 * keywords (`enum`, `const`, `default`) are data, not schemas, so an object inside them is not one.
 */
export function subschemasOf(schema: JsonSchema): JsonSchema[] {
  const found: JsonSchema[] = [];
  const seen = new Set<JsonSchema>();
  // A stack, not recursion: a dereferenced OpenAPI schema may nest as deep as ajv allows.
  const pending: JsonSchema[] = [schema];
  while (pending.length > 0) {
    const node = pending.pop() as JsonSchema;
    if (seen.has(node)) continue;
    seen.add(node);
    found.push(node);
    for (const [, child] of childSchemas(node)) pending.push(child);
  }
  return found;
}
