/**
 * Why JSON text is not JSON, said without quoting it: V8's SyntaxError quotes the text around an
 * unexpected token (`Unexpected token 'h', "hunter2" is not valid JSON`), and a body may hold a
 * secret, which standin never echoes (README, "Security model"). The position is the offset in
 * the text (UTF-16 code units, as JSON.parse counts) of the first character RFC 8259's grammar
 * does not allow there, or its length when the text ends too soon.
 */
export function jsonSyntaxError(text: string): string {
  const position = firstSyntaxErrorAt(text);
  if (position === undefined) return 'Not JSON';
  return `${position >= text.length ? 'Unexpected end of input' : 'Unexpected token'} at position ${position}`;
}

/** Thrown inside the scan to stop it at the first error. */
class SyntaxErrorAt {
  constructor(readonly position: number) {}
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPED = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX_DIGIT = /^[0-9a-fA-F]$/;
const LITERALS = ['true', 'false', 'null'];

/**
 * The offset of the first character that breaks the grammar, or undefined for valid JSON. It
 * keeps its open objects and arrays on a stack of its own, so no depth overflows it.
 */
export function firstSyntaxErrorAt(text: string): number | undefined {
  let at = 0;
  const fail = (position = at): never => {
    throw new SyntaxErrorAt(position);
  };
  const skipWhitespace = () => {
    while (WHITESPACE.has(text[at])) at += 1;
  };
  const expect = (char: string) => {
    skipWhitespace();
    if (text[at] !== char) fail();
    at += 1;
  };
  const digits = () => {
    const start = at;
    while (text[at] >= '0' && text[at] <= '9') at += 1;
    if (at === start) fail();
  };
  const string = () => {
    expect('"');
    for (;;) {
      const char = text[at];
      if (char === undefined || char < ' ') fail();
      at += 1;
      if (char === '"') return;
      if (char !== '\\') continue;
      if (ESCAPED.has(text[at])) at += 1;
      else if (text[at] === 'u') {
        const end = at + 5;
        for (at += 1; at < end; at += 1) if (!HEX_DIGIT.test(text[at])) fail();
      } else fail();
    }
  };
  const number = () => {
    if (text[at] === '-') at += 1;
    if (text[at] === '0') at += 1;
    else digits();
    if (text[at] === '.') {
      at += 1;
      digits();
    }
    if (text[at] === 'e' || text[at] === 'E') {
      at += 1;
      if (text[at] === '+' || text[at] === '-') at += 1;
      digits();
    }
  };
  const literal = () => {
    const word = LITERALS.find((candidate) => candidate[0] === text[at]) ?? fail();
    for (const char of word) {
      if (text[at] !== char) fail();
      at += 1;
    }
  };
  /** The closing character of each object and array still open, innermost last. */
  const open: string[] = [];
  /** A scalar, or the opening of an object or array (pushed on `open`); true when one opened. */
  const valueOpens = (): boolean => {
    skipWhitespace();
    const char = text[at];
    if (char === '{' || char === '[') {
      at += 1;
      open.push(char === '{' ? '}' : ']');
      return true;
    }
    if (char === '"') string();
    else if (char === '-' || (char >= '0' && char <= '9')) number();
    else literal();
    return false;
  };
  const member = () => {
    string();
    expect(':');
  };
  try {
    // `opened`: the last value opened an object or array, so no comma comes before its first member.
    let opened = valueOpens();
    for (let close = open.at(-1); close !== undefined; close = open.at(-1)) {
      skipWhitespace();
      if (text[at] === close) {
        at += 1;
        open.pop();
        opened = false;
        continue;
      }
      if (!opened) expect(',');
      if (close === '}') member();
      opened = valueOpens();
    }
    skipWhitespace();
    if (at < text.length) fail();
    return undefined;
  } catch (error) {
    if (error instanceof SyntaxErrorAt) return Math.min(error.position, text.length);
    throw error;
  }
}
