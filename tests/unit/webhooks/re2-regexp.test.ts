import { InvalidPayloadSchemaError } from '../../../src/webhooks/errors';
import { re2RegExp } from '../../../src/webhooks/re2-regexp';

const matches = (pattern: string, text: string) => re2RegExp(pattern, 'u').test(text);

describe('re2RegExp, the engine of client schemas', () => {
  it('matches anywhere in the text, as RegExp.prototype.test does', () => {
    expect(matches('b+', 'abbbc')).toBe(true);
    expect(matches('^b+$', 'abbbc')).toBe(false);
  });

  it('reads ECMA-262 code point escapes, surrogate pairs included, but not an escaped backslash before a u', () => {
    expect(matches('^caf\\u00E9$', 'café')).toBe(true);
    expect(matches('^\\u{1F600}$', '😀')).toBe(true);
    expect(matches('^\\uD83D\\uDE00$', '😀')).toBe(true);
    expect(matches('^[\\u0000-\\u001f]+$', '\n\t')).toBe(true);
    expect(matches('^\\\\u0041$', '\\u0041')).toBe(true);
    expect(matches('^\\\\u0041$', 'A')).toBe(false);
  });

  it('takes linear time where a backtracking engine takes exponential time', () => {
    expect(matches('^(a+)+$', `${'a'.repeat(5000)}!`)).toBe(false);
  });

  it('refuses backreferences and lookaround, naming the pattern', () => {
    for (const pattern of ['(a)\\1', '(?<n>a)\\k<n>', 'a(?=b)', 'a(?!b)', '(?<=a)b']) {
      expect(() => re2RegExp(pattern, 'u')).toThrow(InvalidPayloadSchemaError);
      expect(() => re2RegExp(pattern, 'u')).toThrow(`the pattern ${JSON.stringify(pattern)} is not one RE2 can run`);
    }
  });

  it('gives each pattern its own key, as ajv caches compiled patterns by it', () => {
    expect(String(re2RegExp('a+', 'u'))).not.toBe(String(re2RegExp('b+', 'u')));
  });
});
