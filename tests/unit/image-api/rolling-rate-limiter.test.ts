import { RateLimitExceededError } from '../../../src/image-api/errors';
import { RollingRateLimiter } from '../../../src/image-api/rolling-rate-limiter';

const HOUR = 3_600_000;

function limiterAt(start: number, limit = 3) {
  const clock = { now: start };
  return { clock, limiter: new RollingRateLimiter(limit, HOUR, () => clock.now) };
}

describe('RollingRateLimiter', () => {
  it('grants `limit` slots per key, then refuses with the seconds until the oldest slot frees up', () => {
    const { clock, limiter } = limiterAt(1_000_000);
    limiter.take('alice');
    clock.now += 10 * 60_000;
    limiter.take('alice');
    limiter.take('alice');
    let refusal: unknown;
    try {
      limiter.take('alice');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(RateLimitExceededError);
    expect((refusal as RateLimitExceededError).retryAfterSeconds).toBe(50 * 60);
    expect(limiter.state('alice')).toEqual({ limit: 3, remaining: 0, resetAt: 1_000_000 + HOUR });
  });

  it('counts each key separately', () => {
    const { limiter } = limiterAt(0, 1);
    limiter.take('alice');
    expect(() => limiter.take('bob')).not.toThrow();
    expect(() => limiter.take('alice')).toThrow(RateLimitExceededError);
  });

  it('frees a slot one rolling hour after it was taken', () => {
    const { clock, limiter } = limiterAt(0, 2);
    limiter.take('alice');
    clock.now += 30 * 60_000;
    limiter.take('alice');
    clock.now = HOUR;
    expect(limiter.state('alice').remaining).toBe(1);
    expect(() => limiter.take('alice')).not.toThrow();
    expect(() => limiter.take('alice')).toThrow(RateLimitExceededError);
  });

  it('gives a released slot back', () => {
    const { limiter } = limiterAt(0, 1);
    const slot = limiter.take('alice');
    limiter.release(slot);
    expect(limiter.state('alice')).toMatchObject({ remaining: 1 });
    expect(() => limiter.take('alice')).not.toThrow();
  });

  it('holds the slots restored from an earlier run, in any order, each until an hour after it was taken', () => {
    const { clock, limiter } = limiterAt(HOUR, 2);
    expect(limiter.windowStart()).toBe(0);
    limiter.restore([
      { key: 'alice', takenAt: 40 * 60_000 },
      { key: 'alice', takenAt: 10 * 60_000 },
      { key: 'bob', takenAt: 0 },
    ]);
    expect(limiter.state('alice')).toEqual({ limit: 2, remaining: 0, resetAt: 10 * 60_000 + HOUR });
    expect(() => limiter.take('alice')).toThrow(expect.objectContaining({ retryAfterSeconds: 10 * 60 }));
    // bob's slot was taken exactly an hour ago: it has just freed up.
    expect(limiter.state('bob')).toEqual({ limit: 2, remaining: 2, resetAt: HOUR });
    expect(limiter.usage()).toEqual([{ key: 'alice', used: 2, limit: 2, resetAt: 10 * 60_000 + HOUR }]);
    clock.now = 10 * 60_000 + HOUR;
    expect(() => limiter.take('alice')).not.toThrow();
  });

  it('reports the full quota, resetting now, for a key with no slots', () => {
    const { limiter } = limiterAt(5_000);
    expect(limiter.state('nobody')).toEqual({ limit: 3, remaining: 3, resetAt: 5_000 });
  });

  it('lists the keys active in the current window, busiest first, with when each frees a slot', () => {
    const { clock, limiter } = limiterAt(0, 3);
    limiter.take('carol');
    clock.now += 10 * 60_000;
    limiter.take('alice');
    limiter.take('alice');
    limiter.release(limiter.take('bob'));
    expect(limiter.usage()).toEqual([
      { key: 'alice', used: 2, limit: 3, resetAt: 10 * 60_000 + HOUR },
      { key: 'carol', used: 1, limit: 3, resetAt: HOUR },
    ]);
    clock.now = HOUR;
    expect(limiter.usage().map((entry) => entry.key)).toEqual(['alice']);
  });
});
