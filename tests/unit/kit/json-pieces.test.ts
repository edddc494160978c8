import { jsonPieces } from '../../../src/kit/json-pieces';

const joined = (value: unknown) => [...jsonPieces(value)].join('');

describe('jsonPieces', () => {
  it('writes what JSON.stringify writes, undefined properties left out and undefined items as null', () => {
    const value = { a: 1, b: [true, null, undefined, 'x'], c: { d: 'é\u0001"\\', e: undefined }, f: -1.5e300 };
    expect(joined(value)).toBe(JSON.stringify(value));
  });

  it('writes a string longer than a piece in slices, escaped alike, a surrogate pair never split', () => {
    // Surrogate pairs at every offset: some straddle the slice boundary whatever the slice size is.
    const text = `${'\u0001'.repeat(400_000)}${'a😀'.repeat(300_000)}`;
    const value = { text, list: [text, 'short'] };
    const pieces = [...jsonPieces(value)];
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(JSON.stringify(value));
  });

  it('keeps each piece to about a MiB of text, however long the whole is', () => {
    const value = { events: Array.from({ length: 20 }, (_, index) => ({ index, body: '\u0001'.repeat(500_000) })) };
    const pieces = [...jsonPieces(value)];
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(pieces.join('')).toBe(JSON.stringify(value));
  });
});
