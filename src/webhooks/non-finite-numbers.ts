type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object';

/** A JSON Pointer token (RFC 6901 §3: ~ as ~0, / as ~1). */
const pointerToken = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * Where a parsed JSON value holds a number JSON cannot carry, as a JSON Pointer; undefined when
 * it holds none. JSON.parse reads a number past the double range (1e400) as Infinity, and
 * JSON.stringify writes Infinity as null: such a value, stored, means something else when read.
 */
export function nonFiniteNumberAt(value: unknown): string | undefined {
  // A stack, not recursion: a dereferenced OpenAPI schema may nest as deep as ajv allows.
  const pending: Array<{ node: unknown; pointer: string }> = [{ node: value, pointer: '' }];
  const seen = new Set<Json>();
  while (pending.length > 0) {
    const { node, pointer } = pending.pop() as { node: unknown; pointer: string };
    if (typeof node === 'number' && !Number.isFinite(node)) return pointer;
    if (!isObject(node) || seen.has(node)) continue;
    seen.add(node);
    for (const [key, child] of Object.entries(node)) pending.push({ node: child, pointer: `${pointer}/${pointerToken(key)}` });
  }
  return undefined;
}
