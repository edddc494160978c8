import { subschemasOf, type JsonSchema } from './schema-walk';

/**
 * Every regular expression a schema holds: each `pattern` and each `patternProperties` name, in
 * every subschema (schema-walk.ts), including those ajv never compiles.
 */
export function schemaPatterns(schema: JsonSchema): string[] {
  const patterns: string[] = [];
  for (const node of subschemasOf(schema)) {
    if (typeof node.pattern === 'string') patterns.push(node.pattern);
    const names = node.patternProperties;
    if (names !== null && typeof names === 'object' && !Array.isArray(names)) patterns.push(...Object.keys(names));
  }
  return patterns;
}
