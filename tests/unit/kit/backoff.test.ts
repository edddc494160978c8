import { backoffDelay, doublingDelay } from '../../../src/kit/backoff';

describe('backoffDelay', () => {
  it('doubles per attempt, between half and all of the ceiling', () => {
    expect(backoffDelay(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffDelay(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffDelay(3, 1000, 60_000, () => 0)).toBe(2000);
    expect(backoffDelay(3, 1000, 60_000, () => 1)).toBe(4000);
  });

  it('never exceeds the maximum', () => {
    expect(backoffDelay(30, 1000, 60_000, () => 1)).toBe(60_000);
  });

  it('spreads retries that happen at the same time', () => {
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(4, 1000)));
    expect(delays.size).toBeGreaterThan(1);
  });
});

describe('doublingDelay', () => {
  it('starts at the base, doubles per attempt and stops at the maximum', () => {
    expect([1, 2, 3, 4].map((attempt) => doublingDelay(attempt, 1000, 5000))).toEqual([1000, 2000, 4000, 5000]);
  });
});
