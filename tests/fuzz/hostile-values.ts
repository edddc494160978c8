/**
 * Values clients send that no schema invites: numbers past every range, strings that mean
 * something to some parser, bytes that are not UTF-8, percent-encoding that decodes to nothing,
 * documents nested deeper than any parser's stack. A `Verbatim` keeps its bytes exactly as
 * written wherever it is sent.
 */
import fc from 'fast-check';

/**
 * A value sent as exactly these bytes: a `token` stands where a JSON value goes, unquoted
 * (`1e309`); `text` is the content of a string (between quotes in JSON). In URLs, form fields
 * and headers both go out unescaped.
 */
export class Verbatim {
  constructor(readonly bytes: Buffer, readonly kind: 'token' | 'text') {}

  static token(text: string): Verbatim {
    return new Verbatim(Buffer.from(text), 'token');
  }

  static text(bytes: Buffer | string): Verbatim {
    return new Verbatim(typeof bytes === 'string' ? Buffer.from(bytes) : bytes, 'text');
  }
}

/** Numbers JSON and query strings can carry that no integer or double range holds as written. */
const HOSTILE_NUMBERS = [
  '1e309', '-1e309', '-0', '99999999999999999999', '-9223372036854775809', '9007199254740993', '1e-400',
  '0.1e1', '1.0', '1.5', '0x10', '1_000', '0o7', 'NaN', 'Infinity', '-Infinity', '+1', ' 1', '1 ', '00', '١',
];

/** Byte sequences UTF-8 forbids (RFC 3629 §3): stray continuation, overlong `/`, a UTF-16 surrogate, a cut sequence, past U+10FFFF. */
const INVALID_UTF8 = [[0xff], [0x80], [0xc0, 0xaf], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80]];

/** Percent-encoding that is malformed or decodes to something hostile (RFC 3986 §2.1). */
const URL_GARBAGE = [
  '%', '%z', '%zz', '%%', '%2', '%00', '%ff', '%c3%28', '%ed%a0%80', '%c0%af', '%2F', '%2f..%2f', '%2e%2e', '..', '.', '//',
  '%0d%0a', '%u0041', '+', '#', '?', ';', '&', '=', '\\',
];

const HOSTILE_STRINGS = [
  '', ' ', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '../../../etc/passwd', '..\\..\\boot.ini',
  '<a>&amp;</a>', '<![CDATA[x]]>', "'; DROP TABLE events; --", '"', "'", '\\', '\u0000', '\r\n', '\t', '\u0007', '\u007f', '\u202e',
  '\ufeff', '\u200b', '\ud83d', '\udc00', '😀', 'ﬀ', 'İ', 'null', 'undefined', 'true', '[]', '{}', '${jndi:ldap://x}', '%s%n%x',
  '{{7*7}}', 'http://169.254.169.254/', 'file:///etc/passwd', 'javascript:alert(1)', '*', '\\u0000',
];

/** Long enough to pass every length limit and most header and URL limits. */
const HUGE_STRINGS = ['a'.repeat(70_000), 'é'.repeat(40_000), '😀'.repeat(20_000), '%'.repeat(9_000)];

/** Documents deeper than a recursive parser's stack, or opened and never closed. */
const DEEP_NESTING = ['['.repeat(5_000) + ']'.repeat(5_000), '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000), '['.repeat(100_000)];

export const hostileNumber: fc.Arbitrary<Verbatim> = fc.constantFrom(...HOSTILE_NUMBERS).map(Verbatim.token);
export const invalidUtf8: fc.Arbitrary<Verbatim> = fc
  .tuple(fc.string({ maxLength: 4 }), fc.constantFrom(...INVALID_UTF8), fc.string({ maxLength: 4 }))
  .map(([before, bytes, after]) => Verbatim.text(Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)])));
export const urlGarbage: fc.Arbitrary<Verbatim> = fc.constantFrom(...URL_GARBAGE).map(Verbatim.text);
export const hostileString: fc.Arbitrary<string> = fc.constantFrom(...HOSTILE_STRINGS);
export const hugeString: fc.Arbitrary<string> = fc.constantFrom(...HUGE_STRINGS);
export const deepNesting: fc.Arbitrary<Verbatim> = fc.constantFrom(...DEEP_NESTING).map(Verbatim.token);

/** Any of the above. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(hostileString, hostileNumber, invalidUtf8, urlGarbage, hugeString, deepNesting);
