import { MAX_JSON_DEPTH, parseJsonText } from '../../../src/webhooks/json-text';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('parseJsonText', () => {
  it('parses JSON nesting up to MAX_JSON_DEPTH levels', () => {
    expect(parseJsonText(nested(MAX_JSON_DEPTH))).toEqual({ value: expect.any(Array) });
    expect(parseJsonText('{"a":[1,{"b":null}]}')).toEqual({ value: { a: [1, { b: null }] } });
  });

  it('refuses JSON nesting deeper, before parsing it', () => {
    expect(parseJsonText(nested(MAX_JSON_DEPTH + 1))).toBeUndefined();
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ text: `\\"${'['.repeat(MAX_JSON_DEPTH * 2)}` });
    expect(parseJsonText(text)?.value).toEqual({ text: `\\"${'['.repeat(MAX_JSON_DEPTH * 2)}` });
  });

  it('gives undefined for text that is not JSON', () => {
    expect(parseJsonText('{"a":')).toBeUndefined();
    expect(parseJsonText('')).toBeUndefined();
  });
});
