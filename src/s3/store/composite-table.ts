/**
 * The manifests of composite bodies (composite-body.ts) as rows of `bodies.sqlite`. A manifest is
 * committed before the index row that refers to it, so after kill -9 it is either referenced or
 * swept at start-up; its parts are never lost with it.
 */
import type Database from 'better-sqlite3';
import type { BodyPart } from './composite-body';

export class CompositeTable {
  private readonly insertRow: Database.Statement<[string, string]>;
  private readonly selectParts: Database.Statement<[string]>;
  private readonly deleteRow: Database.Statement<[string]>;

  constructor(private readonly db: Database.Database) {
    this.insertRow = db.prepare('INSERT INTO composite_bodies (id, parts) VALUES (?, ?)');
    this.selectParts = db.prepare('SELECT parts FROM composite_bodies WHERE id = ?').pluck();
    this.deleteRow = db.prepare('DELETE FROM composite_bodies WHERE id = ?');
  }

  put(id: string, parts: readonly BodyPart[]): void {
    this.insertRow.run(id, JSON.stringify(parts));
  }

  get(id: string): BodyPart[] | undefined {
    const parts = this.selectParts.get(id) as string | undefined;
    return parts === undefined ? undefined : (JSON.parse(parts) as BodyPart[]);
  }

  remove(id: string): void {
    this.deleteRow.run(id);
  }

  *all(): Generator<[string, BodyPart[]]> {
    const rows = this.db.prepare('SELECT id, parts FROM composite_bodies').all() as { id: string; parts: string }[];
    for (const row of rows) yield [row.id, JSON.parse(row.parts) as BodyPart[]];
  }
}
