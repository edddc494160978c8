/**
 * Whether JSON text nests objects and arrays more than `limit` levels deep (`{"a":[1]}` is 2),
 * found without parsing it: V8 parses JSON of any depth, but JSON.stringify, ajv's validators
 * and most walkers recurse once per level, so a few KB of brackets would overflow their stack.
 * Brackets inside strings do not count; the scan stops at the first level past the limit.
 */
export function jsonNestsDeeperThan(text: string, limit: number): boolean {
  let open = 0;
  let inString = false;
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (inString) {
      if (code === 0x5c /* \ */) at += 1;
      else if (code === 0x22 /* " */) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      open += 1;
      if (open > limit) return true;
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      open -= 1;
    }
  }
  return false;
}
