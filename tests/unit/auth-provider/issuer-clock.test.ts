import { runOnClock } from '../../../src/auth-provider/issuer-clock';

describe('runOnClock', () => {
  it('shifts Date.now() for the work it runs, across awaits, and nowhere else', async () => {
    const seen = await runOnClock({ offsetMs: 3_600_000, frozenAtMs: null }, async () => {
      const before = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 5));
      return [before, Date.now()];
    });
    const real = Date.now();
    expect(seen[0] - real).toBeGreaterThan(3_500_000);
    expect(seen[1] - real).toBeGreaterThan(3_500_000);
  });

  it('stops the clock when frozen', async () => {
    const frozenAt = Date.now() - 10_000;
    const seen = await runOnClock({ offsetMs: 0, frozenAtMs: frozenAt }, async () => {
      const first = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 20));
      return [first, Date.now()];
    });
    expect(seen).toEqual([frozenAt, frozenAt]);
  });
});
