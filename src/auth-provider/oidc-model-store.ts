import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { SqliteDatabase } from '../kit/sqlite';

/**
 * oidc-provider's storage contract (its Adapter: sessions, interactions, grants, codes, tokens,
 * device codes), kept in SQLite per issuer so all of it survives a restart. Expiry is read with
 * Date.now(), which is the issuer's clock while a request runs (see issuer-clock.ts), so a
 * shifted clock expires codes and tokens as it would at that time.
 */
export class OidcModelStore implements Adapter {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly issuer: string,
    private readonly model: string,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    this.db.prepare(`
      INSERT INTO oidc_models (issuer, model, id, payload, grant_id, user_code, uid, expires_at_ms)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (issuer, model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
        user_code = excluded.user_code, uid = excluded.uid, expires_at_ms = excluded.expires_at_ms
    `).run(this.issuer, this.model, id, JSON.stringify(payload), payload.grantId ?? null, payload.userCode ?? null, payload.uid ?? null,
      expiresIn ? Date.now() + expiresIn * 1000 : null);
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.findWhere('id', id);
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.findWhere('user_code', userCode);
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.findWhere('uid', uid);
  }

  async consume(id: string): Promise<void> {
    const found = await this.find(id);
    if (!found) return;
    found.consumed = Math.floor(Date.now() / 1000);
    this.db.prepare('UPDATE oidc_models SET payload = ? WHERE issuer = ? AND model = ? AND id = ?').run(JSON.stringify(found), this.issuer, this.model, id);
  }

  async destroy(id: string): Promise<void> {
    this.db.prepare('DELETE FROM oidc_models WHERE issuer = ? AND model = ? AND id = ?').run(this.issuer, this.model, id);
  }

  /** Only this model's rows: an interaction also names its grant, and outlives the grant's sign-out. */
  async revokeByGrantId(grantId: string): Promise<void> {
    this.db.prepare('DELETE FROM oidc_models WHERE issuer = ? AND model = ? AND grant_id = ?').run(this.issuer, this.model, grantId);
  }

  private findWhere(column: 'id' | 'user_code' | 'uid', value: string): AdapterPayload | undefined {
    const row = this.db.prepare(`SELECT payload, expires_at_ms FROM oidc_models WHERE issuer = ? AND model = ? AND ${column} = ?`)
      .get(this.issuer, this.model, value) as { payload: string; expires_at_ms: number | null } | undefined;
    if (!row || (row.expires_at_ms !== null && row.expires_at_ms <= Date.now())) return undefined;
    return JSON.parse(row.payload) as AdapterPayload;
  }
}

/** Forgets every session of an issuer: each user signs in again on their next authorization. */
export function deleteSessions(db: SqliteDatabase, issuer: string): number {
  return db.prepare("DELETE FROM oidc_models WHERE issuer = ? AND model IN ('Session', 'Interaction')").run(issuer).changes;
}

/** What start-up sweeps: rows whose expiry has passed in real time. */
export function deleteExpiredModels(db: SqliteDatabase): void {
  db.prepare('DELETE FROM oidc_models WHERE expires_at_ms IS NOT NULL AND expires_at_ms <= ?').run(Date.now());
}
