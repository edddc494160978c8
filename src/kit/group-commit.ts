/** What a commit says of each item of its group: written, or kept out by an error. */
export type ItemOutcome = { written: true } | { written: false; error: unknown };

/** Runs one item's write inside a group's transaction: written, or kept out by the error it threw. */
export function outcomeOf(write: () => void): ItemOutcome {
  try {
    write();
    return { written: true };
  } catch (error) {
    return { written: false, error };
  }
}

/**
 * Commits writes in groups: everything queued during one turn of the event loop is written in
 * one transaction, and each writer's promise settles once that transaction has committed. Under
 * load, one commit then covers many writes (SQLite's cost is per commit, not per row), and
 * each request is still answered only after its own row is durable (webhook deliveries, small
 * S3 bodies, S3 object rows). An item the commit refuses fails its own write only; the rest of
 * its group is committed.
 */
export class GroupCommit<T> {
  private queue: Array<{ item: T; resolve: () => void; reject: (error: unknown) => void }> = [];

  /**
   * `commit` writes a whole group in one transaction (SQLite) and answers each item's outcome,
   * in order; it throws when the transaction itself fails, which fails every write of the group.
   */
  constructor(private readonly commit: (items: T[]) => ItemOutcome[]) {}

  write(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.queue.length === 0) setImmediate(() => this.flush());
      this.queue.push({ item, resolve, reject });
    });
  }

  private flush(): void {
    const group = this.queue;
    this.queue = [];
    let outcomes: ItemOutcome[];
    try {
      outcomes = this.commit(group.map((entry) => entry.item));
    } catch (error) {
      for (const entry of group) entry.reject(error);
      return;
    }
    group.forEach((entry, index) => {
      const outcome = outcomes[index];
      if (outcome.written) entry.resolve();
      else entry.reject(outcome.error);
    });
  }
}
