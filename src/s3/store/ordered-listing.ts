/**
 * S3's listing walk over an ordered index: prefix, delimiter roll-up into CommonPrefixes (which
 * count toward max-keys, as in S3), exclusive start marker, truncation. Order is UTF-8 byte order
 * of keys (= Unicode code point order), which is what SQLite's BINARY collation gives; JS `<` on
 * strings compares UTF-16 code units and is only used here where the two orders agree.
 */

/** The later of two keys in S3 order (UTF-8 bytes). */
export function laterKey(a: string, b: string): string {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')) >= 0 ? a : b;
}

/** The smallest key greater than `key` (S3 order): start here for "strictly after `key`". */
export function keyAfter(key: string): string {
  return `${key}\u0000`;
}

/**
 * The smallest key greater than every key starting with `prefix`, or undefined when none exists.
 * Incrementing the last code point works because code point order is UTF-8 byte order.
 */
export function keyAfterPrefix(prefix: string): string | undefined {
  const codePoints = Array.from(prefix);
  while (codePoints.length > 0) {
    const last = codePoints.pop()!.codePointAt(0)!;
    if (last < 0x10ffff) {
      const next = last + 1 === 0xd800 ? 0xe000 : last + 1; // surrogates are not code points of UTF-8 text
      return codePoints.join('') + String.fromCodePoint(next);
    }
  }
  return undefined;
}

export interface RollUpQuery<R> {
  prefix: string;
  delimiter?: string;
  /** The client's exclusive marker: a CommonPrefix it already covers is not returned again. */
  marker?: string;
  /** Where the scan starts (inclusive, >= prefix). */
  from: string;
  maxEntries: number;
  /** Rows with key >= lower, ascending; iterated lazily and abandoned early. */
  rowsFrom(lower: string): Iterable<R>;
  keyOf(row: R): string;
}

export interface RollUpResult<R> {
  rows: R[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last entry returned when truncated: a CommonPrefix, or a row's key with that row. */
  last?: { key: string; row?: R };
}

export function listWithRollUp<R>(query: RollUpQuery<R>): RollUpResult<R> {
  const { prefix, delimiter, marker, maxEntries } = query;
  const result: RollUpResult<R> = { rows: [], commonPrefixes: [], isTruncated: false };
  let entries = 0;
  let lower: string | undefined = query.from;
  let last: RollUpResult<R>['last'];
  scan: while (lower !== undefined) {
    for (const row of query.rowsFrom(lower)) {
      const key = query.keyOf(row);
      // Rows start at or after the prefix, so the first one without it ends the prefix's range.
      if (!key.startsWith(prefix)) break scan;
      const commonPrefix = commonPrefixOf(key, prefix, delimiter);
      if (commonPrefix !== undefined) {
        if (!marker?.startsWith(commonPrefix)) {
          if (entries === maxEntries) return { ...result, isTruncated: true, last };
          result.commonPrefixes.push(commonPrefix);
          entries += 1;
          last = { key: commonPrefix };
        }
        // Seek past every key under this CommonPrefix instead of scanning them.
        lower = keyAfterPrefix(commonPrefix);
        continue scan;
      }
      if (entries === maxEntries) return { ...result, isTruncated: true, last };
      result.rows.push(row);
      entries += 1;
      last = { key, row };
    }
    break;
  }
  return result;
}

function commonPrefixOf(key: string, prefix: string, delimiter: string | undefined): string | undefined {
  if (!delimiter) return undefined;
  const at = key.indexOf(delimiter, prefix.length);
  return at === -1 ? undefined : key.slice(0, at + delimiter.length);
}
