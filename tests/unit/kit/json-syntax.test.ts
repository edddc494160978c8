import fc from 'fast-check';
import { firstSyntaxErrorAt, jsonSyntaxError } from '../../../src/kit/json-syntax';

/** JSON text with one character put in, taken out or changed: mostly not JSON, broken anywhere. */
const nearlyJson = fc.json().chain((text) => fc.tuple(fc.constant(text), fc.nat(text.length), fc.constantFrom('', ',', ':', '}', ']', '{', '[', '"', '\\', '\u0001', '-', '.', 'e', '0', 'n', 't', 'x', ' ')))
  .map(([text, at, char]) => text.slice(0, at) + char + text.slice(at + (char === '' ? 1 : 0)));

describe('where JSON text breaks', () => {
  it('finds an error exactly where JSON.parse finds one, at the position V8 names when it names one', () => {
    fc.assert(fc.property(fc.oneof(nearlyJson, fc.json(), fc.string()), (text) => {
      let v8Position: number | null | undefined;
      try {
        JSON.parse(text);
      } catch (error) {
        const named = /at position (\d+)/.exec((error as Error).message);
        v8Position = named ? Number(named[1]) : null;
      }
      const position = firstSyntaxErrorAt(text);
      if (v8Position === undefined) expect(position).toBeUndefined();
      else if (v8Position === null) expect(position).toEqual(expect.any(Number));
      else expect(position).toBe(v8Position);
    }), { numRuns: 5000 });
  });

  it('reads nesting of any depth without overflowing the stack', () => {
    expect(firstSyntaxErrorAt('['.repeat(1e6) + ']'.repeat(1e6))).toBeUndefined();
    expect(firstSyntaxErrorAt('{"a":'.repeat(1e5) + '1' + '}'.repeat(1e5 - 1))).toBe(5e5 + 1 + 1e5 - 1);
  });

  it('says where, never what: no character of the text is quoted', () => {
    expect(jsonSyntaxError('{"password":"hunter2" x}')).toBe('Unexpected token at position 22');
    expect(jsonSyntaxError('{"password":"hunt')).toBe('Unexpected end of input at position 17');
    expect(jsonSyntaxError('{"password":"\\uhunter2"}')).toBe('Unexpected token at position 15');
  });
});
