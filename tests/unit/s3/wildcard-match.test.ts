import fc from 'fast-check';
import { wildcardMatches } from '../../../src/s3/access/wildcards';
import { wildcardMatch } from '../../../src/s3/wildcard-match';

/** What CORS rules matched with before: `*` as `.*`, everything else escaped (`?` too). */
function corsRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** What bucket policies matched with before: `*` as `[\s\S]*`, `?` as `[\s\S]`, `i` for actions. */
function iamRegExp(pattern: string, ignoreCase: boolean): RegExp {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[\\s\\S]*').replaceAll('?', '[\\s\\S]');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '');
}

/** Characters a RegExp treats specially, letters whose case folding is odd (ß, ſ, the Kelvin sign, µ, dotless ı), a surrogate pair and a lone one. */
const CHARACTERS = ['a', 'b', 'A', 'B', 's', 'S', 'k', 'K', 'i', 'I', 'ß', 'ſ', 'K', 'µ', 'μ', 'Μ', 'ı', '😀', '\ud800', '.', '\\', '[', ']', '$', '^', '(', '|', '+', '{', ' '];
/** Header values hold no line breaks, which `.` would not match. */
const LINE_BREAKS = ['\n', '\r', '\u2028'];

/** A pattern and values to try it on: arbitrary ones and ones made from the pattern (its `*`s and `?`s filled in), mutated now and then. */
function cases(characters: string[]) {
  const char = fc.constantFrom(...characters);
  const text = fc.array(char, { maxLength: 6 }).map((chars) => chars.join(''));
  const pattern = fc.array(fc.oneof(char, fc.constantFrom('*', '?')), { maxLength: 10 }).map((chars) => chars.join(''));
  const instance = (of: string) =>
    fc.tuple(fc.array(text, { minLength: of.length, maxLength: of.length }), fc.array(char, { minLength: of.length, maxLength: of.length }), fc.option(fc.tuple(fc.nat(), char)))
      .map(([runs, ones, mutation]) => {
        const value = [...of].map((c, i) => (c === '*' ? runs[i] : c === '?' ? ones[i] : c)).join('');
        if (!mutation || value.length === 0) return value;
        const at = mutation[0] % value.length;
        return value.slice(0, at) + mutation[1] + value.slice(at + 1);
      });
  return pattern.chain((p) => fc.tuple(fc.constant(p), fc.oneof(text, instance(p))));
}

describe('wildcard matching without regular expressions', () => {
  it('matches as the CORS rules\' regular expressions did (`*` only, `?` itself)', () => {
    fc.assert(fc.property(cases(CHARACTERS), ([pattern, value]) => wildcardMatch(pattern, value) === corsRegExp(pattern).test(value)), { numRuns: 10_000, seed: 9000 });
  });

  it('matches as the bucket policies\' regular expressions did (`*`, `?`, and case folding for actions)', () => {
    const all = [...CHARACTERS, ...LINE_BREAKS];
    fc.assert(fc.property(cases(all), ([pattern, value]) => wildcardMatches(pattern, value) === iamRegExp(pattern, false).test(value)), { numRuns: 10_000, seed: 9001 });
    fc.assert(fc.property(cases(all), ([pattern, value]) => wildcardMatches(pattern, value, true) === iamRegExp(pattern, true).test(value)), { numRuns: 10_000, seed: 9002 });
  });

  it('reads the usual patterns as S3 and IAM do', () => {
    expect(wildcardMatch('https://*.example.com', 'https://app.example.com')).toBe(true);
    expect(wildcardMatch('https://*.example.com', 'https://example.com')).toBe(false);
    expect(wildcardMatch('x-amz-?', 'x-amz-a')).toBe(false);
    expect(wildcardMatch('*', '')).toBe(true);
    expect(wildcardMatches('arn:aws:s3:::bucket/photos/*.jp?g', 'arn:aws:s3:::bucket/photos/2024/a.jpeg')).toBe(true);
    expect(wildcardMatches('arn:aws:s3:::bucket/photos/*.jp?g', 'arn:aws:s3:::bucket/photos/a.jpg')).toBe(false);
    expect(wildcardMatches('s3:Get*', 's3:getobject', true)).toBe(true);
    expect(wildcardMatches('s3:Get*', 's3:getobject')).toBe(false);
  });

  it('answers at once for many wildcards against a long value, which made a backtracking expression run for hours', () => {
    const pattern = `${'*a'.repeat(30)}z`;
    expect(wildcardMatch(pattern, 'a'.repeat(100_000))).toBe(false);
    expect(wildcardMatches(pattern.replaceAll('*a', '*?'), 'a'.repeat(100_000))).toBe(false);
    expect(wildcardMatches(pattern, `${'a'.repeat(100_000)}z`, true)).toBe(true);
  });
});
