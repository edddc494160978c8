import { childSchemas, type JsonSchema } from './schema-walk';

/**
 * What a body's check may cost, told before it runs, so that only a check known to be quick
 * runs in the thread that serves every request (payload-checker.ts); any other runs in a worker
 * thread under a time limit (payload-check-thread.ts).
 *
 * Without `$ref` a schema is a tree, and each of its subschemas judges each body value at its
 * depth at most once: the work is at most, over the body's values, the subschemas at that
 * value's depth (an `enum` counting once per value it lists). Measured on ajv: a failing anyOf
 * of 1000 branches judging 2000 array items (2 million judgements) took 1.6 s. `$ref` may reach
 * one subschema from many places, or lead back up the schema (20 levels of anyOf whose two
 * branches refer to the next level judge the body a million times), and `uniqueItems` compares
 * every item with every other: such a schema is never known to be quick.
 */

/** At most this many judgements (about 10 ms on ajv at its slowest, reporting every error). */
const QUICK_JUDGEMENTS = 10_000;
/** Nor more text than this in the body's strings and names: a pattern or format runs through each. */
const QUICK_TEXT_CHARACTERS = 64 * 1024;

const UNBOUNDED_KEYWORDS = ['$ref', '$dynamicRef', '$recursiveRef', 'uniqueItems'];
/** Keywords whose subschemas judge the values inside the value (the others judge the value itself). */
const INNER_VALUE_KEYWORDS = new Set(['properties', 'patternProperties', 'additionalProperties', 'propertyNames', 'items', 'prefixItems', 'additionalItems', 'contains', 'unevaluatedItems', 'unevaluatedProperties']);
/** Keywords whose subschemas judge nothing unless a $ref reaches them. */
const UNJUDGED_KEYWORDS = new Set(['definitions', '$defs', 'contentSchema']);

/** How many judgements a body value at each depth costs; null when no depth bounds the schema's work. */
export type SchemaCost = number[] | null;

export function schemaCost(schema: JsonSchema): SchemaCost {
  const perDepth: number[] = [];
  const pending: Array<[JsonSchema, number]> = [[schema, 0]];
  // A dereferenced OpenAPI schema may reach one object from several places: each counts, as
  // each is judged, so the walk stops where no body could be judged quickly anyway.
  for (let walked = 0; pending.length > 0; walked += 1) {
    const [node, depth] = pending.pop() as [JsonSchema, number];
    if (walked > QUICK_JUDGEMENTS || UNBOUNDED_KEYWORDS.some((keyword) => keyword in node)) return null;
    perDepth[depth] = (perDepth[depth] ?? 0) + 1 + (Array.isArray(node.enum) ? node.enum.length : 0);
    for (const [keyword, child] of childSchemas(node)) {
      if (!UNJUDGED_KEYWORDS.has(keyword)) pending.push([child, INNER_VALUE_KEYWORDS.has(keyword) ? depth + 1 : depth]);
    }
  }
  return perDepth;
}

/** Whether judging a body (parsed) by a schema of this cost is known to be quick. */
export function isQuickCheck(cost: SchemaCost, json: unknown): boolean {
  if (cost === null) return false;
  let judgements = 0;
  let characters = 0;
  const pending: Array<[unknown, number]> = [[json, 0]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop() as [unknown, number];
    judgements += 1 + (cost[depth] ?? 0);
    if (typeof value === 'string') characters += value.length;
    if (judgements > QUICK_JUDGEMENTS || characters > QUICK_TEXT_CHARACTERS) return false;
    if (value === null || typeof value !== 'object') continue;
    for (const [name, inner] of Object.entries(value)) {
      characters += name.length;
      pending.push([inner, depth + 1]);
    }
  }
  return true;
}
