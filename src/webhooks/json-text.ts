/**
 * The deepest nesting of objects and arrays the receiver parses in a body. V8 parses JSON of any
 * depth, but JSON.stringify, ajv's validators and the signature diagnosis recurse once per level:
 * a body of a few KB of brackets, stored as an event, would overflow the stack of the delivery
 * and of every request that lists the event. No webhook payload comes near this depth.
 */
export const MAX_JSON_DEPTH = 256;

/** The text parsed as JSON, or undefined when it is not JSON or nests deeper than MAX_JSON_DEPTH. */
export function parseJsonText(text: string): { value: unknown } | undefined {
  if (nestsTooDeep(text)) return undefined;
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** Counts open brackets outside strings, stopping at the first one past the limit. */
function nestsTooDeep(text: string): boolean {
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
      if (open > MAX_JSON_DEPTH) return true;
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      open -= 1;
    }
  }
  return false;
}
