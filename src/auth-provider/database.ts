import { openSqlite, type SqliteDatabase, type StorageLocation } from '../kit/sqlite';
import type { Migration } from '../kit/sqlite-migrations';

/**
 * Schema versions of the auth provider's file (docs/ARCHITECTURE.md, "Persistence"): the issuers
 * with their controls (clock, queued failures), signing keys, users, clients, oidc-provider's own
 * models (sessions, grants, codes, tokens, device codes; `oidc_models`), and installation-wide
 * settings (the cookie signing secret).
 */
const MIGRATIONS: readonly Migration[] = [
  `
  CREATE TABLE issuers (
    id TEXT PRIMARY KEY,
    signing_alg TEXT NOT NULL,
    clock_offset_ms INTEGER NOT NULL DEFAULT 0,
    frozen_at_ms INTEGER,
    failure_error TEXT,
    failure_description TEXT,
    failure_status INTEGER,
    failures_left INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
  );
  CREATE TABLE signing_keys (
    issuer TEXT NOT NULL REFERENCES issuers(id) ON DELETE CASCADE,
    kid TEXT NOT NULL,
    alg TEXT NOT NULL,
    private_jwk TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    retired_at_ms INTEGER,
    PRIMARY KEY (issuer, kid)
  );
  CREATE TABLE users (
    issuer TEXT NOT NULL REFERENCES issuers(id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    claims TEXT NOT NULL,
    PRIMARY KEY (issuer, subject)
  );
  CREATE TABLE clients (
    issuer TEXT NOT NULL REFERENCES issuers(id) ON DELETE CASCADE,
    client_id TEXT NOT NULL,
    registration TEXT NOT NULL,
    PRIMARY KEY (issuer, client_id)
  );
  CREATE TABLE oidc_models (
    issuer TEXT NOT NULL,
    model TEXT NOT NULL,
    id TEXT NOT NULL,
    payload TEXT NOT NULL,
    grant_id TEXT,
    user_code TEXT,
    uid TEXT,
    expires_at_ms INTEGER,
    PRIMARY KEY (issuer, model, id)
  );
  CREATE INDEX oidc_models_grant ON oidc_models (issuer, grant_id) WHERE grant_id IS NOT NULL;
  CREATE INDEX oidc_models_user_code ON oidc_models (issuer, model, user_code) WHERE user_code IS NOT NULL;
  CREATE INDEX oidc_models_uid ON oidc_models (issuer, model, uid) WHERE uid IS NOT NULL;
  CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
];

export function openAuthProviderDatabase(location: StorageLocation): SqliteDatabase {
  return openSqlite(location, 'auth-provider.db', MIGRATIONS);
}
