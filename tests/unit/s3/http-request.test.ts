import { hasControlCharacter, header, headerValues } from '../../../src/s3/http-request';

describe('request headers', () => {
  const request = { rawHeaders: ['Host', 'h', 'X-Amz-Meta-A', 'one', 'x-amz-meta-a', 'two'] };

  it('are found by any case of their name, repeated ones in the order received', () => {
    expect(headerValues(request, 'X-AMZ-META-A')).toEqual(['one', 'two']);
    expect(header(request, 'host')).toBe('h');
    expect(header(request, 'date')).toBeUndefined();
  });

  it('of a copied request are looked up afresh', () => {
    const changed = { rawHeaders: [...request.rawHeaders, 'Date', 'today'] };
    expect([header(request, 'date'), header(changed, 'date')]).toEqual([undefined, 'today']);
  });
});

describe('a header value', () => {
  it.each([
    ['a tab', 'a\tb', false],
    ['Latin-1 text', 'caf\u00e9', false],
    ['NUL', 'a\u0000', true],
    ['a line break', 'a\r\nb', true],
    ['DEL', 'a\u007f', true],
  ])('with %s has a control character: %s', (_, value, expected) => {
    expect(hasControlCharacter(value)).toBe(expected);
  });
});
