import { randomBytes } from 'node:crypto';
import type Provider from 'oidc-provider';
import type { SqliteDatabase } from '../kit/sqlite';
import type { AuthProviderConfig } from './config';
import { openAuthProviderDatabase } from './database';
import { Directory, type Claims, type ClientRegistration, type RegisteredClient, type User } from './directory';
import { runOnClock, realTime } from './issuer-clock';
import { Issuers, type Issuer, type QueuedFailure } from './issuers';
import { deleteExpiredModels, deleteSessions } from './oidc-model-store';
import { ProviderCache } from './provider-cache';
import { SigningKeys, type SigningAlg, type SigningKeySummary } from './signing-keys';

export const DEFAULT_ISSUER = 'default';

/** What the control API says about an issuer. */
export interface IssuerView {
  id: string;
  signing_alg: SigningAlg;
  clock: { offset_s: number; frozen: boolean; now: string };
  pending_failure: { error: string; error_description: string | null; status: number; remaining: number } | null;
  keys: SigningKeySummary[];
  created_at: string;
}

/**
 * The auth provider's domain: issuers (each an oidc-provider instance per issuer URL), their
 * users and clients, and the controls tests script failures with. The HTTP adapter
 * (src/handlers/auth-provider) only routes to it.
 */
export class AuthProvider {
  readonly directory: Directory;
  readonly issuers: Issuers;
  private readonly cache = new ProviderCache();
  private readonly cookieSecret: string;

  private constructor(
    private readonly db: SqliteDatabase,
    private readonly config: AuthProviderConfig,
    private readonly pagePolicy: string,
    reservedIds: ReadonlySet<string>,
  ) {
    this.directory = new Directory(db, config.staticDirectory);
    this.issuers = new Issuers(db, new SigningKeys(db, config.keyGraceS * 1000), reservedIds);
    this.cookieSecret = cookieSecret(db);
  }

  /** Opens the database and makes sure the `default` issuer exists. */
  static async open(config: AuthProviderConfig, options: { pagePolicy: string; reservedIds: ReadonlySet<string> }): Promise<AuthProvider> {
    const db = openAuthProviderDatabase(config);
    try {
      deleteExpiredModels(db);
      const core = new AuthProvider(db, config, options.pagePolicy, options.reservedIds);
      await core.issuers.ensure(DEFAULT_ISSUER);
      return core;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** The issuer URL for a request that reached the server at `requestBase` (AUTH_ISSUER_BASE wins). */
  issuerUrl(issuerId: string, requestBase: string): string {
    return `${this.config.issuerBase || requestBase}/${issuerId}`;
  }

  /** The issuer (created on first use) and its oidc-provider instance for that issuer URL. */
  async provider(issuerId: string, requestBase: string): Promise<{ issuer: Issuer; provider: Provider }> {
    const issuer = await this.issuers.ensure(issuerId);
    // oidc-provider (and koa under it) loads with the first issuer a request needs, not at start-up.
    const { buildProvider } = await import('./provider-factory');
    const provider = this.cache.get(this.issuerUrl(issuerId, requestBase), issuerId, () => ({
      provider: buildProvider(this.issuerUrl(issuerId, requestBase), issuer, {
        db: this.db,
        directory: this.directory,
        issuers: this.issuers,
        strict: this.config.strict,
        accessTokenTtlS: this.config.accessTokenTtlS,
        cookieSecret: this.cookieSecret,
        pagePolicy: this.pagePolicy,
      }),
      staleAt: this.issuers.keys.nextExpiry(issuerId, realTime()) ?? Number.POSITIVE_INFINITY,
    }));
    return { issuer, provider };
  }

  /** Runs `work` on the issuer's clock (see issuer-clock.ts). */
  onClock<T>(issuer: Issuer, work: () => T): T {
    return runOnClock(issuer.clock, work);
  }

  async describe(issuerId: string): Promise<IssuerView> {
    return view(await this.issuers.ensure(issuerId), this.issuers.keys.summaries(issuerId, realTime()));
  }

  list(): IssuerView[] {
    return this.issuers.list().map((issuer) => view(issuer, this.issuers.keys.summaries(issuer.id, realTime())));
  }

  async users(issuerId: string): Promise<User[]> {
    await this.issuers.ensure(issuerId);
    return this.directory.users(issuerId);
  }

  async putUser(issuerId: string, subject: string, claims: Claims): Promise<User> {
    await this.issuers.ensure(issuerId);
    const user = this.directory.putUser(issuerId, subject, claims);
    this.cache.invalidate(issuerId);
    return user;
  }

  async deleteUser(issuerId: string, subject: string): Promise<void> {
    await this.issuers.ensure(issuerId);
    this.directory.deleteUser(issuerId, subject);
    this.cache.invalidate(issuerId);
  }

  async clients(issuerId: string): Promise<RegisteredClient[]> {
    await this.issuers.ensure(issuerId);
    return this.directory.clients(issuerId);
  }

  async putClient(issuerId: string, registration: ClientRegistration): Promise<RegisteredClient> {
    await this.issuers.ensure(issuerId);
    const client = this.directory.putClient(issuerId, registration);
    this.cache.invalidate(issuerId);
    return client;
  }

  async deleteClient(issuerId: string, clientId: string): Promise<void> {
    await this.issuers.ensure(issuerId);
    this.directory.deleteClient(issuerId, clientId);
    this.cache.invalidate(issuerId);
  }

  async rotateKeys(issuerId: string, alg: SigningAlg): Promise<IssuerView> {
    await this.issuers.ensure(issuerId);
    await this.issuers.rotateKeys(issuerId, alg);
    this.cache.invalidate(issuerId);
    return this.describe(issuerId);
  }

  async queueFailures(issuerId: string, failure: QueuedFailure): Promise<IssuerView> {
    await this.issuers.ensure(issuerId);
    this.issuers.queueFailures(issuerId, failure);
    return this.describe(issuerId);
  }

  async clearFailures(issuerId: string): Promise<IssuerView> {
    await this.issuers.ensure(issuerId);
    this.issuers.clearFailures(issuerId);
    return this.describe(issuerId);
  }

  async setClock(issuerId: string, offsetS: number, frozen: boolean): Promise<IssuerView> {
    await this.issuers.ensure(issuerId);
    this.issuers.setClock(issuerId, Math.round(offsetS * 1000), frozen);
    return this.describe(issuerId);
  }

  /** Ends every sign-in session of the issuer; issued tokens stay valid until they expire or are revoked. */
  async revokeSessions(issuerId: string): Promise<number> {
    await this.issuers.ensure(issuerId);
    return deleteSessions(this.db, issuerId);
  }

  close(): void {
    this.db.close();
  }
}

function view(issuer: Issuer, keys: SigningKeySummary[]): IssuerView {
  const { offsetMs, frozenAtMs } = issuer.clock;
  return {
    id: issuer.id,
    signing_alg: issuer.signingAlg,
    clock: { offset_s: offsetMs / 1000, frozen: frozenAtMs !== null, now: new Date((frozenAtMs ?? realTime()) + offsetMs).toISOString() },
    pending_failure: issuer.failure && { error: issuer.failure.error, error_description: issuer.failure.description, status: issuer.failure.status, remaining: issuer.failure.left },
    keys,
    created_at: issuer.createdAt,
  };
}

/** The secret the providers sign cookies with, made once per database. */
function cookieSecret(db: SqliteDatabase): string {
  db.prepare("INSERT OR IGNORE INTO settings (name, value) VALUES ('cookie_secret', ?)").run(randomBytes(32).toString('base64url'));
  return (db.prepare("SELECT value FROM settings WHERE name = 'cookie_secret'").get() as { value: string }).value;
}
