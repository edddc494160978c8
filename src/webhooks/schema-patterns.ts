/** Keywords whose value is one subschema (JSON Schema draft-07 to 2020-12, OpenAPI 3.0). */
const SCHEMA_KEYWORDS = ['not', 'if', 'then', 'else', 'items', 'additionalItems', 'additionalProperties', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'contentSchema'];
/** Keywords whose value is an array of subschemas. */
const SCHEMA_ARRAY_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
/** Keywords whose value maps names to subschemas. */
const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas', 'dependencies'];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Every regular expression a schema holds: each `pattern` and each `patternProperties` name, in
 * every subschema, including those ajv never compiles (an unreferenced definition, a pattern
 * whose subschema accepts anything). Values of other keywords (`enum`, `const`, `default`) are
 * data, not schemas, so a `pattern` inside them is not one.
 */
export function schemaPatterns(schema: Json): string[] {
  const patterns: string[] = [];
  const seen = new Set<Json>();
  // A stack, not recursion: a dereferenced OpenAPI schema may nest as deep as ajv allows.
  const pending: unknown[] = [schema];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!isObject(node) || seen.has(node)) continue;
    seen.add(node);
    if (typeof node.pattern === 'string') patterns.push(node.pattern);
    if (isObject(node.patternProperties)) for (const name of Object.keys(node.patternProperties)) patterns.push(name);
    for (const keyword of SCHEMA_KEYWORDS) pending.push(node[keyword]);
    for (const keyword of SCHEMA_ARRAY_KEYWORDS) {
      const value = node[keyword];
      if (Array.isArray(value)) for (const item of value) pending.push(item);
    }
    for (const keyword of SCHEMA_MAP_KEYWORDS) {
      const value = node[keyword];
      if (isObject(value)) for (const item of Object.values(value)) pending.push(item);
    }
  }
  return patterns;
}
