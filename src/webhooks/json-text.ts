import { jsonNestsDeeperThan } from '../kit/json-depth';

/**
 * The deepest nesting of objects and arrays the receiver parses in a body. V8 parses JSON of any
 * depth, but JSON.stringify, ajv's validators and the signature diagnosis recurse once per level:
 * a body of a few KB of brackets, stored as an event, would overflow the stack of the delivery
 * and of every request that lists the event. No webhook payload comes near this depth.
 */
export const MAX_JSON_DEPTH = 256;

/** The text parsed as JSON, or undefined when it is not JSON or nests deeper than MAX_JSON_DEPTH. */
export function parseJsonText(text: string): { value: unknown } | undefined {
  if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) return undefined;
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}
