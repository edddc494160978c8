import { timeOrderedId } from '../../../src/kit/time-ordered-id';

describe('timeOrderedId', () => {
  it('sorts in the order the ids were made, within a millisecond and across them', () => {
    const made = [timeOrderedId(20, 1_000), timeOrderedId(20, 1_000), timeOrderedId(20, 1_000), timeOrderedId(20, 1_001), timeOrderedId(20, 2_000_000_000_000)];
    expect([...made].sort()).toEqual(made);
  });

  it('is the time, a count and the random digits asked for, in lower-case hex', () => {
    expect(timeOrderedId(20, 0x19421bcaa00)).toMatch(/^019421bcaa00[0-9a-f]{4}[0-9a-f]{20}$/);
    expect(timeOrderedId(30)).toMatch(/^[0-9a-f]{46}$/);
    expect(timeOrderedId(12)).toMatch(/^[0-9a-f]{28}$/);
  });

  it('is unique even when many are made in one millisecond', () => {
    const ids = Array.from({ length: 10_000 }, () => timeOrderedId(20, 5));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('differs between processes that made the same count in the same millisecond: the rest is random', () => {
    const random = new Set(Array.from({ length: 1_000 }, (_, i) => timeOrderedId(30, 10_000 + i).slice(16)));
    expect(random.size).toBe(1_000);
    // every random digit varies: none is a UUID's fixed version or variant digit
    for (let digit = 0; digit < 30; digit += 1) expect(new Set([...random].map((hex) => hex[digit])).size).toBeGreaterThan(8);
  });
});
