import { keyAfter, keyAfterPrefix, listWithRollUp } from '../../../../src/s3/store/ordered-listing';

/** An in-memory ordered source (keys already in S3 order) that counts the rows it hands out. */
function source(keys: string[]) {
  const counter = { rowsRead: 0 };
  const rowsFrom = function* (lower: string) {
    const lowerBytes = Buffer.from(lower);
    for (const key of keys) {
      if (Buffer.compare(Buffer.from(key), lowerBytes) < 0) continue;
      counter.rowsRead += 1;
      yield key;
    }
  };
  return { counter, rowsFrom, keyOf: (key: string) => key };
}

describe('keyAfterPrefix', () => {
  it('is the first key after every key that starts with the prefix', () => {
    expect(keyAfterPrefix('photos/')).toBe('photos0');
    expect(keyAfterPrefix('a\u{10ffff}')).toBe('b');
    expect(keyAfterPrefix('\u{10ffff}')).toBeUndefined();
  });

  it('steps over the surrogate range, which UTF-8 text never contains', () => {
    expect(keyAfterPrefix('x\ud7ff')).toBe('x\ue000');
  });

  it('increments whole code points, not UTF-16 halves', () => {
    expect(keyAfterPrefix('😀')).toBe('😁');
  });
});

describe('keyAfter', () => {
  it('is the smallest key greater than the given one', () => {
    expect(keyAfter('a')).toBe('a\u0000');
  });
});

describe('listWithRollUp', () => {
  it('seeks past a rolled-up CommonPrefix instead of reading its keys', () => {
    const keys = ['a', ...Array.from({ length: 10_000 }, (_, i) => `big/${String(i).padStart(5, '0')}`), 'c'];
    const { counter, rowsFrom, keyOf } = source(keys);
    const result = listWithRollUp({ prefix: '', delimiter: '/', from: '', maxEntries: 1000, rowsFrom, keyOf });
    expect(result.rows).toEqual(['a', 'c']);
    expect(result.commonPrefixes).toEqual(['big/']);
    expect(counter.rowsRead).toBeLessThan(5);
  });

  it('stops reading at the first key past the prefix', () => {
    const { counter, rowsFrom, keyOf } = source(['p/1', 'p/2', 'q', 'r', 's']);
    const result = listWithRollUp({ prefix: 'p/', from: 'p/', maxEntries: 10, rowsFrom, keyOf });
    expect(result.rows).toEqual(['p/1', 'p/2']);
    expect(counter.rowsRead).toBe(3);
  });

  it('reports the last entry returned when it truncates', () => {
    const { rowsFrom, keyOf } = source(['a/1', 'b', 'c']);
    const result = listWithRollUp({ prefix: '', delimiter: '/', from: '', maxEntries: 2, rowsFrom, keyOf });
    expect(result).toEqual({ rows: ['b'], commonPrefixes: ['a/'], isTruncated: true, last: { key: 'b', row: 'b' } });
  });
});
