import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { SqliteDatabase } from '../kit/sqlite';

export const SIGNING_ALGS = ['RS256', 'ES256'] as const;
export type SigningAlg = (typeof SIGNING_ALGS)[number];

export interface SigningKeySummary {
  kid: string;
  alg: SigningAlg;
  created_at: string;
  /** When it stopped signing; it stays in the JWKS until `retired_at` + AUTH_KEY_GRACE_S. */
  retired_at: string | null;
}

export interface PrivateKey {
  kid: string;
  alg: SigningAlg;
  jwk: JWK;
}

interface KeyRow {
  kid: string;
  alg: SigningAlg;
  private_jwk: string;
  created_at_ms: number;
  retired_at_ms: number | null;
}

/**
 * Each issuer's signing keys: one RS256 and one ES256 key sign at a time; rotation retires them
 * (they keep verifying, listed in the JWKS, for the grace period) and makes new ones.
 */
export class SigningKeys {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly graceMs: number,
  ) {}

  /** New signing keys for `issuer`, one per algorithm. */
  static async generate(): Promise<PrivateKey[]> {
    return Promise.all(SIGNING_ALGS.map(async (alg) => {
      const { privateKey } = await generateKeyPair(alg, { extractable: true });
      const jwk = await exportJWK(privateKey);
      const kid = await calculateJwkThumbprint(jwk);
      return { kid, alg, jwk: { ...jwk, kid, alg, use: 'sig' } };
    }));
  }

  /** Stores `keys` as the issuer's signing keys; the ones signing so far are retired now (call inside a transaction). */
  install(issuer: string, keys: PrivateKey[], nowMs = Date.now()): void {
    this.db.prepare('UPDATE signing_keys SET retired_at_ms = ? WHERE issuer = ? AND retired_at_ms IS NULL').run(nowMs, issuer);
    const insert = this.db.prepare('INSERT INTO signing_keys (issuer, kid, alg, private_jwk, created_at_ms) VALUES (?, ?, ?, ?, ?)');
    for (const key of keys) insert.run(issuer, key.kid, key.alg, JSON.stringify(key.jwk), nowMs);
  }

  /** The private keys oidc-provider signs and publishes with: signing keys first, then retired ones still in their grace period. */
  keySet(issuer: string, nowMs = Date.now()): JWK[] {
    return this.rows(issuer, nowMs).map((row) => JSON.parse(row.private_jwk) as JWK);
  }

  summaries(issuer: string, nowMs = Date.now()): SigningKeySummary[] {
    return this.rows(issuer, nowMs).map((row) => ({
      kid: row.kid,
      alg: row.alg,
      created_at: new Date(row.created_at_ms).toISOString(),
      retired_at: row.retired_at_ms === null ? null : new Date(row.retired_at_ms).toISOString(),
    }));
  }

  /** The moment the next retired key leaves the JWKS, so the provider can be rebuilt then. */
  nextExpiry(issuer: string, nowMs = Date.now()): number | undefined {
    const retired = this.rows(issuer, nowMs).map((row) => row.retired_at_ms).filter((at): at is number => at !== null);
    return retired.length > 0 ? Math.min(...retired) + this.graceMs : undefined;
  }

  private rows(issuer: string, nowMs: number): KeyRow[] {
    return this.db.prepare(`
      SELECT kid, alg, private_jwk, created_at_ms, retired_at_ms FROM signing_keys
      WHERE issuer = ? AND (retired_at_ms IS NULL OR retired_at_ms + ? > ?)
      ORDER BY retired_at_ms IS NOT NULL, created_at_ms DESC, alg
    `).all(issuer, this.graceMs, nowMs) as KeyRow[];
  }
}
