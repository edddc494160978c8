/** IAM's wildcard matching (Action, Resource, StringLike, ArnLike): `*` any run, `?` one character. */
import { wildcardMatch } from '../wildcard-match';

export function wildcardMatches(pattern: string, value: string, ignoreCase = false): boolean {
  return ignoreCase ? wildcardMatch(foldCase(pattern), foldCase(value), true) : wildcardMatch(pattern, value, true);
}

/**
 * Case folding code unit by code unit, as a RegExp with the `i` flag compares (ECMA-262,
 * Canonicalize): the upper case of a unit when that is one unit and not an ASCII one made
 * from a non-ASCII one. The length stays the same, so `?` still takes one character.
 */
function foldCase(text: string): string {
  let folded = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text[i];
    const upper = unit.toUpperCase();
    folded += upper.length !== 1 || (unit.charCodeAt(0) >= 128 && upper.charCodeAt(0) < 128) ? unit : upper;
  }
  return folded;
}
