import { randomBytes } from 'node:crypto';

/**
 * Values kept in memory under random ids (cookie values) until they expire; at most `capacity`
 * at once, the oldest dropped first, so a flood of abandoned sign-ins cannot grow it without end.
 */
export class ExpiringStore<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(private readonly capacity: number, private readonly now: () => number = Date.now) {}

  /** Stores `value` until `expiresAt` (ms since the epoch); returns its new id. */
  add(value: T, expiresAt: number): string {
    const id = randomBytes(24).toString('base64url');
    this.entries.set(id, { value, expiresAt });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return id;
  }

  get(id: string | undefined): T | undefined {
    if (id === undefined) return undefined;
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return entry.value;
  }

  /** The value, removed: what may be used once (a pending sign-in). */
  take(id: string | undefined): T | undefined {
    const value = this.get(id);
    if (id !== undefined) this.entries.delete(id);
    return value;
  }

  delete(id: string | undefined): void {
    if (id !== undefined) this.entries.delete(id);
  }
}
