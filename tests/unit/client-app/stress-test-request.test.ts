import { InvalidFormError } from '../../../src/client-app/errors';
import { retryAfterSeconds } from '../../../src/client-app/stress-test';
import { parseStressTestRequest } from '../../../src/client-app/stress-test-request';

describe('parseStressTestRequest', () => {
  it('defaults to 51 uploads, 10 at a time: one more than the hourly limit', () => {
    expect(parseStressTestRequest({ user_id: 'test-user-123' })).toEqual({ userId: 'test-user-123', count: 51, concurrency: 10 });
  });

  it('reads numbers from form text and from JSON alike', () => {
    expect(parseStressTestRequest({ user_id: 'u', count: '5', concurrency: 2, bucket: 'my-photos' })).toEqual({ userId: 'u', count: 5, concurrency: 2, bucket: 'my-photos' });
  });

  it.each([
    [{ count: '5' }, 'user_id'],
    [{ user_id: 'u', count: '0' }, 'count'],
    [{ user_id: 'u', count: '2.5' }, 'count'],
    [{ user_id: 'u', count: 1001 }, 'count'],
    [{ user_id: 'u', concurrency: '51' }, 'concurrency'],
    [{ user_id: 'has space' }, 'user_id'],
    [{ user_id: '..' }, 'user_id'],
    [{ user_id: '.hidden' }, 'user_id'],
    [{ user_id: 'a/b' }, 'user_id'],
    [{ user_id: 'x'.repeat(129) }, 'user_id'],
    [{ user_id: 'u', count: '1e9' }, 'count'],
    [{ user_id: 'u', count: 1e9 }, 'count'],
    [{ user_id: 'u', count: '99999999999999999999' }, 'count'],
    [{ user_id: 'u', count: -1 }, 'count'],
    [{ user_id: 'u', bucket: 'b' }, 'bucket'],
    [{ user_id: 'u', bucket: 'Photos' }, 'bucket'],
    [{ user_id: 'u', bucket: 'a..b' }, 'bucket'],
    [{ user_id: 'u', bucket: 42 }, 'bucket'],
  ])('refuses %j naming the field', (input, field) => {
    expect(() => parseStressTestRequest(input)).toThrow(InvalidFormError);
    try {
      parseStressTestRequest(input);
    } catch (error) {
      expect((error as InvalidFormError).field).toBe(field);
    }
  });
});

describe('retryAfterSeconds', () => {
  it('reads delay-seconds and HTTP-dates', () => {
    const now = Date.UTC(2025, 0, 1, 0, 0, 0);
    expect(retryAfterSeconds('120', now)).toBe(120);
    expect(retryAfterSeconds('Wed, 01 Jan 2025 00:01:30 GMT', now)).toBe(90);
    expect(retryAfterSeconds(undefined, now)).toBeNull();
    expect(retryAfterSeconds('soon', now)).toBeNull();
  });
});
