/**
 * Wildcard patterns, matched without regular expressions: `*` stands for any run of characters
 * (none too), and, where `anyOne` says so, `?` for exactly one; every other character is itself,
 * compared exactly (callers fold case first). CORS rules (`*` only) and bucket policies (IAM's `*`
 * and `?`) both come from clients, and a pattern such as `*a*a*a*a*a*a*a*a*a*az` made into a
 * backtracking RegExp takes seconds to minutes against a few dozen characters, stalling every
 * server of the process. This takes about linear time in the value for a `*`-only pattern, and
 * at most value length × pattern length with `?`.
 */

/**
 * Splits the pattern at its `*`s: the first piece must start the value, the last end it, and
 * each piece between is taken at its leftmost place after the previous one. Taking the leftmost
 * place never loses a match, since every piece matches a fixed number of characters.
 */
export function wildcardMatch(pattern: string, value: string, anyOne = false): boolean {
  const pieces = pattern.split('*');
  if (pieces.length === 1) return pattern.length === value.length && pieceAt(pattern, value, 0, anyOne);
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  const end = value.length - last.length;
  if (end < first.length || !pieceAt(first, value, 0, anyOne) || !pieceAt(last, value, end, anyOne)) return false;
  let from = first.length;
  for (const piece of pieces.slice(1, -1)) {
    const at = leftmost(piece, value, from, end, anyOne);
    if (at < 0) return false;
    from = at + piece.length;
  }
  return true;
}

/** Whether `piece` (no `*`) matches `value` at `at`. */
function pieceAt(piece: string, value: string, at: number, anyOne: boolean): boolean {
  if (!anyOne) return value.startsWith(piece, at);
  for (let i = 0; i < piece.length; i++) {
    if (piece[i] !== '?' && piece[i] !== value[at + i]) return false;
  }
  return true;
}

/** Where `piece` first matches in value[from, end), or -1. */
function leftmost(piece: string, value: string, from: number, end: number, anyOne: boolean): number {
  if (!anyOne || !piece.includes('?')) {
    const at = value.indexOf(piece, from);
    return at >= 0 && at + piece.length <= end ? at : -1;
  }
  for (let at = from; at + piece.length <= end; at++) {
    if (pieceAt(piece, value, at, anyOne)) return at;
  }
  return -1;
}
