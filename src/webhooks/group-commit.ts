/**
 * Commits writes in groups: everything queued during one turn of the event loop is written in
 * one transaction, and each writer's promise settles once that transaction has committed. Under
 * load, one commit then covers many deliveries (SQLite's cost is per commit, not per row), and
 * each delivery is still answered only after its own row is durable.
 */
export class GroupCommit<T> {
  private queue: Array<{ item: T; resolve: () => void; reject: (error: unknown) => void }> = [];

  /** `commit` writes a whole group atomically (a SQLite transaction), or throws. */
  constructor(private readonly commit: (items: T[]) => void) {}

  write(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.queue.length === 0) setImmediate(() => this.flush());
      this.queue.push({ item, resolve, reject });
    });
  }

  private flush(): void {
    const group = this.queue;
    this.queue = [];
    try {
      this.commit(group.map((entry) => entry.item));
    } catch (error) {
      for (const entry of group) entry.reject(error);
      return;
    }
    for (const entry of group) entry.resolve();
  }
}
