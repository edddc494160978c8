import { RateLimitExceededError } from './errors';

/** A taken slot; give it back with `release` when the request it paid for is refused. */
export interface RateLimitSlot {
  readonly key: string;
  readonly takenAt: number;
}

/** What the X-RateLimit-* headers report for one key. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Epoch milliseconds when the next slot frees up (now when none is taken). */
  resetAt: number;
}

/** One key's share of the current window, as the operator dashboard lists it. */
export interface RateLimitUsage {
  key: string;
  used: number;
  limit: number;
  /** Epoch milliseconds when the key's oldest slot frees up. */
  resetAt: number;
}

/**
 * "N per rolling window" (a sliding log): each key keeps the times of the slots it took in the
 * last window. `take` is synchronous, so concurrent requests on one event loop cannot both get
 * the last slot: 51 simultaneous uploads against a limit of 50 give exactly one refusal.
 */
export class RollingRateLimiter {
  private readonly slotsByKey = new Map<string, RateLimitSlot[]>();
  private lastSweep: number;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.lastSweep = now();
  }

  /** Takes a slot for `key`, or throws RateLimitExceededError saying when to retry. */
  take(key: string): RateLimitSlot {
    const now = this.now();
    this.sweepIfDue(now);
    const slots = this.liveSlots(key, now);
    if (slots.length >= this.limit) {
      const retryAfterMs = slots[0].takenAt + this.windowMs - now;
      throw new RateLimitExceededError(this.limit, Math.max(1, Math.ceil(retryAfterMs / 1000)));
    }
    const slot = { key, takenAt: now };
    slots.push(slot);
    this.slotsByKey.set(key, slots);
    return slot;
  }

  /** Slots taken after this time (epoch milliseconds) are still held. */
  windowStart(): number {
    return this.now() - this.windowMs;
  }

  /**
   * Holds again the slots an earlier run took: the limiter lives in memory, and the uploads it let
   * through are what the slots stand for, so a restart must not give every key a fresh window.
   */
  restore(slots: Iterable<RateLimitSlot>): void {
    for (const { key, takenAt } of slots) {
      const held = this.slotsByKey.get(key) ?? [];
      held.push({ key, takenAt });
      this.slotsByKey.set(key, held);
    }
    // liveSlots and take read each key's slots oldest first.
    for (const held of this.slotsByKey.values()) held.sort((a, b) => a.takenAt - b.takenAt);
  }

  /** Gives a slot back (a refused upload does not count against the user). */
  release(slot: RateLimitSlot): void {
    const slots = this.slotsByKey.get(slot.key);
    const index = slots?.indexOf(slot) ?? -1;
    if (slots && index >= 0) slots.splice(index, 1);
  }

  state(key: string): RateLimitState {
    const now = this.now();
    const slots = this.liveSlots(key, now);
    return {
      limit: this.limit,
      remaining: Math.max(0, this.limit - slots.length),
      resetAt: slots.length > 0 ? slots[0].takenAt + this.windowMs : now,
    };
  }

  /** Every key holding a slot in the current window (so: active within it), busiest first. */
  usage(): RateLimitUsage[] {
    const now = this.now();
    const usage: RateLimitUsage[] = [];
    for (const key of [...this.slotsByKey.keys()]) {
      const slots = this.liveSlots(key, now);
      if (slots.length > 0) usage.push({ key, used: slots.length, limit: this.limit, resetAt: slots[0].takenAt + this.windowMs });
    }
    return usage.sort((a, b) => b.used - a.used || a.key.localeCompare(b.key));
  }

  /** The key's slots still inside the window, oldest first (expired ones are dropped). */
  private liveSlots(key: string, now: number): RateLimitSlot[] {
    const slots = this.slotsByKey.get(key) ?? [];
    const firstLive = slots.findIndex((slot) => slot.takenAt + this.windowMs > now);
    if (firstLive === -1) {
      this.slotsByKey.delete(key);
      return [];
    }
    if (firstLive > 0) slots.splice(0, firstLive);
    return slots;
  }

  /** Forgets keys that have not been seen for a whole window, so memory follows active users. */
  private sweepIfDue(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const key of [...this.slotsByKey.keys()]) this.liveSlots(key, now);
  }
}
