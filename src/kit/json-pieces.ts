/** Characters a piece of JSON text is gathered to before it is written. */
const PIECE = 1024 * 1024;
/** Characters of a long string escaped at a time: six per character at most, so a piece at most. */
const SLICE = Math.floor(PIECE / 6);
/** The longest text JSON.stringify writes for a number: -1.7976931348623157e+308. */
const LONGEST_NUMBER = 24;

/**
 * Whether JSON.stringify(value) can be longer than `limit` characters: an upper bound (each
 * character escaped to six), walked only until it passes the limit.
 */
function mayBeLongerThan(value: unknown, limit: number): boolean {
  let bound = 0;
  const pending = [value];
  while (pending.length > 0 && bound <= limit) {
    const node = pending.pop();
    if (typeof node === 'string') bound += 6 * node.length + 2;
    else if (node === null || typeof node !== 'object') bound += LONGEST_NUMBER;
    else {
      bound += 2;
      for (const [key, child] of Object.entries(node)) {
        bound += 6 * key.length + 4;
        pending.push(child);
      }
    }
  }
  return bound > limit;
}

/** A long string's JSON, a slice at a time; a surrogate pair stays in one slice, or it would be escaped as two halves. */
function* stringFragments(text: string): Generator<string> {
  yield '"';
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + SLICE, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += 1;
    yield JSON.stringify(text.slice(start, end)).slice(1, -1);
    start = end;
  }
  yield '"';
}

function* fragments(value: unknown): Generator<string> {
  if (!mayBeLongerThan(value, PIECE)) {
    // JSON.stringify writes nothing for undefined; in an array (the only place it reaches here) it writes null.
    yield JSON.stringify(value) ?? 'null';
  } else if (typeof value === 'string') {
    yield* stringFragments(value);
  } else if (Array.isArray(value)) {
    yield '[';
    for (const [index, item] of value.entries()) {
      if (index > 0) yield ',';
      yield* fragments(item);
    }
    yield ']';
  } else {
    yield '{';
    let separator = '';
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (child === undefined) continue;
      yield `${separator}${JSON.stringify(key)}:`;
      separator = ',';
      yield* fragments(child);
    }
    yield '}';
  }
}

/**
 * JSON.stringify(value)'s text in pieces of about PIECE characters, for a value of plain objects,
 * arrays, strings, numbers, booleans and null (what a presenter builds). A value whose JSON passes
 * the longest string V8 makes, about 2^29 characters, cannot be written as one string (res.json
 * throws RangeError: Invalid string length): a stored body of control bytes escapes to six times
 * its size. Written through stream.pipeline, the pieces also keep to the client's pace.
 */
export function* jsonPieces(value: unknown): Generator<string> {
  let gathered = '';
  for (const fragment of fragments(value)) {
    gathered += fragment;
    if (gathered.length >= PIECE) {
      yield gathered;
      gathered = '';
    }
  }
  if (gathered !== '') yield gathered;
}
