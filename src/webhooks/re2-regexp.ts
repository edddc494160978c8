import type { CodeOptions } from 'ajv';
import { RE2JS } from 're2js';
import { InvalidPayloadSchemaError } from './errors';

type RegExpEngine = NonNullable<CodeOptions['regExp']>;

/**
 * The one piece of ECMA-262 syntax (JSON Schema's pattern dialect) that RE2 writes differently:
 * a code point escape, `\u00e9` or `\u{1F600}`, is RE2's `\x{...}`; a surrogate pair
 * `\uD83D\uDE00` is one code point, as under ajv's `u` flag. Each match starts at a backslash and
 * takes the whole escape, so an escaped backslash (`\\u0041`) stays what it was.
 */
const ESCAPE = /\\(?:u([dD][89abAB][\dA-Fa-f]{2})\\u([dD][c-fC-F][\dA-Fa-f]{2})|u([\dA-Fa-f]{4})|u\{([\dA-Fa-f]{1,6})\}|[^])/g;

function toRe2Syntax(pattern: string): string {
  return pattern.replace(ESCAPE, (escape, high?: string, low?: string, unit?: string, point?: string) => {
    if (high !== undefined && low !== undefined) {
      return `\\x{${((Number.parseInt(high, 16) - 0xd800) * 0x400 + (Number.parseInt(low, 16) - 0xdc00) + 0x10000).toString(16)}}`;
    }
    const hex = unit ?? point;
    return hex === undefined ? escape : `\\x{${hex}}`;
  });
}

/** `pattern` as RE2 compiles it; a pattern it cannot run is an InvalidPayloadSchemaError naming it. */
export function re2Pattern(pattern: string): RE2JS {
  try {
    return RE2JS.compile(toRe2Syntax(pattern));
  } catch (error) {
    throw new InvalidPayloadSchemaError(`the pattern ${JSON.stringify(pattern)} is not one RE2 can run (${(error as Error).message}); patterns use RE2 syntax, without backreferences or lookaround`);
  }
}

/**
 * ajv's regular expression engine for the schemas clients register (ajv's `code.regExp`
 * option): RE2 (re2js, a port of RE2 to JavaScript) matches in time linear in the input, where a
 * backtracking RegExp such as `^(a+)+$` against `aaaa...!` takes exponential time and holds
 * the event loop of every server in the process. RE2's syntax:
 * https://github.com/google/re2/wiki/Syntax
 */
export const re2RegExp: RegExpEngine = Object.assign(
  (pattern: string, flags: string) => {
    const re2 = re2Pattern(pattern);
    // ajv keys compiled patterns by their string; the same pattern may share one.
    return { test: (text: string) => re2.test(text), toString: () => `/${pattern}/${flags}` };
  },
  // What standalone code would call; the receiver compiles schemas at run time only.
  { code: 're2RegExp' },
);
